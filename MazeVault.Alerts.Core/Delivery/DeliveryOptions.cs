using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;

namespace MazeVault.Alerts.Core.Delivery;

/// <summary>The delivery queue and how often a retryable delivery is tried (docs/configuration.md).</summary>
public sealed class DeliveryOptions
{
    [ConfigurationKeyName("DELIVERY_QUEUE_NAME")]
    [Required]
    [RegularExpression("^[a-z0-9](?!.*--)[a-z0-9-]{1,55}[a-z0-9]$", ErrorMessage = "DELIVERY_QUEUE_NAME must be a valid queue name of at most 57 characters (its -poison queue must fit 63).")]
    public string QueueName { get; set; } = "alert-deliveries";

    [ConfigurationKeyName("DELIVERY_MAX_ATTEMPTS")]
    [Range(1, 50)]
    public int MaxAttempts { get; set; } = 8;

    /// <summary>
    /// How long a claimed delivery stays ours, in seconds: a handler that dies mid-send holds its delivery this long before
    /// another may send it again. At least twice CHANNEL_TIMEOUT_SECONDS (checked at start); the end-to-end restart test uses 10.
    /// </summary>
    [ConfigurationKeyName("DELIVERY_LEASE_SECONDS")]
    [Range(10, 3600)]
    public int LeaseSeconds { get; set; } = 300;

    public TimeSpan Lease => TimeSpan.FromSeconds(LeaseSeconds);

    /// <summary>The first retry's delay in seconds; each further retry doubles it, up to an hour.</summary>
    [ConfigurationKeyName("DELIVERY_FIRST_BACKOFF_SECONDS")]
    [Range(1, 3600)]
    public int FirstBackoffSeconds { get; set; } = 30;

    private TimeSpan? _firstBackoff;

    /// <summary>The first retry's delay (unit tests may set less than a second).</summary>
    public TimeSpan FirstBackoff
    {
        get => _firstBackoff ?? TimeSpan.FromSeconds(FirstBackoffSeconds);
        internal set => _firstBackoff = value;
    }

    /// <summary>
    /// How long, in seconds, a first attempt may use a target (integration, contact) as read by an earlier delivery on the
    /// same instance instead of reading it again; 0 reads it for every delivery. A change to an integration reaches first
    /// attempts within this time; retries always read the target as it is.
    /// </summary>
    [ConfigurationKeyName("DELIVERY_TARGET_CACHE_SECONDS")]
    [Range(0, 300)]
    public int TargetCacheSeconds { get; set; } = 30;

    public TimeSpan TargetCacheAge => TimeSpan.FromSeconds(TargetCacheSeconds);

    public string PoisonQueueName => QueueName + "-poison";
}
