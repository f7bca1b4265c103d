using Azure.Data.Tables;
using MazeVault.Alerts.Core.Storage;

namespace MazeVault.Alerts.Core.Recipients;

/// <summary>Recipient policies in table <c>RecipientPolicies</c>: PartitionKey = organization, one row per organization.</summary>
public sealed class RecipientPolicyStore(TableProvider tables, OrganizationRegistry organizations)
{
    private const string Row = "policy";

    /// <summary>The saved policy, or null when no admin saved one.</summary>
    public async Task<RecipientPolicy?> GetAsync(string organizationId, CancellationToken ct)
    {
        var table = await tables.GetAsync(TableNames.RecipientPolicies, ct);
        var response = await table.GetEntityIfExistsAsync<TableEntity>(organizationId, Row, cancellationToken: ct);
        if (!response.HasValue)
        {
            return null;
        }

        var entity = response.Value!;
        return new RecipientPolicy
        {
            OrganizationId = organizationId,
            Configured = true,
            AllowedDomains = EntityJson.ReadList(entity.GetString("AllowedDomains")),
            AllowedAddresses = EntityJson.ReadList(entity.GetString("AllowedAddresses")),
            UpdatedAt = entity.GetDateTimeOffset("UpdatedAt"),
            ETag = entity.ETag.ToString(),
        };
    }

    /// <summary>Unconditional without an ETag; with one, a stale (or no longer existing) row conflicts.</summary>
    public async Task<RecipientPolicy> ReplaceAsync(RecipientPolicy policy, CancellationToken ct)
    {
        await organizations.EnsureAsync(policy.OrganizationId, ct);
        var table = await tables.GetAsync(TableNames.RecipientPolicies, ct);
        var entity = new TableEntity(policy.OrganizationId, Row)
        {
            ["AllowedDomains"] = EntityJson.Write(policy.AllowedDomains),
            ["AllowedAddresses"] = EntityJson.Write(policy.AllowedAddresses),
            ["UpdatedAt"] = policy.UpdatedAt,
        };
        var response = await TableWrites.ReplaceAsync(table, entity, policy.ETag, "The recipient policy", ct);
        return policy with { Configured = true, ETag = response.Headers.ETag?.ToString() };
    }
}
