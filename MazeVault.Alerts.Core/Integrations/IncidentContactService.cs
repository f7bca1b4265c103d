using MazeVault.Alerts.Core.Quotas;
using MazeVault.Alerts.Core.Storage;
using MazeVault.Alerts.Core.Validation;

namespace MazeVault.Alerts.Core.Integrations;

/// <summary>The management operations on incident contacts.</summary>
public sealed class IncidentContactService(IIncidentContactStore store, IOrganizationCapacity capacity, TimeProvider time)
{
    public async Task<IncidentContact> CreateAsync(string organizationId, IncidentContactInput input, CancellationToken ct)
    {
        FieldErrors.RequireOrganization(organizationId);
        var contact = input.ToContact(organizationId, IntegrationService.NewId(), stored: null, time.GetUtcNow());
        await capacity.RequireRoomForIncidentContactAsync(organizationId, ct);
        return await store.CreateAsync(contact, ct);
    }

    /// <summary>One page of the organization's contacts, in id order (the order a page can resume from); each carries its priority.</summary>
    public Task<ListPage<IncidentContact>> ListAsync(string organizationId, PageRequest page, CancellationToken ct)
    {
        FieldErrors.RequireOrganization(organizationId);
        return store.ListAsync(organizationId, page, ct);
    }

    /// <summary>Null when there is no such contact.</summary>
    public async Task<IncidentContact?> UpdateAsync(string organizationId, string id, IncidentContactInput input, string etag, CancellationToken ct)
    {
        if (!TableKeys.IsValid(organizationId) || !TableKeys.IsValid(id)
            || await store.GetAsync(organizationId, id, ct) is not { } stored)
        {
            return null;
        }

        var contact = input.ToContact(organizationId, id, stored, time.GetUtcNow());
        return await store.UpdateAsync(contact with { ETag = etag }, ct);
    }

    public Task<bool> DeleteAsync(string organizationId, string id, string etag, CancellationToken ct) =>
        TableKeys.IsValid(organizationId) && TableKeys.IsValid(id) ? store.DeleteAsync(organizationId, id, etag, ct) : Task.FromResult(false);
}
