using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using MazeVault.Alerts.Core.Channels;
using MazeVault.Alerts.Core.Routing;
using MazeVault.Alerts.Core.Secrets;
using MazeVault.Alerts.Core.Storage;

namespace MazeVault.Alerts.Core.Integrations;

/// <summary>
/// Integrations in the Integrations table: PartitionKey = organization, RowKey = integration id. The channel's settings
/// are one JSON column without its secret fields; those are sealed (<see cref="SecretSealer"/>) into the Secrets column,
/// with the key version in KekVersion. Rows written before sealing (one plain column per field) are still read, and
/// sealed on their next write or re-seal.
/// </summary>
public sealed class TableIntegrationStore(TableProvider tables, OrganizationRegistry organizations, ChannelCatalog channels, SecretSealer sealer, IKeyEncryptionKeys keys)
    : IIntegrationStore
{
    private const string SettingsColumn = "Settings";
    private const string SecretsColumn = "Secrets";
    private const string KekVersionColumn = "KekVersion";
    private const string RouteColumn = "Route";

    public async Task<Integration> CreateAsync(Integration integration, CancellationToken ct)
    {
        await organizations.EnsureAsync(integration.OrganizationId, ct);
        var table = await tables.GetAsync(TableNames.Integrations, ct);
        var entity = await ToEntityAsync(integration, ct);
        var response = await TableErrors.ConflictsAsync(() => table.AddEntityAsync(entity, ct), $"Integration {integration.Id}");
        return integration with { ETag = response.Headers.ETag?.ToString() };
    }

    public async Task<Integration?> GetAsync(string organizationId, string id, CancellationToken ct)
    {
        var table = await tables.GetAsync(TableNames.Integrations, ct);
        var response = await table.GetEntityIfExistsAsync<TableEntity>(organizationId, id, cancellationToken: ct);
        return response.HasValue ? FromEntity(response.Value!) : null;
    }

    public async IAsyncEnumerable<Integration> ListAsync(string organizationId, [EnumeratorCancellation] CancellationToken ct)
    {
        var table = await tables.GetAsync(TableNames.Integrations, ct);
        await foreach (var page in table.QueryAsync<TableEntity>(e => e.PartitionKey == organizationId, cancellationToken: ct).AsPages().WithCancellation(ct))
        {
            foreach (var entity in page.Values)
            {
                yield return FromEntity(entity);
            }
        }
    }

    public async Task<ListPage<Integration>> ListAsync(string organizationId, PageRequest page, CancellationToken ct)
    {
        var table = await tables.GetAsync(TableNames.Integrations, ct);
        var rows = await TablePages.ReadAsync(table, TableClient.CreateQueryFilter($"PartitionKey eq {organizationId}"), page, ct);
        return rows.Select(FromEntity);
    }

    public async Task<Integration> UpdateAsync(Integration integration, CancellationToken ct)
    {
        var table = await tables.GetAsync(TableNames.Integrations, ct);
        var entity = await ToEntityAsync(integration, ct);
        var response = await TableErrors.ConflictsAsync(
            () => table.UpdateEntityAsync(entity, TableErrors.IfMatch(integration.ETag), TableUpdateMode.Replace, ct),
            $"Integration {integration.Id}");
        return integration with { ETag = response.Headers.ETag?.ToString() };
    }

    public async Task<bool> DeleteAsync(string organizationId, string id, string? etag, CancellationToken ct)
    {
        var table = await tables.GetAsync(TableNames.Integrations, ct);
        var response = await TableErrors.ConflictsAsync(
            () => table.DeleteEntityAsync(organizationId, id, TableErrors.IfMatch(etag), ct), $"Integration {id}");
        return response.Status != 404;
    }

    public async Task<ResealReport> ResealAsync(CancellationToken ct)
    {
        var current = (await keys.GetCurrentAsync(ct)).Version;
        return await RewriteAsync(current, entity =>
        {
            var sealedWith = entity.GetString(KekVersionColumn);
            var isPlainFormat = entity.GetString(SettingsColumn) is null;
            return isPlainFormat || (sealedWith is not null && sealedWith != current) || NeedsDestinationBinding(entity);
        }, ct);
    }

    public async Task<ResealReport> BindDestinationsAsync(CancellationToken ct) =>
        await RewriteAsync((await keys.GetCurrentAsync(ct)).Version, NeedsDestinationBinding, ct);

    /// <summary>Rewrites (re-seals) every row <paramref name="needsRewrite"/> picks, counting what became of each.</summary>
    private async Task<ResealReport> RewriteAsync(string current, Func<TableEntity, bool> needsRewrite, CancellationToken ct)
    {
        var table = await tables.GetAsync(TableNames.Integrations, ct);
        var report = new ResealReport { KekVersion = current };
        await foreach (var page in table.QueryAsync<TableEntity>(cancellationToken: ct).AsPages().WithCancellation(ct))
        {
            foreach (var entity in page.Values)
            {
                report = report with { Scanned = report.Scanned + 1 };
                report = needsRewrite(entity) ? await ResealOneAsync(entity, report, ct) : report with { AlreadyCurrent = report.AlreadyCurrent + 1 };
            }
        }

        return report;
    }

    /// <summary>A row sealed before destinations were bound, whose settings name one: re-sealing binds it.</summary>
    private bool NeedsDestinationBinding(TableEntity entity) =>
        entity.GetString(SecretsColumn) is { } sealedJson
        && !JsonSerializer.Deserialize<SealedSecrets>(sealedJson)!.DestinationBound
        && FromEntity(entity).Settings.SecretsDestination is not null;

    private async Task<ResealReport> ResealOneAsync(TableEntity entity, ResealReport report, CancellationToken ct)
    {
        try
        {
            // The ETag just read: a write since then wins, and it sealed with the current version anyway.
            await UpdateAsync(FromEntity(entity), ct);
            return report with { Resealed = report.Resealed + 1 };
        }
        catch (ConcurrencyConflictException)
        {
            return report with { Changed = report.Changed + 1 };
        }
        catch (SecretIntegrityException)
        {
            return report with { Unreadable = report.Unreadable + 1, UnreadableIds = [.. report.UnreadableIds, $"{entity.PartitionKey}/{entity.RowKey}"] };
        }
    }

    private async Task<TableEntity> ToEntityAsync(Integration integration, CancellationToken ct)
    {
        var settings = integration.Settings;
        var document = JsonSerializer.SerializeToNode(settings, settings.GetType(), ChannelSettingsJson.Options)!.AsObject();
        var secrets = new Dictionary<string, string>();
        foreach (var field in SecretFields.Of(settings.GetType()))
        {
            document.Remove(field.Name);
            if (field.Get(settings) is { IsEmpty: false } secret)
            {
                secrets[field.Name] = await secret.RevealAsync(ct);
            }
        }

        var entity = new TableEntity(integration.OrganizationId, integration.Id)
        {
            ["Type"] = integration.Type,
            ["Name"] = integration.Name,
            ["Category"] = integration.Category,
            ["Active"] = integration.Active,
            ["WeeklyReport"] = integration.WeeklyReport,
            ["Digest"] = integration.Digest,
            ["NotifyResolved"] = integration.NotifyResolved,
            ["Paced"] = integration.Paced,
            [SettingsColumn] = document.ToJsonString(),
            ["CreatedAt"] = integration.CreatedAt,
            ["UpdatedAt"] = integration.UpdatedAt,
        };
        if (integration.Route.ToStored() is { } route)
        {
            entity[RouteColumn] = route;
        }

        if (secrets.Count > 0)
        {
            var sealedSecrets = await sealer.SealAsync(integration.OrganizationId, integration.Id, settings.SecretsDestination, secrets, ct);
            entity[SecretsColumn] = JsonSerializer.Serialize(sealedSecrets);
            entity[KekVersionColumn] = sealedSecrets.KekVersion;
        }

        return entity;
    }

    private Integration FromEntity(TableEntity e)
    {
        var registration = channels.Find(e.GetString("Type"))
            ?? throw new InvalidOperationException($"Integration {e.RowKey} has type '{e.GetString("Type")}', which no registered channel serves.");
        var settings = ReadSettings(e, registration.SettingsType);
        if (e.GetString(SecretsColumn) is { } sealedJson)
        {
            var sealedSecrets = JsonSerializer.Deserialize<SealedSecrets>(sealedJson)!;
            // The destination as the row names it now: one changed in storage does not open the seal.
            var destination = settings.SecretsDestination;
            foreach (var field in SecretFields.Of(registration.SettingsType))
            {
                var fieldName = field.Name;
                field.Set(settings, sealedSecrets.Fields.TryGetValue(fieldName, out var sealedField)
                    ? Secret.Sealed(sealedField.Hint, ct => sealer.OpenAsync(e.PartitionKey, e.RowKey, destination, sealedSecrets, fieldName, ct))
                    : null);
            }
        }

        return new Integration
        {
            Id = e.RowKey,
            OrganizationId = e.PartitionKey,
            Type = registration.Type,
            Name = e.GetString("Name") ?? "",
            Category = e.GetString("Category") ?? Integration.NotificationCategory,
            Active = e.GetBoolean("Active") ?? true,
            WeeklyReport = e.GetBoolean("WeeklyReport") ?? false,
            Digest = e.GetBoolean("Digest") ?? false,
            NotifyResolved = e.GetBoolean("NotifyResolved") ?? true,
            Paced = e.GetBoolean("Paced") ?? false,
            Route = AlertRoute.FromStored(e.GetString(RouteColumn)),
            Settings = settings,
            CreatedAt = e.GetDateTimeOffset("CreatedAt") ?? default,
            UpdatedAt = e.GetDateTimeOffset("UpdatedAt") ?? default,
            ETag = e.ETag.ToString(),
        };
    }

    /// <summary>
    /// The settings document, or for a row in the plain format of earlier versions the columns named like the settings'
    /// properties (their secrets plain; lists as JSON strings).
    /// </summary>
    private static ChannelSettings ReadSettings(TableEntity e, Type settingsType)
    {
        if (e.GetString(SettingsColumn) is { } json)
        {
            return (ChannelSettings)JsonSerializer.Deserialize(json, settingsType, ChannelSettingsJson.Options)!;
        }

        var document = new JsonObject();
        foreach (var property in settingsType.GetProperties().Where(p => p.CanWrite))
        {
            if (e.TryGetValue(property.Name, out var value) && value is string text && text.Length > 0)
            {
                document[ChannelSettingsJson.FieldName(property.Name)] = IsList(property.PropertyType) ? JsonNode.Parse(text) : JsonValue.Create(text);
            }
        }

        return (ChannelSettings)document.Deserialize(settingsType, ChannelSettingsJson.Options)!;
    }

    private static bool IsList(Type type) => type != typeof(string) && typeof(System.Collections.IEnumerable).IsAssignableFrom(type);
}
