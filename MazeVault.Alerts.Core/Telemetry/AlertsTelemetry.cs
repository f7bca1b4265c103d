using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace MazeVault.Alerts.Core.Telemetry;

/// <summary>
/// The product's own spans and metrics. Tags hold channel names, outcomes, kinds and ids only: never a URL, token,
/// address or target name (webhook URLs and addresses are secrets, and metric dimensions must stay few).
/// </summary>
public static class AlertsTelemetry
{
    /// <summary>The ActivitySource and Meter name an exporter subscribes to.</summary>
    public const string Name = "MazeVault.Alerts";

    public static readonly ActivitySource Source = new(Name);

    public static readonly Meter Meter = new(Name);

    /// <summary>Deliveries that reached a final outcome, tagged <c>channel</c> and <c>outcome</c>.</summary>
    public static readonly Counter<long> Deliveries = Meter.CreateCounter<long>(
        "mazevault.alerts.deliveries", "{delivery}", "Deliveries that reached a final outcome");

    /// <summary>Attempts a delivery took, recorded at its final outcome, tagged <c>channel</c> and <c>outcome</c>.</summary>
    public static readonly Histogram<int> DeliveryAttempts = Meter.CreateHistogram<int>(
        "mazevault.alerts.delivery.attempts", "{attempt}", "Attempts per delivery at its final outcome");

    /// <summary>From the alert's creation to the vendor accepting it, tagged <c>channel</c>.</summary>
    public static readonly Histogram<double> TimeToDelivered = Meter.CreateHistogram<double>(
        "mazevault.alerts.delivery.time_to_delivered", "s", "Time from alert created to delivered");

    /// <summary>How long a due delivery message waited for a handler (planned backoff and pacing delays excluded).</summary>
    public static readonly Histogram<double> QueueAge = Meter.CreateHistogram<double>(
        "mazevault.alerts.delivery.queue_age", "s", "Time from a delivery message becoming due to its dequeue");

    /// <summary>What the daily check found, tagged <c>kind</c> (certificate, rotation_config) and <c>verdict</c>.</summary>
    public static readonly Counter<long> DailyCheckItems = Meter.CreateCounter<long>(
        "mazevault.alerts.daily_check.items", "{item}", "Items the daily check found to alert, snooze or resolve");

    /// <summary>Paced destinations paused by a vendor's 429, tagged <c>channel</c>.</summary>
    public static readonly Counter<long> DestinationsPaused = Meter.CreateCounter<long>(
        "mazevault.alerts.pacing.paused", "{pause}", "Destinations paused after a vendor answered 429");

    /// <summary>
    /// The W3C traceparent of <paramref name="activity"/>: what a queue message carries so that its handler continues
    /// the trace. Null without an activity (telemetry off), or for a non-W3C id.
    /// </summary>
    public static string? TraceParent(Activity? activity) =>
        activity is { IdFormat: ActivityIdFormat.W3C } ? activity.Id : null;
}
