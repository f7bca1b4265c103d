using Microsoft.Extensions.Configuration;

namespace MazeVault.Alerts.Core.Email;

/// <summary>The Office365 transport: Microsoft Graph <c>sendMail</c> with Azure AD client credentials.</summary>
public sealed class O365Options
{
    public const string ClientSecret = "client_secret";
    public const string Certificate = "certificate";
    public const string ManagedIdentity = "managed_identity";

    /// <summary>A string so that an empty app setting binds (as "not enabled") instead of failing the binder.</summary>
    [ConfigurationKeyName("O365_EMAIL_ENABLED")]
    public string? EnabledSetting { get; set; }

    [ConfigurationKeyName("O365_TENANT_ID")]
    public string? TenantId { get; set; }

    [ConfigurationKeyName("O365_CLIENT_ID")]
    public string? ClientId { get; set; }

    [ConfigurationKeyName("O365_CLIENT_SECRET")]
    public string? ClientSecretValue { get; set; }

    [ConfigurationKeyName("O365_SENDER_EMAIL")]
    public string? SenderEmail { get; set; }

    /// <summary><c>client_secret</c> (default), <c>certificate</c> or <c>managed_identity</c>.</summary>
    [ConfigurationKeyName("O365_AUTH_METHOD")]
    public string? AuthMethod { get; set; }

    /// <summary>A PKCS#12 (.pfx) file with the private key, for <c>certificate</c> auth.</summary>
    [ConfigurationKeyName("O365_CERTIFICATE_PATH")]
    public string? CertificatePath { get; set; }

    [ConfigurationKeyName("O365_CERTIFICATE_PASSWORD")]
    public string? CertificatePassword { get; set; }

    /// <summary>Graph endpoint with its version; other values for sovereign clouds (e.g. https://graph.microsoft.us/v1.0).</summary>
    [ConfigurationKeyName("O365_GRAPH_BASE_URL")]
    public string? GraphBaseUrl { get; set; }

    /// <summary>Azure AD authority; other values for sovereign clouds (e.g. https://login.microsoftonline.us/).</summary>
    [ConfigurationKeyName("O365_AUTHORITY_HOST")]
    public string? AuthorityHost { get; set; }

    public bool Enabled => bool.TryParse(EnabledSetting?.Trim(), out var enabled) && enabled;

    // Empty app settings mean "use the default", as in local.settings.sample.json.
    public string EffectiveAuthMethod => string.IsNullOrWhiteSpace(AuthMethod) ? ClientSecret : AuthMethod.Trim().ToLowerInvariant();
    public string EffectiveGraphBaseUrl => string.IsNullOrWhiteSpace(GraphBaseUrl) ? "https://graph.microsoft.com/v1.0" : GraphBaseUrl.Trim().TrimEnd('/');
    public string EffectiveAuthorityHost => string.IsNullOrWhiteSpace(AuthorityHost) ? "https://login.microsoftonline.com/" : AuthorityHost.Trim();
}
