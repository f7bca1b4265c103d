namespace MazeVault.Alerts.TestHost;

/// <summary>
/// Fires each timer function at its schedule's occurrences on the host's clock, one run at a time per timer, as the
/// real host does without its singleton lock and schedule monitor (so a run is never reported past due).
/// </summary>
internal sealed class TimerScheduler(
    IReadOnlyList<(HostedFunction Function, TimerSchedule Schedule)> timers,
    Func<HostedFunction, DateTimeOffset, Task<FunctionInvocationResult>> fire,
    TimeProvider clock)
{
    /// <summary>
    /// Runs until <paramref name="stop"/> (a run under way is left to finish); the first occurrences are taken now, so a
    /// clock moved later still fires them. A run the host could not complete goes to <paramref name="onError"/>.
    /// </summary>
    public Task RunAsync(Action<Exception> onError, CancellationToken stop)
    {
        var now = clock.GetUtcNow();
        return Task.WhenAll(timers.Select(t => RunAsync(t.Function, t.Schedule, t.Schedule.NextAfter(now), onError, stop)));
    }

    private async Task RunAsync(HostedFunction function, TimerSchedule schedule, DateTimeOffset next, Action<Exception> onError, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var wait = next - clock.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                // WhenAny: a stop ends the wait without an exception.
                await Task.WhenAny(Task.Delay(wait, clock, stop));
                continue;
            }

            try
            {
                await fire(function, next);
            }
            catch (Exception e)
            {
                onError(e);
            }

            // Occurrences missed while a run took longer are skipped, not queued up.
            var now = clock.GetUtcNow();
            next = schedule.NextAfter(next > now ? next : now);
        }
    }
}
