using MazeVault.Alerts.Core.Retention;
using Microsoft.Azure.Functions.Worker;

namespace MazeVault.Alerts.Functions;

/// <summary>The daily deletion of deliveries, alerts, audit events and other rows past their retention.</summary>
public sealed class Retention(RetentionService retention)
{
    [Function(nameof(Retention))]
    public Task Run([TimerTrigger("%RETENTION_SCHEDULE%")] TimerInfo timer, CancellationToken ct)
        => retention.RunAsync(ct);
}
