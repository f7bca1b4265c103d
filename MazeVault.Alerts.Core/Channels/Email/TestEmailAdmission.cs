using MazeVault.Alerts.Core.Pacing;
using MazeVault.Alerts.Core.Quotas;
using Microsoft.Extensions.Options;

namespace MazeVault.Alerts.Core.Channels.Email;

/// <summary>
/// The limits a test email keeps, as every delivered email does: it counts against the organization's
/// QUOTA_EMAILS_PER_DAY and the sender mailbox's recipients of the day, and goes out at the mailbox's next send slot. A
/// Test action cannot wait in the queue, so where a delivery would be deferred the test email is refused, not sent.
/// </summary>
public sealed class TestEmailAdmission(
    OrganizationQuotas quotas,
    MailboxRecipientLimit recipients,
    DestinationPacer pacer,
    IOptions<IntegrationTestOptions> testOptions,
    TimeProvider clock)
{
    /// <summary>Null once the test email to one recipient through <paramref name="mailbox"/> may go (after waiting for its slot); otherwise why it may not.</summary>
    public async Task<string?> AdmitAsync(string organizationId, string mailbox, PacedDestination? paced, CancellationToken ct)
    {
        if (!await quotas.TryTakeEmailAsync(organizationId, ct))
        {
            return OrganizationQuotas.EmailQuotaReason;
        }

        if (await recipients.TryTakeAsync(mailbox, 1, ct) is { } renewed)
        {
            return $"sender mailbox limit: the mailbox reached its recipients per day (PACING_EMAIL_RECIPIENTS_PER_DAY); nothing was sent; emails go out again from {renewed:yyyy-MM-dd HH:mm} UTC";
        }

        if (paced is null)
        {
            return null;
        }

        var wait = await pacer.AcquireAsync(paced, reserved: null, ct) - clock.GetUtcNow();
        if (wait > TimeSpan.FromSeconds(testOptions.Value.TimeoutSeconds))
        {
            return $"sender mailbox busy: queued emails hold its send slots for the next {Math.Ceiling(wait.TotalSeconds):0} s; nothing was sent; test again later";
        }

        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, clock, ct);
        }

        return null;
    }
}
