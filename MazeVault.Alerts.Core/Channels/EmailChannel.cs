using MazeVault.Alerts.Core.Email;
using MazeVault.Alerts.Core.Integrations;

namespace MazeVault.Alerts.Core.Channels;

/// <summary>
/// An Email integration: one message to its recipients through the active transport (Graph, SMTP or disabled).
/// The engine's legacy ADMIN_EMAIL and incident contacts arrive as synthetic Email integrations and take the same path.
/// </summary>
public sealed class EmailChannel(IEmailTransport transport) : INotificationChannel
{
    public IntegrationType Type => IntegrationType.Email;

    public Task<DeliveryOutcome> SendAsync(Notification notification, Integration target, CancellationToken ct)
    {
        var recipients = target.EmailRecipients.Where(r => !string.IsNullOrWhiteSpace(r)).Select(r => r.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (recipients.Count == 0)
        {
            return Task.FromResult<DeliveryOutcome>(new DeliveryOutcome.Permanent($"email error: no recipients in Email integration {target.Id}"));
        }

        // One message, so a retry after a failure cannot deliver twice to the recipients that already got it.
        return transport.SendAsync(EmailComposer.Compose(notification, recipients), ct);
    }
}
