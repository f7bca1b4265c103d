using MazeVault.Alerts.Core.Storage;
using MazeVault.Alerts.Core.Validation;

namespace MazeVault.Alerts.Core.Integrations;

/// <summary>The management operations on integrations: validation, secret merging and storage.</summary>
public sealed class IntegrationService(IIntegrationStore store, TimeProvider time)
{
    public Task<Integration> CreateAsync(string organizationId, IntegrationInput input, CancellationToken ct)
    {
        FieldErrors.RequireOrganization(organizationId);
        var integration = IntegrationRules.Build(organizationId, NewId(), input, stored: null, time.GetUtcNow());
        return store.CreateAsync(integration, ct);
    }

    public Task<Integration?> GetAsync(string organizationId, string id, CancellationToken ct) =>
        TableKeys.IsValid(organizationId) && TableKeys.IsValid(id) ? store.GetAsync(organizationId, id, ct) : Task.FromResult<Integration?>(null);

    public async Task<IReadOnlyList<Integration>> ListAsync(string organizationId, CancellationToken ct)
    {
        FieldErrors.RequireOrganization(organizationId);
        var list = new List<Integration>();
        await foreach (var integration in store.ListAsync(organizationId, ct))
        {
            list.Add(integration);
        }

        return list.OrderBy(i => i.Name, StringComparer.OrdinalIgnoreCase).ThenBy(i => i.Id, StringComparer.Ordinal).ToList();
    }

    /// <summary>Null when there is no such integration. Omitted secrets keep their stored values.</summary>
    public async Task<Integration?> UpdateAsync(string organizationId, string id, IntegrationInput input, string etag, CancellationToken ct)
    {
        var stored = await GetAsync(organizationId, id, ct);
        if (stored is null)
        {
            return null;
        }

        var integration = IntegrationRules.Build(organizationId, id, input, stored, time.GetUtcNow());
        // The caller's ETag, not the one just read: a change since the caller's read must conflict.
        return await store.UpdateAsync(integration with { ETag = etag }, ct);
    }

    public Task<bool> DeleteAsync(string organizationId, string id, string etag, CancellationToken ct) =>
        TableKeys.IsValid(organizationId) && TableKeys.IsValid(id) ? store.DeleteAsync(organizationId, id, etag, ct) : Task.FromResult(false);

    internal static string NewId() => Guid.NewGuid().ToString("N");
}
