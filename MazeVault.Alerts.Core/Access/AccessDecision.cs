namespace MazeVault.Alerts.Core.Access;

public enum AccessDecision
{
    Allowed,
    /// <summary>No principal: 401.</summary>
    Unauthenticated,
    /// <summary>A principal without the role, or without a grant for the organization: 403.</summary>
    Forbidden,
}
