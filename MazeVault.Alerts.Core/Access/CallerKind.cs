namespace MazeVault.Alerts.Core.Access;

/// <summary>How a caller proved who it is; also the actor type in the audit trail.</summary>
public enum CallerKind
{
    /// <summary>ACCESS_MODE=local: nobody is asked.</summary>
    Local,
    /// <summary>A person or service signed in through App Service Authentication (Entra ID).</summary>
    Entra,
    /// <summary>An API key the app issued.</summary>
    ApiKey,
    /// <summary>The bootstrap platform-admin key of setting ACCESS_ADMIN_KEY.</summary>
    BootstrapKey,
}
