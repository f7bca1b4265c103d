using MazeVault.Alerts.Core.Channels;

namespace MazeVault.Alerts.Core.Email;

/// <summary>The active way of sending email: Office365 via Graph, SMTP, or disabled (the email priority).</summary>
public interface IEmailTransport
{
    /// <summary>"Office365 OAuth2", "SMTP" or "Disabled", as the status indicator shows it.</summary>
    string Name { get; }

    /// <summary>The mailbox (or SMTP server) mail leaves from: the unit a mail service rate-limits. Null when email is disabled.</summary>
    string? Mailbox { get; }

    Task<DeliveryOutcome> SendAsync(EmailMessage message, CancellationToken ct);
}
