using System.Text.Json.Nodes;

namespace MazeVault.Alerts.Core.Channels.Jira;

/// <summary>
/// One entry of <c>GET /rest/api/3/issue/{key}/transitions</c>: its id, its name, and the status category it leads to
/// (<c>new</c>, <c>indeterminate</c> or <c>done</c>, lower case).
/// </summary>
public sealed record JiraTransition(string Id, string Name, string StatusCategory)
{
    public const string Done = "done";

    public bool ReachesDone => StatusCategory == Done;

    /// <summary>The transitions of a Jira answer; entries without an id are left out.</summary>
    public static IReadOnlyList<JiraTransition> ReadAll(JsonNode? answer) =>
        (JiraJson.At(answer, "transitions") as JsonArray ?? [])
        .Select(t => new JiraTransition(
            JiraJson.String(t, "id") ?? "",
            JiraJson.String(t, "name") ?? "",
            JiraJson.String(t, "to", "statusCategory", "key")?.ToLowerInvariant() ?? ""))
        .Where(t => t.Id.Length > 0)
        .ToList();

    /// <summary>The configured transition (by name, ignoring case) when one is configured, else the first to a done status.</summary>
    public static JiraTransition? Resolving(IReadOnlyList<JiraTransition> transitions, string? configuredName) =>
        configuredName is null
            ? transitions.FirstOrDefault(t => t.ReachesDone)
            : transitions.FirstOrDefault(t => string.Equals(t.Name, configuredName, StringComparison.OrdinalIgnoreCase));

    /// <summary>The first transition out of done, preferring a "to do" status over an "in progress" one.</summary>
    public static JiraTransition? Reopening(IReadOnlyList<JiraTransition> transitions) =>
        transitions.Where(t => !t.ReachesDone)
            .OrderBy(t => t.StatusCategory switch { "new" => 0, "indeterminate" => 1, _ => 2 })
            .FirstOrDefault();
}
