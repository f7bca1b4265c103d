namespace MazeVault.Alerts.Core.Routing;

/// <summary>
/// A route as JSON, in the API's words (<c>{"kinds": ["incident"], "minSeverity": "high", "include": ["prod-*"],
/// "exclude": ["*-test"]}</c>): the body's <c>route</c>, the view's, and the stored column. Every field is optional; an
/// absent field or an empty list does not narrow the route.
/// </summary>
public sealed record RouteDocument
{
    public IReadOnlyList<string?>? Kinds { get; init; }
    public string? MinSeverity { get; init; }
    public IReadOnlyList<string?>? Include { get; init; }
    public IReadOnlyList<string?>? Exclude { get; init; }
}
