namespace MazeVault.Alerts.Core.Channels;

/// <summary>
/// What every channel renders in its own format. <see cref="Fingerprint"/> names what the alert is about
/// (rule and resource), stable across repeats, so a channel such as JIRA can avoid duplicates.
/// </summary>
public sealed record Notification
{
    public required string Subject { get; init; }
    /// <summary>Plain-text body; channels add their own formatting.</summary>
    public required string Message { get; init; }
    public NotificationSeverity Severity { get; init; } = NotificationSeverity.Warning;
    public required string Fingerprint { get; init; }
    public IReadOnlyList<NotificationFact> Facts { get; init; } = [];
    /// <summary>A ready HTML body for email (e.g. the weekly report); email renders one from the text when absent.</summary>
    public string? Html { get; init; }
    public IReadOnlyList<Core.Email.EmailAttachment> Attachments { get; init; } = [];
    /// <summary>A Test-button send: channels skip deduplication, so JIRA creates a fresh issue every time.</summary>
    public bool IsTest { get; init; }

    public NotificationKind Kind { get; init; } = NotificationKind.Alert;

    /// <summary>
    /// The delivery this send belongs to, the same on every retry (set by the delivery processor, null for a Test send),
    /// so that receivers can recognise a repeat (the generic webhook's <c>webhook-id</c>).
    /// </summary>
    public string? DeliveryId { get; init; }
}
