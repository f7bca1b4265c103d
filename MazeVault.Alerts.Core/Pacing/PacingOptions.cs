using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;

namespace MazeVault.Alerts.Core.Pacing;

/// <summary>How fast paced integrations send (docs/configuration.md); integrations without <c>paced</c> ignore these.</summary>
public sealed class PacingOptions
{
    /// <summary>
    /// Percent of each channel's documented rate that paced sends keep to. Below 100 leaves room for other senders to the
    /// same destination; the tests and the benchmark raise it so that a run takes seconds.
    /// </summary>
    [ConfigurationKeyName("PACING_RATE_PERCENT")]
    [Range(1, 100_000)]
    public int RatePercent { get; set; } = 100;

    /// <summary>A generic webhook receiver documents no rate: messages per minute to one webhook URL.</summary>
    [ConfigurationKeyName("PACING_WEBHOOK_PER_MINUTE")]
    [Range(1, 60_000)]
    public int WebhookPerMinute { get; set; } = 60;

    /// <summary>
    /// Messages per minute through the sender mailbox, which every email shares: Exchange Online documents 30. Every email
    /// keeps to it, whatever its integration's <c>paced</c> flag (a tenant with other limits sets its own). 0: the mail
    /// server sets no limit (an SMTP relay of one's own, a local mail catcher), so no email is paced.
    /// </summary>
    [ConfigurationKeyName("PACING_EMAIL_PER_MINUTE")]
    [Range(0, 60_000)]
    public int EmailPerMinute { get; set; } = 30;

    /// <summary>
    /// Recipients per UTC day through the sender mailbox, counted across organizations since all share it: Exchange Online
    /// documents 10,000. An email that would pass it waits in the queue for the next UTC day; a test email is refused.
    /// 0: the mail server sets no such limit, so recipients are not counted.
    /// </summary>
    [ConfigurationKeyName("PACING_EMAIL_RECIPIENTS_PER_DAY")]
    [Range(0, 10_000_000, ErrorMessage = "PACING_EMAIL_RECIPIENTS_PER_DAY must be from 0 (no limit) to 10000000.")]
    public int EmailRecipientsPerDay { get; set; } = 10_000;
}
