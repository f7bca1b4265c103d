namespace MazeVault.Alerts.Core.Access;

/// <summary>A state-changing API request as the audit trail records it; <see cref="RequestId"/> tells two identical ones apart.</summary>
public sealed record ApiAction(string? OrganizationId, string Name, string Method, string Resource, int Status, string RequestId);
