using Microsoft.Extensions.Configuration;

namespace MazeVault.Alerts.Core.Delivery;

/// <summary>Fallback recipients of every alert, checked in addition to contacts and integrations.</summary>
public sealed class LegacyRecipientsOptions
{
    [ConfigurationKeyName("ADMIN_EMAIL")]
    public string? AdminEmail { get; set; }

    /// <summary>A secret: the whole URL carries the webhook's signature.</summary>
    [ConfigurationKeyName("TEAMS_WEBHOOK_URL")]
    public string? TeamsWebhookUrl { get; set; }

    // Empty app settings are normal (local.settings.sample.json): blank means "not configured".
    internal bool HasValidAdminEmail =>
        string.IsNullOrWhiteSpace(AdminEmail) || System.Net.Mail.MailAddress.TryCreate(AdminEmail.Trim(), out _);

    internal bool HasValidTeamsWebhook =>
        string.IsNullOrWhiteSpace(TeamsWebhookUrl)
        || (Uri.TryCreate(TeamsWebhookUrl, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http");
}
