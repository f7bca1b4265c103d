using System.Threading.Channels;
using MazeVault.Alerts.Core.Delivery;

namespace MazeVault.Alerts.Core.Rules;

/// <summary>
/// Dispatches what a scan finds beside the scan, so that the scan never waits for a dispatch: alerts wait in a bounded
/// backlog that a few workers drain concurrently, and the scan only blocks once the backlog is full (memory stays
/// bounded on a day with many alerts). Order matters within an alert's targets, not across alerts.
/// </summary>
internal sealed class BackgroundDispatch
{
    private const int Workers = 8;
    private const int Backlog = 1_000;
    private readonly Channel<(Alert Alert, IReadOnlyList<DeliveryTarget> Targets)> _pending =
        Channel.CreateBounded<(Alert, IReadOnlyList<DeliveryTarget>)>(new BoundedChannelOptions(Backlog) { SingleWriter = true });
    private readonly Task<int>[] _workers;

    public BackgroundDispatch(DeliveryDispatcher dispatcher, CancellationToken ct) =>
        _workers = Enumerable.Range(0, Workers).Select(_ => DrainAsync(dispatcher, ct)).ToArray();

    public async Task AddAsync(Alert alert, IReadOnlyList<DeliveryTarget> targets)
    {
        try
        {
            await _pending.Writer.WriteAsync((alert, targets));
        }
        catch (ChannelClosedException)
        {
            // A worker failed and closed the backlog: its exception is the one to report.
            await Task.WhenAll(_workers);
            throw;
        }
    }

    /// <summary>Waits until everything added is dispatched; returns the deliveries queued, or throws a dispatch's error.</summary>
    public async Task<int> CompleteAsync()
    {
        _pending.Writer.TryComplete();
        return (await Task.WhenAll(_workers)).Sum();
    }

    /// <summary>
    /// After the scan failed: what it found is still dispatched (its noise state already says it was sent), and the
    /// dispatches' own errors add nothing to the one being reported.
    /// </summary>
    public async Task AbandonAsync()
    {
        _pending.Writer.TryComplete();
        try
        {
            await Task.WhenAll(_workers);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Deliberately ignored: see the summary.
        }
    }

    private async Task<int> DrainAsync(DeliveryDispatcher dispatcher, CancellationToken ct)
    {
        var queued = 0;
        try
        {
            await foreach (var (alert, targets) in _pending.Reader.ReadAllAsync(ct))
            {
                queued += await dispatcher.DispatchAsync(alert, targets, ct);
            }
        }
        catch (Exception e)
        {
            // Stops the scan at its next alert rather than letting it fill a backlog that may never drain.
            _pending.Writer.TryComplete(e);
            throw;
        }

        return queued;
    }
}
