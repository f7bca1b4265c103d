using Microsoft.Extensions.Configuration;

namespace MazeVault.Alerts.Core.Access;

/// <summary>
/// The access mode (<c>ACCESS_MODE</c>), the bootstrap platform-admin key (<c>ACCESS_ADMIN_KEY</c>) and whether App Service
/// Authentication fronts the app (the platform sets <c>WEBSITE_AUTH_ENABLED=True</c> when it does).
/// </summary>
public sealed class AccessOptions
{
    public const string ModeSetting = "ACCESS_MODE";
    public const string AdminKeySetting = "ACCESS_ADMIN_KEY";

    /// <summary>A bootstrap key shorter than this is refused at start: it must be as hard to guess as the keys the app issues.</summary>
    public const int MinAdminKeyLength = 32;

    /// <summary>What App Service leaves in a setting whose Key Vault reference did not resolve (the secret is missing or unreadable).</summary>
    public const string UnresolvedKeyVaultReference = "@Microsoft.KeyVault(";

    [ConfigurationKeyName(ModeSetting)]
    public string? ModeSettingValue { get; set; }

    [ConfigurationKeyName(AdminKeySetting)]
    public string? AdminKey { get; set; }

    [ConfigurationKeyName("WEBSITE_AUTH_ENABLED")]
    public string? AuthenticationEnabledSetting { get; set; }

    /// <summary>The mode the setting names; null when it is missing or unknown (start-up refuses that).</summary>
    public AccessMode? Mode => ModeSettingValue?.Trim().ToLowerInvariant() switch
    {
        "local" => AccessMode.Local,
        "keys" => AccessMode.Keys,
        "entra" => AccessMode.Entra,
        _ => null,
    };

    public bool AuthenticationEnabled => bool.TryParse(AuthenticationEnabledSetting?.Trim(), out var enabled) && enabled;

    /// <summary>The bootstrap key when one is set and resolved; an unresolved Key Vault reference is no key, never a known one.</summary>
    public string? UsableAdminKey =>
        string.IsNullOrEmpty(AdminKey) || AdminKey.StartsWith(UnresolvedKeyVaultReference, StringComparison.OrdinalIgnoreCase) ? null : AdminKey;
}
