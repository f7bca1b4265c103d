using Microsoft.Extensions.Configuration;

namespace MazeVault.Alerts.Core.Email;

/// <summary>The legacy SMTP transport (MailKit), used when Office365 is not enabled and <c>SMTP_HOST</c> is set.</summary>
public sealed class SmtpOptions
{
    public const string StartTls = "starttls";
    public const string Ssl = "ssl";
    public const string None = "none";

    [ConfigurationKeyName("SMTP_HOST")]
    public string? Host { get; set; }

    /// <summary>Empty means 587 (the submission port with STARTTLS).</summary>
    [ConfigurationKeyName("SMTP_PORT")]
    public string? Port { get; set; }

    [ConfigurationKeyName("SMTP_USERNAME")]
    public string? Username { get; set; }

    [ConfigurationKeyName("SMTP_PASSWORD")]
    public string? Password { get; set; }

    [ConfigurationKeyName("SMTP_FROM")]
    public string? From { get; set; }

    /// <summary><c>starttls</c> (default), <c>ssl</c> (implicit TLS, port 465) or <c>none</c>.</summary>
    [ConfigurationKeyName("SMTP_SECURITY")]
    public string? Security { get; set; }

    /// <summary>"true" lets SMTP_SECURITY=none carry credentials (a relay on a trusted network); otherwise startup refuses it.</summary>
    [ConfigurationKeyName("SMTP_ALLOW_PLAINTEXT_AUTH")]
    public string? AllowPlaintextAuthSetting { get; set; }

    public bool AllowPlaintextAuth => bool.TryParse(AllowPlaintextAuthSetting?.Trim(), out var allowed) && allowed;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Host);
    public string EffectiveSecurity => string.IsNullOrWhiteSpace(Security) ? StartTls : Security.Trim().ToLowerInvariant();
    public int EffectivePort => int.TryParse(Port, out var port) ? port : 587;
}
