using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;
using MazeVault.Alerts.Core.Storage;

namespace MazeVault.Alerts.Core.Inventory;

/// <summary>Certificates and rotation configs in their tables: PartitionKey = organization, RowKey = id.</summary>
public sealed class TableInventoryStore(TableProvider tables, OrganizationRegistry organizations) : IInventoryStore
{
    /// <summary>Table Storage's limit on one entity group transaction.</summary>
    public const int MaxBatchSize = 100;

    /// <summary>Table Storage's largest page of a query.</summary>
    private const int MaxPageSize = 1000;

    public async Task<Certificate> UpsertCertificateAsync(Certificate certificate, CancellationToken ct)
    {
        var etag = await UpsertAsync(TableNames.Certificates, ToEntity(certificate), certificate.ETag, $"Certificate {certificate.Id}", ct);
        return certificate with { ETag = etag };
    }

    public async Task<RotationConfig> UpsertRotationConfigAsync(RotationConfig config, CancellationToken ct)
    {
        var etag = await UpsertAsync(TableNames.RotationConfigs, ToEntity(config), config.ETag, $"Rotation config {config.Id}", ct);
        return config with { ETag = etag };
    }

    public async Task<Certificate?> GetCertificateAsync(string organizationId, string id, CancellationToken ct)
    {
        var entity = await GetAsync(TableNames.Certificates, organizationId, id, ct);
        return entity is null ? null : CertificateFrom(entity);
    }

    public async Task<RotationConfig?> GetRotationConfigAsync(string organizationId, string id, CancellationToken ct)
    {
        var entity = await GetAsync(TableNames.RotationConfigs, organizationId, id, ct);
        return entity is null ? null : RotationConfigFrom(entity);
    }

    public Task<IReadOnlyList<ImportItemResult>> ImportCertificatesAsync(IReadOnlyList<Certificate> certificates, CancellationToken ct) =>
        ImportAsync(TableNames.Certificates, certificates.Select(ToEntity).ToList(), ct);

    public Task<IReadOnlyList<ImportItemResult>> ImportRotationConfigsAsync(IReadOnlyList<RotationConfig> configs, CancellationToken ct) =>
        ImportAsync(TableNames.RotationConfigs, configs.Select(ToEntity).ToList(), ct);

    public IAsyncEnumerable<Certificate> ScanCertificatesAsync(string organizationId, CancellationToken ct) =>
        ScanAsync(TableNames.Certificates, organizationId, CertificateFrom, ct);

    public IAsyncEnumerable<RotationConfig> ScanRotationConfigsAsync(string organizationId, CancellationToken ct) =>
        ScanAsync(TableNames.RotationConfigs, organizationId, RotationConfigFrom, ct);

    public IAsyncEnumerable<string> ListOrganizationsAsync(CancellationToken ct) => organizations.ListAsync(ct);

    /// <summary>Unconditional without an ETag (the vault's upsert); with one (a record read back), a change since is a conflict.</summary>
    private async Task<string?> UpsertAsync(string tableName, TableEntity entity, string? etag, string what, CancellationToken ct)
    {
        await organizations.EnsureAsync(entity.PartitionKey, ct);
        var table = await tables.GetAsync(tableName, ct);
        var response = await TableWrites.ReplaceAsync(table, entity, etag, what, ct);
        return response.Headers.ETag?.ToString();
    }

    private async Task<TableEntity?> GetAsync(string tableName, string organizationId, string id, CancellationToken ct)
    {
        var table = await tables.GetAsync(tableName, ct);
        var response = await table.GetEntityIfExistsAsync<TableEntity>(organizationId, id, cancellationToken: ct);
        return response.HasValue ? response.Value : null;
    }

    /// <summary>
    /// Streams a partition page by page, asking for the next page before handing out this one's rows: the storage
    /// prepares page n+1 while the caller works through page n, so a scan costs about the storage's time alone.
    /// </summary>
    private async IAsyncEnumerable<T> ScanAsync<T>(string tableName, string organizationId, Func<TableEntity, T> map, [EnumeratorCancellation] CancellationToken ct)
    {
        var table = await tables.GetAsync(tableName, ct);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {organizationId}");
        var pages = table.QueryAsync<TableEntity>(filter, maxPerPage: MaxPageSize, cancellationToken: ct).AsPages().GetAsyncEnumerator(ct);
        var next = pages.MoveNextAsync().AsTask();
        try
        {
            while (await next)
            {
                var page = pages.Current;
                next = pages.MoveNextAsync().AsTask();
                foreach (var entity in page.Values)
                {
                    yield return map(entity);
                }
            }
        }
        finally
        {
            await EndPrefetchAsync(next);
            await pages.DisposeAsync();
        }
    }

