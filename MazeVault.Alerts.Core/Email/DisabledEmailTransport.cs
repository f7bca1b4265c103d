using MazeVault.Alerts.Core.Channels;

namespace MazeVault.Alerts.Core.Email;

/// <summary>Neither Office365 nor SMTP is configured, so email says so instead of pretending to send.</summary>
public sealed class DisabledEmailTransport : IEmailTransport
{
    public const string TransportName = "Disabled";

    public string Name => TransportName;

    public string? Mailbox => null;

    public Task<DeliveryOutcome> SendAsync(EmailMessage message, CancellationToken ct) =>
        Task.FromResult<DeliveryOutcome>(new DeliveryOutcome.Permanent("email is disabled: set O365_EMAIL_ENABLED=true (Office365) or SMTP_HOST (SMTP)"));
}
