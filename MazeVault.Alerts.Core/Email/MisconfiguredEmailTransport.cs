using MazeVault.Alerts.Core.Channels;

namespace MazeVault.Alerts.Core.Email;

/// <summary>
/// The transport the settings select, when they cannot work: the app still starts (so <c>GET email/status</c> can say what
/// is wrong), and each email delivery fails as retryable, naming the settings, so that it goes out once they are fixed
/// within its attempts (changing app settings restarts the app; the queued retries stay).
/// </summary>
public sealed class MisconfiguredEmailTransport(EmailTransportStatus status) : IEmailTransport
{
    public string Name => status.Transport;

    /// <summary>None: nothing is sent, so there is no mailbox to pace.</summary>
    public string? Mailbox => null;

    public Task<DeliveryOutcome> SendAsync(EmailMessage message, CancellationToken ct) =>
        Task.FromResult<DeliveryOutcome>(new DeliveryOutcome.Retryable(
            $"email transport {status.Transport} is misconfigured ({string.Join(", ", status.ProblemSettings)}): fix the settings GET email/status names"));
}
