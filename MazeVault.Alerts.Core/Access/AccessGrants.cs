using System.Runtime.CompilerServices;
using Azure.Data.Tables;
using MazeVault.Alerts.Core.Storage;

namespace MazeVault.Alerts.Core.Access;

/// <summary>
/// Which organizations a principal that is not Alerts.Admin may act on: one row per grant in the AccessGrants table
/// (PartitionKey = the principal's object id, RowKey = organization id), managed by admins through the API.
/// </summary>
public sealed class AccessGrants(TableProvider tables, TimeProvider clock)
{
    public async Task<bool> IsGrantedAsync(string principalId, string organizationId, CancellationToken ct)
    {
        if (!TableKeys.IsValid(principalId) || !TableKeys.IsValid(organizationId))
        {
            return false;
        }

        var table = await tables.GetAsync(TableNames.AccessGrants, ct);
        return (await table.GetEntityIfExistsAsync<TableEntity>(principalId, organizationId, ["PartitionKey"], ct)).HasValue;
    }

    /// <summary>True when the grant is new; an existing grant is left as it was (with its first GrantedAt).</summary>
    public async Task<bool> GrantAsync(string principalId, string organizationId, CancellationToken ct)
    {
        Require(principalId, organizationId);
        var table = await tables.GetAsync(TableNames.AccessGrants, ct);
        return await TableWrites.TryAddAsync(table, new TableEntity(principalId, organizationId) { ["GrantedAt"] = clock.GetUtcNow() }, ct);
    }

    /// <summary>False when there was no such grant.</summary>
    public async Task<bool> RevokeAsync(string principalId, string organizationId, CancellationToken ct)
    {
        Require(principalId, organizationId);
        var table = await tables.GetAsync(TableNames.AccessGrants, ct);
        var response = await table.DeleteEntityAsync(principalId, organizationId, Azure.ETag.All, ct);
        return response.Status != 404;
    }

    public async IAsyncEnumerable<string> OrganizationsOfAsync(string principalId, [EnumeratorCancellation] CancellationToken ct)
    {
        Require(principalId, organizationId: null);
        var table = await tables.GetAsync(TableNames.AccessGrants, ct);
        await foreach (var entity in table.QueryAsync<TableEntity>(e => e.PartitionKey == principalId, select: ["RowKey"], cancellationToken: ct))
        {
            yield return entity.RowKey;
        }
    }

    private static void Require(string principalId, string? organizationId)
    {
        var errors = new Validation.FieldErrors();
        errors.Key("principalId", principalId);
        if (organizationId is not null)
        {
            errors.Key("organizationId", organizationId);
        }

        errors.ThrowIfAny();
    }
}
