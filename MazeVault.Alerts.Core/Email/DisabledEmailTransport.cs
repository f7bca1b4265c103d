using MazeVault.Alerts.Core.Channels;

namespace MazeVault.Alerts.Core.Email;

/// <summary>
/// Neither Office365 nor SMTP is configured: the spec's "email notifications disabled". A deployment that chose no email
/// must not page its operators about it, so every email is skipped (final, no failure notice), never failed.
/// </summary>
public sealed class DisabledEmailTransport : IEmailTransport
{
    public const string TransportName = "Disabled";

    public string Name => TransportName;

    public string? Mailbox => null;

    /// <summary>The reason every skipped email delivery records.</summary>
    public const string SkipReason = "email notifications are disabled";

    public Task<DeliveryOutcome> SendAsync(EmailMessage message, CancellationToken ct) =>
        Task.FromResult<DeliveryOutcome>(new DeliveryOutcome.Skipped(SkipReason));
}
