namespace MazeVault.Alerts.Core.Access;

/// <summary>What an HTTP operation does, which decides the roles that may call it.</summary>
public enum AccessKind
{
    /// <summary>No caller needed (health, the OpenAPI document).</summary>
    Anonymous,
    /// <summary>Any authenticated caller, about itself (who am I, which organizations).</summary>
    Caller,
    /// <summary>Reads an organization's data: the reader or admin role in that organization.</summary>
    Read,
    /// <summary>What a vault service sends: the submitter or admin role in that organization.</summary>
    Submit,
    /// <summary>Configures an organization (integrations, contacts, tests, report sends): its admin role.</summary>
    Admin,
    /// <summary>Everything that spans organizations (API keys, grants, re-seal): platform admins only.</summary>
    PlatformAdmin,
}
