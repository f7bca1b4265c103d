using MazeVault.Alerts.Core.Delivery;

namespace MazeVault.Alerts.Core.Routing;

/// <summary>The answer of explain: the sample alert as understood, and every target in delivery order with its decision.</summary>
public sealed record RoutingExplanation(string OrganizationId, string Kind, string? Severity, string ResourceName, IReadOnlyList<RoutingDecision> Targets);
