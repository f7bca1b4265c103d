using Azure;
using Azure.Data.Tables;
using MazeVault.Alerts.Core.Storage;
using MazeVault.Alerts.Core.Validation;

namespace MazeVault.Alerts.Core.Access;

/// <summary>
/// API keys the app issued, in table <c>AccessKeys</c> (one partition, RowKey = key id): name, role, organizations,
/// expiry, who created it, last use, and the SHA-256 of the key text. Revoking deletes the row, so the next request with
/// that key is refused.
/// </summary>
public sealed class ApiKeyStore(TableProvider tables, TimeProvider clock)
{
    public const int MaxNameLength = 100;
    public const int MaxOrganizations = 100;

    /// <summary>Last use is written at most this often per key, so a busy caller does not write on every request.</summary>
    public static readonly TimeSpan LastUseResolution = TimeSpan.FromMinutes(5);

    private const string Partition = "key";

    /// <summary>The new key, with its <see cref="ApiKey.Secret"/>: the only time anyone sees it.</summary>
    public async Task<ApiKey> CreateAsync(ApiKeyInput input, string createdBy, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var name = errors.Required("name", input.Name, MaxNameLength);
        var role = OrganizationRoles.Parse(errors, "role", input.Role);
        var organizations = Organizations(errors, input.Organizations, role);
        var now = clock.GetUtcNow();
        if (input.ExpiresAt is { } expiry && expiry <= now)
        {
            errors.Add("expiresAt", "must be in the future (or null for a key that does not expire).");
        }

        errors.ThrowIfAny();
        var (id, text) = ApiKeySecret.New();
        var key = new ApiKey(id, name!, role!.Value, organizations, now, createdBy, input.ExpiresAt, null);
        var table = await tables.GetAsync(TableNames.AccessKeys, ct);
        await table.AddEntityAsync(new TableEntity(Partition, id)
        {
            ["Name"] = key.Name,
            ["Role"] = OrganizationRoles.Name(key.Role),
            ["Organizations"] = EntityJson.Write(key.Organizations),
            ["CreatedAt"] = key.CreatedAt,
            ["CreatedBy"] = key.CreatedBy,
            ["ExpiresAt"] = key.ExpiresAt,
            ["Hash"] = ApiKeySecret.Hash(text),
        }, ct);
        return key with { Secret = text };
    }

    /// <summary>One page of the keys, in id order.</summary>
    public async Task<ListPage<ApiKey>> ListAsync(PageRequest page, CancellationToken ct)
    {
        var table = await tables.GetAsync(TableNames.AccessKeys, ct);
        var rows = await TablePages.ReadAsync(table, TableClient.CreateQueryFilter($"PartitionKey eq {Partition}"), page, ct);
        return rows.Select(FromEntity);
    }

    /// <summary>False when there was no such key.</summary>
    public async Task<bool> RevokeAsync(string id, CancellationToken ct)
    {
        if (!TableKeys.IsValid(id))
        {
            return false;
        }

        var table = await tables.GetAsync(TableNames.AccessKeys, ct);
        return (await table.DeleteEntityAsync(Partition, id, ETag.All, ct)).Status != 404;
    }

    /// <summary>The key <paramref name="presented"/> is, when it is one this app issued, not revoked and not expired; else null.</summary>
    public async Task<ApiKey?> AuthenticateAsync(string presented, CancellationToken ct)
    {
        if (ApiKeySecret.IdOf(presented) is not { } id)
        {
            return null;
        }

        var table = await tables.GetAsync(TableNames.AccessKeys, ct);
        var read = await table.GetEntityIfExistsAsync<TableEntity>(Partition, id, cancellationToken: ct);
        if (!read.HasValue || !ApiKeySecret.Matches(presented, read.Value!.GetString("Hash") ?? ""))
        {
            return null;
        }

        var key = FromEntity(read.Value);
        var now = clock.GetUtcNow();
        if (key.ExpiresAt is { } expiry && expiry <= now)
        {
            return null;
        }

        if (key.LastUsedAt is not { } used || now - used >= LastUseResolution)
        {
            try
            {
                await table.UpdateEntityAsync(new TableEntity(Partition, id) { ["LastUsedAt"] = now }, ETag.All, TableUpdateMode.Merge, ct);
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
                // Revoked in between: this request was authenticated before, the next one will not be.
            }
        }

        return key;
    }

    private static IReadOnlyList<string> Organizations(FieldErrors errors, IReadOnlyList<string?>? values, OrganizationRole? role)
    {
        if (values is null || values.Count == 0)
        {
            errors.Add("organizations", $"is required: the organization ids the key may act on, or [\"{ApiKey.AllOrganizations}\"] for a platform-admin key.");
            return [];
        }

        if (values.Count > MaxOrganizations)
        {
            errors.Add("organizations", $"must list at most {MaxOrganizations} organizations; use an admin key with [\"{ApiKey.AllOrganizations}\"] for more.");
            return [];
        }

        if (values.Contains(ApiKey.AllOrganizations))
        {
            if (values.Count > 1 || role != OrganizationRole.Admin)
            {
                errors.Add("organizations", $"[\"{ApiKey.AllOrganizations}\"] (every organization) stands alone and only with role admin: a platform-admin key.");
            }

            return [ApiKey.AllOrganizations];
        }

        for (var i = 0; i < values.Count; i++)
        {
            errors.Key($"organizations[{i}]", values[i]);
        }

        return values.OfType<string>().Distinct(StringComparer.Ordinal).ToList();
    }

    private static ApiKey FromEntity(TableEntity entity) => new(
        entity.RowKey,
        entity.GetString("Name") ?? "",
        OrganizationRoles.TryParse(entity.GetString("Role"), out var role) ? role : OrganizationRole.Reader,
        EntityJson.ReadList(entity.GetString("Organizations")),
        entity.GetDateTimeOffset("CreatedAt") ?? default,
        entity.GetString("CreatedBy") ?? "",
        entity.GetDateTimeOffset("ExpiresAt"),
        entity.GetDateTimeOffset("LastUsedAt"));
}
