using System.Diagnostics;

namespace MazeVault.Alerts.EndToEnd.Tests;

/// <summary>Waits for what a test cannot await directly (another process's effect), failing after a timeout with what it saw.</summary>
internal static class Until
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(20);

    public static Task TrueAsync(Func<bool> condition, TimeSpan timeout, Func<string>? seen = null) =>
        TrueAsync(() => Task.FromResult(condition()), timeout, seen);

    public static async Task TrueAsync(Func<Task<bool>> condition, TimeSpan timeout, Func<string>? seen = null)
    {
        var elapsed = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(elapsed.Elapsed < timeout, $"not reached within {timeout.TotalSeconds} s{(seen is null ? "" : ":\n" + seen())}");
            await Task.Delay(Poll);
        }
    }
}
