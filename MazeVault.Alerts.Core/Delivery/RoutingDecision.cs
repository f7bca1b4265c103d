using MazeVault.Alerts.Core.Routing;

namespace MazeVault.Alerts.Core.Delivery;

/// <summary>
/// One target's answer to "would this alert reach it?": <see cref="Target"/> as the delivery history names it, and when
/// it would not, the rule that keeps it out (<c>inactive</c>, <c>route.minSeverity</c>, ...) with a sentence.
/// </summary>
public sealed record RoutingDecision(string Target, string TargetName, string Channel, bool Receives, string? ExcludedBy, string? Reason)
{
    public static RoutingDecision Of(DeliveryTarget target, string channel, RouteExclusion? exclusion) =>
        new(target.Ref, target.DisplayName, channel, exclusion is null, exclusion?.Rule, exclusion?.Reason);
}
