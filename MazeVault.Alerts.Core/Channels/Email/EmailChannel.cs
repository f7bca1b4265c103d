using MazeVault.Alerts.Core.Email;
using MazeVault.Alerts.Core.Integrations;
using MazeVault.Alerts.Core.Pacing;
using Microsoft.Extensions.Options;

namespace MazeVault.Alerts.Core.Channels.Email;

/// <summary>
/// An Email integration: one message to its recipients through the active transport (Graph, SMTP or disabled).
/// The engine's legacy ADMIN_EMAIL, incident contacts, weekly report and rotation recipients arrive as synthetic Email
/// integrations and take the same path, through the sender mailbox's paced destination.
/// </summary>
public sealed class EmailChannel(IEmailTransport transport, IOptions<PacingOptions> pacing, MailboxRecipientLimit recipientLimit, TestEmailAdmission testAdmission)
    : INotificationChannel, IPacedChannel
{
    /// <summary>The integration type this channel serves.</summary>
    public const string Type = "email";

    /// <summary>
    /// Exchange Online sends at most 30 messages a minute per mailbox (PACING_EMAIL_PER_MINUTE; Graph also allows 4
    /// concurrent requests per mailbox, which holds at this rate unless a send takes over 8 s). Pacing models the mailbox
    /// as this rate.
    /// </summary>
    public PacingRate Rate => PacingRate.PerMinute(pacing.Value.EmailPerMinute);

    /// <summary>The mailbox's limit is shared by every email, so a storm of any kind of email queues instead of being throttled.</summary>
    public bool PacesEveryTarget => pacing.Value.EmailPerMinute > 0;

    public Task<DeliveryOutcome> SendAsync(Notification notification, Integration target, CancellationToken ct)
    {
        var recipients = Recipients(target);
        if (recipients.Count == 0)
        {
            return Task.FromResult<DeliveryOutcome>(NoRecipients(target));
        }

        // One message, so a retry after a failure cannot deliver twice to the recipients that already got it.
        return transport.SendAsync(EmailComposer.Compose(notification, recipients), ct);
    }

    /// <summary>The limits count per sending mailbox, whichever integration sends through it.</summary>
    public Task<PacedDestination?> DestinationAsync(Integration target, CancellationToken ct) =>
        Task.FromResult(transport.Mailbox is { Length: > 0 } mailbox && pacing.Value.EmailPerMinute > 0 ? PacedDestination.Of(Type, mailbox.ToLowerInvariant(), Rate) : null);

    /// <summary>Every recipient of a message counts toward the sender mailbox's recipients of the day.</summary>
    public Task<DateTimeOffset?> TakeDailyAllowanceAsync(Integration target, CancellationToken ct) =>
        transport.Mailbox is { Length: > 0 } mailbox ? recipientLimit.TryTakeAsync(mailbox, Recipients(target).Count, ct) : Task.FromResult<DateTimeOffset?>(null);

    /// <summary>
    /// "A test email to each configured recipient", so each gets its own message and result; each within the limits every
    /// email keeps (<see cref="TestEmailAdmission"/>).
    /// </summary>
    public async Task<ChannelTestResult> TestAsync(Notification notification, Integration target, CancellationToken ct)
    {
        var results = new List<RecipientTestResult>();
        var paced = await DestinationAsync(target, ct);
        foreach (var recipient in Recipients(target))
        {
            // No mailbox, no email to count: the transport reports email switched off itself.
            if (transport.Mailbox is { Length: > 0 } mailbox && await testAdmission.AdmitAsync(target.OrganizationId, mailbox, paced, ct) is { } refused)
            {
                results.Add(new RecipientTestResult(recipient, false, refused));
                continue;
            }

            var outcome = await transport.SendAsync(EmailComposer.Compose(notification, [recipient]), ct);
            results.Add(new RecipientTestResult(recipient, outcome is DeliveryOutcome.Delivered, DeliveryOutcome.ShownByTest(outcome)));
        }

        var error = results.Count == 0 ? NoRecipients(target).Reason : results.FirstOrDefault(r => !r.Success)?.Error;
        return new ChannelTestResult(error is null, $"transport: {transport.Name}", error, results);
    }

    private static List<string> Recipients(Integration target) =>
        ((EmailSettings)target.Settings).Recipients.Where(r => !string.IsNullOrWhiteSpace(r)).Select(r => r.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).ToList();

    private static DeliveryOutcome.Permanent NoRecipients(Integration target) => new($"email error: no recipients in Email integration {target.Id}");
}
