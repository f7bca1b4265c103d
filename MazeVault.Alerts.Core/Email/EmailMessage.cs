namespace MazeVault.Alerts.Core.Email;

/// <summary>One email: an HTML body with its plain-text alternative.</summary>
public sealed record EmailMessage
{
    public required IReadOnlyList<string> To { get; init; }
    public required string Subject { get; init; }
    public required string HtmlBody { get; init; }
    public required string TextBody { get; init; }
    public IReadOnlyList<EmailAttachment> Attachments { get; init; } = [];
}
