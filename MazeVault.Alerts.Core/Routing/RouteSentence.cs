using MazeVault.Alerts.Core.Channels;

namespace MazeVault.Alerts.Core.Routing;

/// <summary>Says in words what an <see cref="AlertRoute"/> lets through, so every client shows the same sentence.</summary>
public static class RouteSentence
{
    public static string Describe(AlertRoute route)
    {
        if (route.IsEverything)
        {
            return "Every alert";
        }

        var severity = route.MinSeverity is { } min ? $" of severity {SeverityNames.Name(min)} or above" : "";
        string what;
        if (route.Kinds is null)
        {
            what = severity.Length == 0 ? "every alert" : $"alerts{severity}, and resolved notices";
        }
        else
        {
            var alertKinds = route.Kinds.Where(k => k != AlertKind.Resolved).ToList();
            var alerts = alertKinds.Count > 0 ? Kinds(alertKinds) + severity : "";
            what = !route.Kinds.Contains(AlertKind.Resolved) ? alerts
                : alerts.Length > 0 ? alerts + ", and resolved notices"
                : "resolved notices";
        }

        if (route.Include.Count > 0)
        {
            what += $" on resources matching {Patterns(route.Include)}";
            if (route.Exclude.Count > 0)
            {
                what += $", except those matching {Patterns(route.Exclude)}";
            }
        }
        else if (route.Exclude.Count > 0)
        {
            what += $" on every resource except those matching {Patterns(route.Exclude)}";
        }

        return char.ToUpperInvariant(what[0]) + what[1..];
    }

    /// <summary>"incidents", "incidents and resolved notices", "incidents, certificate expiry alerts and resolved notices".</summary>
    public static string Kinds(IReadOnlyList<AlertKind> kinds) => Join(kinds.Select(AlertKindNames.Words).ToList(), "and");

    /// <summary>"prod-*", "prod-* or stage-*".</summary>
    public static string Patterns(IReadOnlyList<ResourcePattern> patterns) => Join(patterns.Select(p => p.Text).ToList(), "or");

    private static string Join(IReadOnlyList<string> words, string last) =>
        words.Count == 1 ? words[0] : string.Join(", ", words.Take(words.Count - 1)) + $" {last} " + words[^1];
}
