using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;

namespace MazeVault.Alerts.Core.Channels;

/// <summary>How long one vendor call may take before it counts as a timeout (retryable).</summary>
public sealed class ChannelOptions
{
    /// <summary>1-120 s; the delivery lease (5 minutes) stays longer than any call.</summary>
    [ConfigurationKeyName("CHANNEL_TIMEOUT_SECONDS")]
    [Range(1, 120)]
    public int TimeoutSeconds { get; set; } = 30;
}
