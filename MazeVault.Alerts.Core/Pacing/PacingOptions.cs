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
}
