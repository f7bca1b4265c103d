using System.Runtime.CompilerServices;
using Azure.Data.Tables;
using MazeVault.Alerts.Core.Storage;
using MazeVault.Alerts.Core.Validation;

namespace MazeVault.Alerts.Core.Access;

/// <summary>
/// Which organizations an Entra principal that is not a platform admin may act on, and as what: one row per grant in the
/// AccessGrants table (PartitionKey = the principal's object id, RowKey = organization id, Role), managed by platform
/// admins through the API. A row without Role is a grant from before roles per organization (<see cref="AccessGrant"/>).
/// </summary>
public sealed class AccessGrants(TableProvider tables, TimeProvider clock)
{
    /// <summary>The principal's grant for the organization, or null when it has none.</summary>
    public async Task<AccessGrant?> FindAsync(string principalId, string organizationId, CancellationToken ct)
    {
        if (!TableKeys.IsValid(principalId) || !TableKeys.IsValid(organizationId))
        {
            return null;
        }

        var table = await tables.GetAsync(TableNames.AccessGrants, ct);
        var read = await table.GetEntityIfExistsAsync<TableEntity>(principalId, organizationId, ["RowKey", "Role"], ct);
        return read.HasValue ? FromEntity(read.Value!) : null;
    }

    /// <summary>
    /// Grants the organization with <paramref name="input"/>'s role (none: the principal's app roles act there). True when
    /// the grant is new; an existing one takes the new role and keeps its first GrantedAt.
    /// </summary>
    public async Task<bool> GrantAsync(string principalId, string organizationId, AccessGrantInput? input, CancellationToken ct)
    {
        var errors = Require(principalId, organizationId);
        var role = input?.Role is null ? null : OrganizationRoles.Parse(errors, "role", input.Role);
        errors.ThrowIfAny();
        var table = await tables.GetAsync(TableNames.AccessGrants, ct);
        var read = await table.GetEntityIfExistsAsync<TableEntity>(principalId, organizationId, cancellationToken: ct);
        var entity = new TableEntity(principalId, organizationId)
        {
            ["GrantedAt"] = read.HasValue ? read.Value!.GetDateTimeOffset("GrantedAt") : clock.GetUtcNow(),
        };
        if (role is { } named)
        {
            entity["Role"] = OrganizationRoles.Name(named);
        }

        await TableErrors.ConflictsAsync(() => TableWrites.AddOrReplaceAsync(table, entity, read, ct), $"The grant of {organizationId} to {principalId}");
        return !read.HasValue;
    }

    /// <summary>False when there was no such grant.</summary>
    public async Task<bool> RevokeAsync(string principalId, string organizationId, CancellationToken ct)
    {
        Require(principalId, organizationId).ThrowIfAny();
        var table = await tables.GetAsync(TableNames.AccessGrants, ct);
        var response = await table.DeleteEntityAsync(principalId, organizationId, Azure.ETag.All, ct);
        return response.Status != 404;
    }

    public async IAsyncEnumerable<AccessGrant> ListAsync(string principalId, [EnumeratorCancellation] CancellationToken ct)
    {
        Require(principalId, organizationId: null).ThrowIfAny();
        var table = await tables.GetAsync(TableNames.AccessGrants, ct);
        await foreach (var entity in table.QueryAsync<TableEntity>(e => e.PartitionKey == principalId, select: ["RowKey", "Role"], cancellationToken: ct))
        {
            yield return FromEntity(entity);
        }
    }

    /// <summary>One page of the principal's grants, in organization id order.</summary>
    public async Task<ListPage<AccessGrant>> ListAsync(string principalId, PageRequest page, CancellationToken ct)
    {
        Require(principalId, organizationId: null).ThrowIfAny();
        var table = await tables.GetAsync(TableNames.AccessGrants, ct);
        var rows = await TablePages.ReadAsync(table, TableClient.CreateQueryFilter($"PartitionKey eq {principalId}"), page, ct, select: ["RowKey", "Role"]);
        return rows.Select(FromEntity);
    }

    private static AccessGrant FromEntity(TableEntity entity) =>
        new(entity.RowKey, OrganizationRoles.TryParse(entity.GetString("Role"), out var role) ? role : null);

    private static FieldErrors Require(string principalId, string? organizationId)
    {
        var errors = new FieldErrors();
        errors.Key("principalId", principalId);
        if (organizationId is not null)
        {
            errors.Key("organizationId", organizationId);
        }

        return errors;
    }
}
