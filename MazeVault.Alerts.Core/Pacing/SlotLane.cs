namespace MazeVault.Alerts.Core.Pacing;

/// <summary>
/// One instance's requests for slots of one destination, coalesced: the first to arrive reserves slots for everyone
/// waiting in one storage write, then for whoever arrived meanwhile, until nobody waits. Without it, every handler of the
/// instance would race the others for the same row, and the row's write latency would cap the rate (a read and a write
/// per slot, plus every lost race).
/// </summary>
internal sealed class SlotLane
{
    private readonly Lock _lock = new();
    private List<TaskCompletionSource<DateTimeOffset>> _waiting = [];
    private bool _reserving;

    /// <summary><paramref name="reserve"/> takes n consecutive slots in storage; this caller gets one of them.</summary>
    public Task<DateTimeOffset> TakeAsync(Func<int, Task<IReadOnlyList<DateTimeOffset>>> reserve, CancellationToken ct)
    {
        var mine = new TaskCompletionSource<DateTimeOffset>(TaskCreationOptions.RunContinuationsAsynchronously);
        bool lead;
        lock (_lock)
        {
            _waiting.Add(mine);
            lead = !_reserving;
            _reserving = true;
        }

        if (lead)
        {
            // Detached: the caller that starts the batches must not wait for everyone else's.
            _ = ReserveForAllAsync(reserve);
        }

        return mine.Task.WaitAsync(ct);
    }

    private async Task ReserveForAllAsync(Func<int, Task<IReadOnlyList<DateTimeOffset>>> reserve)
    {
        while (true)
        {
            List<TaskCompletionSource<DateTimeOffset>> batch;
            lock (_lock)
            {
                if (_waiting.Count == 0)
                {
                    _reserving = false;
                    return;
                }

                batch = _waiting;
                _waiting = [];
            }

            try
            {
                var slots = await reserve(batch.Count);
                for (var i = 0; i < batch.Count; i++)
                {
                    batch[i].TrySetResult(slots[i]);
                }
            }
            catch (Exception e)
            {
                batch.ForEach(waiter => waiter.TrySetException(e));
            }
        }
    }
}
