using System.Collections.Concurrent;
using System.Diagnostics;
using OpenTelemetry;

namespace MazeVault.Alerts.Core.Tests.Telemetry;

/// <summary>
/// Collects ended spans as an exporter would see them (after the product's processors). Thread-safe, unlike the
/// in-memory exporter's list: the process-wide ActivitySource also ends spans of other test classes running in parallel.
/// </summary>
internal sealed class SpanCollector : BaseProcessor<Activity>
{
    private readonly ConcurrentQueue<Activity> _spans = new();

    public IReadOnlyList<Activity> Spans => _spans.ToArray();

    public override void OnEnd(Activity data) => _spans.Enqueue(data);
}
