namespace MazeVault.Alerts.Core.Access;

/// <summary>The app roles of the Entra app registration (docs/deployment.md, "Turn on Entra ID authentication").</summary>
public static class AccessRoles
{
    /// <summary>Everything, in every organization, including access grants.</summary>
    public const string Admin = "Alerts.Admin";

    /// <summary>The GET routes of the organizations granted to the caller.</summary>
    public const string Reader = "Alerts.Reader";

    /// <summary>What a vault service needs: incidents, rotation executions, certificate and rotation-config upserts, inventory import.</summary>
    public const string Submitter = "Alerts.Submitter";
}
