namespace MazeVault.Alerts.Core.Access;

/// <summary>How the app decides who calls it: setting <c>ACCESS_MODE</c>, required, with no default that opens up.</summary>
public enum AccessMode
{
    /// <summary>No checks: a developer's machine, allowed only when every storage endpoint is loopback.</summary>
    Local,
    /// <summary>An API key issued by the app (<c>X-Api-Key</c>) on every request that is not anonymous.</summary>
    Keys,
    /// <summary>App Service Authentication principals and API keys; refuses to serve when the platform shows authentication off.</summary>
    Entra,
}
