namespace MazeVault.Alerts.Core.Routing;

/// <summary>Why a target does not take an alert: the rule (<c>inactive</c>, <c>route.kinds</c>, <c>route.exclude[1]</c>, ...) and a sentence.</summary>
public sealed record RouteExclusion(string Rule, string Reason)
{
    public static RouteExclusion Inactive { get; } = new("inactive", "The integration is inactive.");

    public static RouteExclusion NoResolvedNotices { get; } = new("notifyResolved", "The integration does not take resolved notices.");
}
