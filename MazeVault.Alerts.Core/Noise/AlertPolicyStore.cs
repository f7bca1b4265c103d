using System.Globalization;
using Azure.Data.Tables;
using MazeVault.Alerts.Core.Storage;

namespace MazeVault.Alerts.Core.Noise;

/// <summary>Alert policies in table <c>AlertPolicies</c>: one row per organization; none means the defaults.</summary>
public sealed class AlertPolicyStore(TableProvider tables, OrganizationRegistry organizations)
{
    private const string Row = "policy";

    public async Task<AlertPolicy> GetAsync(string organizationId, CancellationToken ct)
    {
        var table = await tables.GetAsync(TableNames.AlertPolicies, ct);
        var response = await table.GetEntityIfExistsAsync<TableEntity>(organizationId, Row, cancellationToken: ct);
        if (!response.HasValue)
        {
            return new AlertPolicy { OrganizationId = organizationId };
        }

        var e = response.Value!;
        return new AlertPolicy
        {
            OrganizationId = organizationId,
            Reminders = Enum.TryParse<ReminderMode>(e.GetString("Reminders"), out var mode) ? mode : ReminderMode.Daily,
            ThresholdDays = (e.GetString("ThresholdDays") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries)
                .Select(d => int.Parse(d, CultureInfo.InvariantCulture)).ToList() is { Count: > 0 } days ? days : AlertPolicy.DefaultThresholdDays,
            FinalStretchDays = e.GetInt32("FinalStretchDays") ?? 0,
            ResolveNotifications = e.GetBoolean("ResolveNotifications") ?? false,
            DigestContacts = e.GetBoolean("DigestContacts") ?? false,
            UpdatedAt = e.GetDateTimeOffset("UpdatedAt") ?? default,
            ETag = e.ETag.ToString(),
        };
    }

    /// <summary>Unconditional without an ETag; with one, a stale (or no longer existing) row conflicts.</summary>
    public async Task<AlertPolicy> ReplaceAsync(AlertPolicy policy, CancellationToken ct)
    {
        await organizations.EnsureAsync(policy.OrganizationId, ct);
        var table = await tables.GetAsync(TableNames.AlertPolicies, ct);
        var entity = new TableEntity(policy.OrganizationId, Row)
        {
            ["Reminders"] = policy.Reminders.ToString(),
            ["ThresholdDays"] = string.Join(',', policy.ThresholdDays.Select(d => d.ToString(CultureInfo.InvariantCulture))),
            ["FinalStretchDays"] = policy.FinalStretchDays,
            ["ResolveNotifications"] = policy.ResolveNotifications,
            ["DigestContacts"] = policy.DigestContacts,
            ["UpdatedAt"] = policy.UpdatedAt,
        };
        var response = await TableWrites.ReplaceAsync(table, entity, policy.ETag, "The alert policy", ct);
        return policy with { ETag = response.Headers.ETag?.ToString() };
    }
}
