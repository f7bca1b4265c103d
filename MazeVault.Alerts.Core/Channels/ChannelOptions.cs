using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;

namespace MazeVault.Alerts.Core.Channels;

/// <summary>How long one vendor call may take before it counts as a timeout (retryable).</summary>
public sealed class ChannelOptions
{
    /// <summary>1-120 s; DELIVERY_LEASE_SECONDS must be at least twice this, so a lease outlasts any call.</summary>
    [ConfigurationKeyName("CHANNEL_TIMEOUT_SECONDS")]
    [Range(1, 120)]
    public int TimeoutSeconds { get; set; } = 30;
}
