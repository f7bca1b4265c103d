namespace MazeVault.Alerts.Core.Routing;

/// <summary>The API's names of the <see cref="AlertKind"/>s (<c>incident</c>, <c>certificate_expiry</c>, ...) and the words a route sentence uses.</summary>
public static class AlertKindNames
{
    private static readonly Dictionary<AlertKind, (string Name, string Words)> Names = new()
    {
        [AlertKind.Incident] = ("incident", "incidents"),
        [AlertKind.CertificateExpiry] = ("certificate_expiry", "certificate expiry alerts"),
        [AlertKind.RotationFailure] = ("rotation_failure", "rotation failure alerts"),
        [AlertKind.Resolved] = ("resolved", "resolved notices"),
    };

    /// <summary>Every name, in the enum's order, for error messages and the OpenAPI document.</summary>
    public static string List { get; } = string.Join(", ", Enum.GetValues<AlertKind>().Select(Name));

    public static string Name(AlertKind kind) => Names[kind].Name;

    public static string Words(AlertKind kind) => Names[kind].Words;

    public static bool TryParse(string? name, out AlertKind kind)
    {
        foreach (var (candidate, names) in Names)
        {
            if (string.Equals(names.Name, name?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                kind = candidate;
                return true;
            }
        }

        kind = default;
        return false;
    }
}
