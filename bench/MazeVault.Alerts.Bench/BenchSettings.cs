using System.Globalization;

namespace MazeVault.Alerts.Bench;

/// <summary>The sizes of one run, from <c>--name=value</c> arguments; see docs/benchmarks.md.</summary>
internal sealed record BenchSettings(
    int Rows, int SmallRows, int LargeRows, int LargeRepetitions, int Organizations, int Deliveries, int Concurrency, int Repetitions, int FanOutRepetitions,
    int Incidents, int IncidentTargets,
    int PacingDeliveries, int PacingRate, int PacingInstances, int PacingHandlers, bool PacingOnly, bool DailyCheckOnly, bool AppOnly, bool FanOutOnly,
    int RetentionRows, int RetentionAccountRows, int RetentionRepetitions, bool RetentionOnly, bool TransactionsOnly, bool IntakeOnly)
{
    public static BenchSettings Parse(string[] args)
    {
        var values = args.Select(a => a.TrimStart('-').Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => int.Parse(p[1], CultureInfo.InvariantCulture));
        int Get(string name, int fallback) => values.TryGetValue(name, out var v) ? v : fallback;
        return new BenchSettings(
            Get("rows", 100_000), Get("small-rows", 10_000), Get("large-rows", 1_000_000), Get("large-repetitions", 1), Get("orgs", 4),
            Get("deliveries", 4_000), Get("concurrency", 16), Get("repetitions", 3), Get("fanout-repetitions", 7),
            Get("incidents", 320), Get("incident-targets", 9),
            Get("pacing-deliveries", 1_000), Get("pacing-rate", 50), Get("pacing-instances", 2), Get("pacing-handlers", 16), Get("pacing-only", 0) == 1, Get("daily-check-only", 0) == 1, Get("app-only", 0) == 1, Get("fanout-only", 0) == 1,
            Get("retention-rows", 100_000), Get("retention-account-rows", 25_000), Get("retention-repetitions", 1), Get("retention-only", 0) == 1,
            Get("transactions-only", 0) == 1, Get("intake-only", 0) == 1);
    }
}
