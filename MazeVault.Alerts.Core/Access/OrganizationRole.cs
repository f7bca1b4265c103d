namespace MazeVault.Alerts.Core.Access;

/// <summary>What a grant or an API key allows in the organizations it covers.</summary>
public enum OrganizationRole
{
    /// <summary>The organization's read routes.</summary>
    Reader,
    /// <summary>What a vault service sends: incidents, rotation executions, inventory.</summary>
    Submitter,
    /// <summary>Everything in the organization: reads, submissions and configuration.</summary>
    Admin,
}
