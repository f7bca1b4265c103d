using MazeVault.Alerts.Core.Quotas;
using MazeVault.Alerts.Core.Recipients;
using MazeVault.Alerts.Core.Rules;
using MazeVault.Alerts.Core.Validation;

namespace MazeVault.Alerts.Core.Inventory;

/// <summary>
/// Validates inventory sent by the vault and writes it: single upserts and bulk imports. A write that turns an enabled
/// rotation config's status to <c>failed</c> is a failed execution, emailed through <see cref="RotationFailureNotifier"/>;
/// the write itself marks the email as owed, so a crash before the email leaves the debt on the row. A config's
/// notification addresses come from the feed, so each must be allowed by the organization's recipient policy (422 otherwise).
/// </summary>
public sealed class InventoryService(IInventoryStore store, RotationFailureNotifier failures, RecipientPolicyService recipients, OrganizationQuotas quotas, TimeProvider clock)
{
    /// <summary>Per list, so one request stays a bounded amount of work (50 transactions).</summary>
    public const int MaxImportItems = 5000;

    public Task<Certificate> UpsertCertificateAsync(string organizationId, string id, CertificateInput input, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var certificate = input.ToCertificate(errors, "", organizationId, RouteId(errors, organizationId, id, input.Id));
        errors.ThrowIfAny();
        return store.UpsertCertificateAsync(certificate!, ct);
    }

    public async Task<RotationConfig> UpsertRotationConfigAsync(string organizationId, string id, RotationConfigInput input, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var config = input.ToRotationConfig(errors, "", organizationId, RouteId(errors, organizationId, id, input.Id));
        errors.ThrowIfAny();
        await recipients.RequireAllowedAsync(organizationId, NotificationAddresses("", input).ToList(), ct);
        return await UpsertRotationConfigAsync(config!, ct);
    }

    private async Task<RotationConfig> UpsertRotationConfigAsync(RotationConfig config, CancellationToken ct)
    {
        var saved = await store.UpsertRotationConfigAsync(await WithOwedMarkAsync(config, ct), ct);
        return await failures.SettleOwedAsync(saved, ct);
    }

    /// <summary>
    /// Validates every item first: any invalid item (reported by index, e.g. <c>certificates[3].notAfter</c>) means
    /// nothing is written. Valid imports go in batches; a batch storage rejects is reported on each of its items.
    /// </summary>
    public async Task<InventoryImportResult> ImportAsync(string organizationId, InventoryImportInput input, CancellationToken ct)
    {
        var errors = new FieldErrors();
        FieldErrors.RequireOrganization(organizationId);
        var certificateInputs = input.Certificates ?? [];
        var configInputs = input.RotationConfigs ?? [];
        if (certificateInputs.Count + configInputs.Count == 0)
        {
            errors.Add("body", "Give at least one item in certificates or rotationConfigs.");
        }

        var certificates = Items(errors, "certificates", certificateInputs, c => c.Id,
            (item, prefix, id) => item.ToCertificate(errors, prefix, organizationId, id));
        var configs = Items(errors, "rotationConfigs", configInputs, c => c.Id,
            (item, prefix, id) => item.ToRotationConfig(errors, prefix, organizationId, id));
        errors.ThrowIfAny();
        await quotas.RequireImportSizeAsync(organizationId, certificates.Count + configs.Count, ct);
        await recipients.RequireAllowedAsync(
            organizationId, configInputs.SelectMany((item, i) => NotificationAddresses($"rotationConfigs[{i}].", item!)).ToList(), ct);

        var certificateResults = certificates.Count > 0 ? await store.ImportCertificatesAsync(certificates, ct) : [];
        var marked = new List<RotationConfig>(configs.Count);
        foreach (var config in configs)
        {
            marked.Add(await WithOwedMarkAsync(config, ct));
        }

        var configResults = marked.Count > 0 ? await store.ImportRotationConfigsAsync(marked, ct) : [];
        // Only configs storage took: a rejected batch changed nothing, so nothing failed.
        foreach (var config in marked.Where((c, i) => configResults[i].Error is null))
        {
            await failures.SettleOwedAsync(config, ct);
        }

        return new InventoryImportResult(certificateResults, configResults);
    }

    /// <summary>
    /// The config to write, marked when its write owes a rotation-failure email and since when: an enabled config sent as
    /// failed that is stored as anything else (a new failure, owed from now), or whose stored row still owes one (an
    /// earlier write's email a crash cut off). One read per config sent as failed: the vault's feed mostly sends configs
    /// that did not fail.
    /// </summary>
    private async Task<RotationConfig> WithOwedMarkAsync(RotationConfig config, CancellationToken ct)
    {
        if (!config.Enabled || config.Status != RotationStatus.Failed)
        {
            return config;
        }

        var stored = await store.GetRotationConfigAsync(config.OrganizationId, config.Id, ct);
        return config with { FailureNoticeOwedSince = stored is not { Status: RotationStatus.Failed } ? clock.GetUtcNow() : stored.FailureNoticeOwedSince };
    }

    /// <summary>Each address as the caller sent it, named by its place in the request (valid by now: format errors came first).</summary>
    private static IEnumerable<(string Field, string Address)> NotificationAddresses(string prefix, RotationConfigInput input) =>
        (input.NotificationEmails ?? []).Select((address, i) => ($"{prefix}notificationEmails[{i}]", address!.Trim()));

    private static List<T> Items<TInput, T>(
        FieldErrors errors, string field, IReadOnlyList<TInput?> inputs, Func<TInput, string?> idOf, Func<TInput, string, string?, T?> convert)
        where TInput : class
        where T : class
    {
        if (inputs.Count > MaxImportItems)
        {
            errors.Add(field, $"must hold at most {MaxImportItems} items per request.");
            return [];
        }

        var items = new List<T>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < inputs.Count; i++)
        {
            var prefix = $"{field}[{i}].";
            if (inputs[i] is not { } input)
            {
                errors.Add($"{field}[{i}]", "must be an object, not null.");
                continue;
            }

            var id = errors.Key(prefix + "id", idOf(input));
            if (id is not null && !seen.Add(id))
            {
                // Two writes of one row in a batch would fail the whole batch.
                errors.Add(prefix + "id", "appears more than once in this import.");
                id = null;
            }

            if (convert(input, prefix, id) is { } item)
            {
                items.Add(item);
            }
        }

        return items;
    }

    /// <summary>The id from the route; a body that names a different id is refused rather than silently ignored.</summary>
    private static string? RouteId(FieldErrors errors, string organizationId, string routeId, string? bodyId)
    {
        errors.Key("organizationId", organizationId);
        var id = errors.Key("id", routeId);
        if (bodyId is not null && bodyId != routeId)
        {
            errors.Add("id", "must match the id in the URL (or be omitted).");
            return null;
        }

        return id;
    }
}
