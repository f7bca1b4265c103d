namespace MazeVault.Alerts.Core.Access;

/// <summary>What an HTTP operation does, which decides the roles that may call it.</summary>
public enum AccessKind
{
    /// <summary>No caller needed (health).</summary>
    Anonymous,
    /// <summary>Reads an organization's data: Alerts.Reader.</summary>
    Read,
    /// <summary>What a vault service sends: Alerts.Submitter.</summary>
    Submit,
    /// <summary>Configuration, tests and access grants: Alerts.Admin only.</summary>
    Admin,
}
