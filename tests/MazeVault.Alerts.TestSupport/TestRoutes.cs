using MazeVault.Alerts.Core.Routing;
using MazeVault.Alerts.Core.Validation;

namespace MazeVault.Alerts.TestSupport;

/// <summary>Routes for tests, built through the same validation as the API's.</summary>
public static class TestRoutes
{
    public static AlertRoute Of(string[]? kinds = null, string? minSeverity = null, string[]? include = null, string[]? exclude = null)
    {
        var errors = new FieldErrors();
        var route = AlertRoute.From(new RouteDocument { Kinds = kinds, MinSeverity = minSeverity, Include = include, Exclude = exclude }, errors);
        errors.ThrowIfAny();
        return route;
    }
}