    /// <summary>
    /// A caller that stops early (or fails) leaves one page fetch running, which must end before its enumerator is
    /// disposed; its outcome is no longer wanted, and the caller's own exception, if any, is the one that matters.
    /// </summary>
    private static async Task EndPrefetchAsync(Task<bool> fetch)
    {
        try
        {
            await fetch;
        }
        catch (Exception e) when (e is RequestFailedException or OperationCanceledException)
        {
            // Deliberately ignored: see the summary.
        }
    }

    /// <summary>
    /// One transaction per (partition, 100 entities); a batch the service rejects is reported on each of its items
    /// and does not stop the other batches.
    /// </summary>
    private async Task<IReadOnlyList<ImportItemResult>> ImportAsync(string tableName, List<TableEntity> entities, CancellationToken ct)
    {
        var results = new ImportItemResult[entities.Count];
        var table = await tables.GetAsync(tableName, ct);
        var batches = entities
            .Select((entity, index) => (entity, index))
            .GroupBy(item => item.entity.PartitionKey, StringComparer.Ordinal)
            .SelectMany(partition => partition.Chunk(MaxBatchSize));
        foreach (var batch in batches)
        {
            await organizations.EnsureAsync(batch[0].entity.PartitionKey, ct);
            string?[] errors = await SubmitAsync(table, batch.Select(item => item.entity).ToList(), ct);
            for (var i = 0; i < batch.Length; i++)
            {
                results[batch[i].index] = new ImportItemResult(batch[i].index, batch[i].entity.RowKey, errors[i]);
            }
        }

        return results;
    }

    private static async Task<string?[]> SubmitAsync(TableClient table, List<TableEntity> batch, CancellationToken ct)
    {
        var errors = new string?[batch.Count];
        try
        {
            await table.SubmitTransactionAsync(batch.Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, e)), ct);
        }
        catch (TableTransactionFailedException e)
        {
            var culprit = e.FailedTransactionActionIndex;
            for (var i = 0; i < errors.Length; i++)
            {
                errors[i] = i == culprit
                    ? $"Rejected by storage ({e.ErrorCode ?? e.Status.ToString()}); its batch was not written."
                    : $"Not written: another item of its batch (id {batch[culprit ?? 0].RowKey}) was rejected by storage.";
            }
        }
        catch (RequestFailedException e)
        {
            Array.Fill(errors, $"Not written: storage refused the batch ({e.ErrorCode ?? e.Status.ToString()}).");
        }

        return errors;
    }

    private static TableEntity ToEntity(Certificate c) => new(c.OrganizationId, c.Id)
    {
        ["Subject"] = c.Subject,
        ["NotAfter"] = c.NotAfter,
        ["AutoRenewalEnabled"] = c.AutoRenewalEnabled,
        ["LastRenewalStatus"] = c.LastRenewalStatus.ToString(),
    };

    private static Certificate CertificateFrom(TableEntity e) => new()
    {
        Id = e.RowKey,
        OrganizationId = e.PartitionKey,
        Subject = e.GetString("Subject") ?? "",
        NotAfter = e.GetDateTimeOffset("NotAfter") ?? default,
        AutoRenewalEnabled = e.GetBoolean("AutoRenewalEnabled") ?? false,
        LastRenewalStatus = Enum.TryParse<RenewalStatus>(e.GetString("LastRenewalStatus"), out var status) ? status : RenewalStatus.None,
        ETag = e.ETag.ToString(),
    };

    private static TableEntity ToEntity(RotationConfig r) => new(r.OrganizationId, r.Id)
    {
        ["SecretName"] = r.SecretName,
        ["Enabled"] = r.Enabled,
        ["Status"] = r.Status.ToString(),
        ["NextRotationDue"] = r.NextRotationDue,
        ["LastError"] = r.LastError,
        ["NotificationEmails"] = EntityJson.Write(r.NotificationEmails),
        ["FailureNoticeOwedSince"] = r.FailureNoticeOwedSince,
    };

    private static RotationConfig RotationConfigFrom(TableEntity e) => new()
    {
        Id = e.RowKey,
        OrganizationId = e.PartitionKey,
        SecretName = e.GetString("SecretName") ?? "",
        Enabled = e.GetBoolean("Enabled") ?? true,
        Status = Enum.TryParse<RotationStatus>(e.GetString("Status"), out var status) ? status : RotationStatus.None,
        NextRotationDue = e.GetDateTimeOffset("NextRotationDue"),
        LastError = e.GetString("LastError"),
        NotificationEmails = EntityJson.ReadList(e.GetString("NotificationEmails")),
        FailureNoticeOwedSince = e.GetDateTimeOffset("FailureNoticeOwedSince"),
        ETag = e.ETag.ToString(),
    };
}
