namespace MazeVault.Alerts.Core.Quotas;

/// <summary>
/// Whether an organization has room for one more integration or incident contact (each alert fans out to all of them);
/// throws a refused <see cref="Validation.ValidationException"/> (422) when it has not. Implemented by
/// <see cref="OrganizationQuotas"/>; an interface so the services that create them can be tested alone.
/// </summary>
public interface IOrganizationCapacity
{
    Task RequireRoomForIntegrationAsync(string organizationId, CancellationToken ct);
    Task RequireRoomForIncidentContactAsync(string organizationId, CancellationToken ct);
}
