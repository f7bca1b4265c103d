using MazeVault.Alerts.Core.Storage;

namespace MazeVault.Alerts.Core.Integrations;

/// <summary>Incident contacts in Table Storage, listed by priority (lower first).</summary>
public interface IIncidentContactStore
{
    Task<IncidentContact> CreateAsync(IncidentContact contact, CancellationToken ct);
    Task<IncidentContact?> GetAsync(string organizationId, string id, CancellationToken ct);
    Task<IReadOnlyList<IncidentContact>> ListByPriorityAsync(string organizationId, CancellationToken ct);
    /// <summary>One page in id order, for the API (the delivery plan reads them all, by priority).</summary>
    Task<ListPage<IncidentContact>> ListAsync(string organizationId, PageRequest page, CancellationToken ct);
    Task<IncidentContact> UpdateAsync(IncidentContact contact, CancellationToken ct);
    Task<bool> DeleteAsync(string organizationId, string id, string? etag, CancellationToken ct);
}
