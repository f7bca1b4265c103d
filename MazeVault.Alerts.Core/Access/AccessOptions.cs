using Microsoft.Extensions.Configuration;

namespace MazeVault.Alerts.Core.Access;

/// <summary>Whether App Service Authentication fronts the app: the platform sets WEBSITE_AUTH_ENABLED=True when it does.</summary>
public sealed class AccessOptions
{
    [ConfigurationKeyName("WEBSITE_AUTH_ENABLED")]
    public string? AuthenticationEnabledSetting { get; set; }

    public bool AuthenticationEnabled => bool.TryParse(AuthenticationEnabledSetting?.Trim(), out var enabled) && enabled;
}
