using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace MazeVault.Alerts.Core.Channels.Jira;

/// <summary>The request bodies of JIRA Cloud REST API v3: issue fields with an Atlassian Document description, comments, JQL search, transitions.</summary>
public static class JiraDocument
{
    public const string IssueType = "Task";
    public const string AppLabel = "mazevault";
    private const int MaxSummaryChars = 255;

    /// <summary>The issue fields we read (a <c>fields</c> query value): whether it is done, and since when (reopening is bounded by that time).</summary>
    public const string IssueFields = "status,resolutiondate,statuscategorychangedate";

    /// <summary>A label (no spaces allowed) that stands for the fingerprint, stable across repeats.</summary>
    public static string FingerprintLabel(string fingerprint) =>
        $"mazevault-fp-{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(fingerprint)))[..20]}";

    public static JsonObject CreateIssue(Notification notification, string projectKey, IEnumerable<string> labels)
    {
        var labelArray = new JsonArray();
        foreach (var label in labels)
        {
            labelArray.Add(label);
        }

        return new JsonObject
        {
            ["fields"] = new JsonObject
            {
                ["project"] = new JsonObject { ["key"] = projectKey },
                ["issuetype"] = new JsonObject { ["name"] = IssueType },
                ["summary"] = ChannelText.Truncate(notification.Subject.ReplaceLineEndings(" "), MaxSummaryChars),
                ["labels"] = labelArray,
                ["description"] = Describe(notification),
            },
        };
    }

    /// <summary>A comment of the notification; <paramref name="preface"/> first when given (what MazeVault did to the issue).</summary>
    public static JsonObject Comment(Notification notification, string? preface = null) => new() { ["body"] = Describe(notification, preface) };

    /// <summary>Open issues of the project carrying the fingerprint label (the replacement for the retired /rest/api/3/search).</summary>
    public static JsonObject SearchOpen(string projectKey, string label) => Search(projectKey, label, "statusCategory != Done");

    /// <summary>Done issues of the project carrying the fingerprint label, newest first: the one a new alert may reopen.</summary>
    public static JsonObject SearchDone(string projectKey, string label) => Search(projectKey, label, "statusCategory = Done");

    /// <summary>The body of <c>POST /rest/api/3/issue/{key}/transitions</c>.</summary>
    public static JsonObject Transition(string transitionId) => new() { ["transition"] = new JsonObject { ["id"] = transitionId } };

    /// <summary>An Atlassian Document: the preface and the subject in bold, one paragraph per message line, one per fact.</summary>
    public static JsonObject Describe(Notification notification, string? preface = null)
    {
        var content = new JsonArray();
        if (preface is not null)
        {
            content.Add(Paragraph(Text(preface, strong: true)));
        }

        content.Add(Paragraph(Text(notification.Subject, strong: true)));
        foreach (var line in notification.Message.ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            content.Add(Paragraph(Text(line)));
        }

        foreach (var fact in notification.Facts)
        {
            content.Add(Paragraph(Text($"{fact.Name}: ", strong: true), Text(string.IsNullOrEmpty(fact.Value) ? "-" : fact.Value)));
        }

        return new JsonObject { ["type"] = "doc", ["version"] = 1, ["content"] = content };
    }

    private static JsonObject Search(string projectKey, string label, string statusCondition) => new()
    {
        ["jql"] = $"project = \"{projectKey.Replace("\"", "\\\"")}\" AND labels = \"{label}\" AND {statusCondition} ORDER BY created DESC",
        ["fields"] = new JsonArray([.. IssueFields.Split(',').Select(f => JsonValue.Create(f))]),
        ["maxResults"] = 1,
    };

    private static JsonObject Paragraph(params JsonNode[] nodes) => new() { ["type"] = "paragraph", ["content"] = new JsonArray(nodes) };

    private static JsonObject Text(string text, bool strong = false)
    {
        var node = new JsonObject { ["type"] = "text", ["text"] = text };
        if (strong)
        {
            node["marks"] = new JsonArray { new JsonObject { ["type"] = "strong" } };
        }

        return node;
    }
}
