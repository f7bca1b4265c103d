using System.Security.Cryptography;
using System.Text;

namespace MazeVault.Alerts.Core.Delivery;

/// <summary>
/// Deterministic ids: the same rule on the same resource on the same day is the same alert, and the same alert
/// to the same target is the same delivery. Hashes keep them Table-key safe whatever the resource id holds.
/// </summary>
public static class AlertIds
{
    public static string ForRule(string rule, string organizationId, string resourceId, DateOnly day) =>
        $"{rule}-{day:yyyyMMdd}-{Hash(rule, organizationId, resourceId, day.ToString("O"))}";

    public static string ForDelivery(string alertId, string targetRef) => "d-" + Hash(alertId, targetRef);

    /// <summary>A label-safe fingerprint of what an alert is about, stable across days (JIRA uses it against duplicates).</summary>
    public static string Fingerprint(string rule, string organizationId, string resourceId) =>
        $"mazevault-{rule}-{Hash(rule, organizationId, resourceId)}";

    internal static string Hash(params string[] parts)
    {
        // Length-prefixed so that ("a|b","c") and ("a","b|c") differ.
        var text = string.Concat(parts.Select(p => $"{p.Length}:{p}"));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..24];
    }
}
