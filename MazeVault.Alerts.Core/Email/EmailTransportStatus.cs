using System.Text.Json.Serialization;

namespace MazeVault.Alerts.Core.Email;

/// <summary>
/// What <c>GET email/status</c> shows: the active transport in the spec's words, whether it can send, the status indicator
/// line, and each problem (each names its setting, never a value). No secret.
/// </summary>
public sealed record EmailTransportStatus(
    string Transport,
    bool Enabled,
    bool Configured,
    IReadOnlyList<string> Problems,
    IReadOnlyDictionary<string, string> Settings)
{
    /// <summary>Enabled and configured: email deliveries can be sent.</summary>
    public bool Usable => Enabled && Configured;

    /// <summary>The spec's indicator, e.g. "📧 Email Transport: Office365 OAuth2 ✅".</summary>
    public string Indicator => $"📧 Email Transport: {Transport} {(Usable ? "✅" : "❌")}";

    /// <summary>The settings named by the problems, e.g. <c>O365_SENDER_EMAIL</c>.</summary>
    public IReadOnlyList<string> ProblemSettings =>
        Problems.Select(p => new string(p.TakeWhile(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c) || c == '_').ToArray()))
            .Where(name => name.Contains('_', StringComparison.Ordinal))
            .Distinct()
            .ToList();

    /// <summary>Which transport the settings select (not shown: <see cref="Transport"/> names it).</summary>
    [JsonIgnore]
    public EmailTransportKind Kind { get; init; }
}
