namespace MazeVault.Alerts.Core.Access;

/// <summary>
/// A principal's grant for one organization: its role there, or null for a grant made before roles per organization,
/// which lets the principal's app roles (Alerts.Reader, Alerts.Submitter) act there as before.
/// </summary>
public sealed record AccessGrant(string OrganizationId, OrganizationRole? Role);
