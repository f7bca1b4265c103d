using MazeVault.Alerts.Core.Channels;

namespace MazeVault.Alerts.Core.Email;

public sealed record EmailAttachment(string FileName, string ContentType, byte[] Content);

/// <summary>One email: an HTML body with its plain-text alternative.</summary>
public sealed record EmailMessage
{
    public required IReadOnlyList<string> To { get; init; }
    public required string Subject { get; init; }
    public required string HtmlBody { get; init; }
    public required string TextBody { get; init; }
    public IReadOnlyList<EmailAttachment> Attachments { get; init; } = [];
}

/// <summary>The active way of sending email: Office365 via Graph, SMTP, or disabled (the email priority).</summary>
public interface IEmailTransport
{
    /// <summary>"Office365 OAuth2", "SMTP" or "Disabled", as the status indicator shows it.</summary>
    string Name { get; }

    /// <summary>The mailbox (or SMTP server) mail leaves from: the unit a mail service rate-limits. Null when email is disabled.</summary>
    string? Mailbox { get; }

    Task<DeliveryOutcome> SendAsync(EmailMessage message, CancellationToken ct);
}
