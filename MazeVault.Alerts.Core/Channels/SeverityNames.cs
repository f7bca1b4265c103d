namespace MazeVault.Alerts.Core.Channels;

/// <summary>The API's severity names (the spec's incident severities) for <see cref="NotificationSeverity"/>.</summary>
public static class SeverityNames
{
    private static readonly Dictionary<string, NotificationSeverity> Severities = new(StringComparer.OrdinalIgnoreCase)
    {
        ["low"] = NotificationSeverity.Info,
        ["medium"] = NotificationSeverity.Warning,
        ["high"] = NotificationSeverity.High,
        ["critical"] = NotificationSeverity.Critical,
    };

    public const string List = "low, medium, high or critical";

    public static bool TryParse(string? name, out NotificationSeverity severity) =>
        Severities.TryGetValue(name?.Trim() ?? "", out severity);

    public static string Name(NotificationSeverity severity) => Severities.First(s => s.Value == severity).Key;
}
