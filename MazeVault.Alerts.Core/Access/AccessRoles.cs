namespace MazeVault.Alerts.Core.Access;

/// <summary>The app roles of the Entra app registration (docs/deployment.md, "Turn on Entra ID authentication").</summary>
public static class AccessRoles
{
    /// <summary>Platform admin: everything, in every organization, including API keys and grants.</summary>
    public const string Admin = "Alerts.Admin";

    /// <summary>Reads in the organizations granted without a role of their own.</summary>
    public const string Reader = "Alerts.Reader";

    /// <summary>Submits (incidents, rotation executions, inventory) in the organizations granted without a role of their own.</summary>
    public const string Submitter = "Alerts.Submitter";
}
