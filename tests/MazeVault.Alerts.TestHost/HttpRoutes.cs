using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Template;

namespace MazeVault.Alerts.TestHost;

/// <summary>The HTTP triggers' route table: <c>/{prefix}/{route}</c> templates with their methods, literals before parameters.</summary>
internal sealed class HttpRoutes
{
    private readonly List<Route> _routes;

    private readonly IInlineConstraintResolver _constraints;

    public HttpRoutes(IEnumerable<HostedFunction> functions, string routePrefix, IInlineConstraintResolver constraints)
    {
        _constraints = constraints;
        _routes = functions
            .Where(f => f.Trigger.Type.Equals("httpTrigger", StringComparison.OrdinalIgnoreCase))
            .Select(f => Route.Create(f, routePrefix))
            .OrderBy(r => r.Precedence, StringComparer.Ordinal)
            .ToList();
    }

    public (HostedFunction Function, RouteValueDictionary Values)? Match(string method, PathString path)
    {
        foreach (var route in _routes)
        {
            var values = new RouteValueDictionary();
            if ((route.Methods.Count == 0 || route.Methods.Contains(method)) && route.Matcher.TryMatch(path, values) && MeetsConstraints(route, values))
            {
                return (route.Function, values);
            }
        }

        return null;
    }

    // Inline constraints ({id:int}) decide the match as in the real host; TemplateMatcher alone ignores them.
    private bool MeetsConstraints(Route route, RouteValueDictionary values) =>
        route.Matcher.Template.Parameters.All(parameter => parameter.InlineConstraints.All(inline =>
            _constraints.ResolveConstraint(inline.Constraint) is not { } constraint
            || constraint.Match(null, null, parameter.Name!, values, RouteDirection.IncomingRequest)));

    private sealed record Route(HostedFunction Function, TemplateMatcher Matcher, HashSet<string> Methods, string Precedence)
    {
        public static Route Create(HostedFunction function, string routePrefix)
        {
            var route = function.Trigger["route"] ?? function.Name;
            var template = TemplateParser.Parse(string.IsNullOrEmpty(routePrefix) ? route : $"{routePrefix}/{route}");
            var methods = function.Trigger.Raw["methods"]?.AsArray().Select(m => m!.ToString().ToUpperInvariant()).ToHashSet()
                          ?? [];
            // A literal segment wins over a parameter in the same position, as in ASP.NET Core routing.
            var precedence = string.Concat(template.Segments.Select(s => s.IsSimple && s.Parts[0].IsLiteral ? '0' : '1'));
            return new Route(function, new TemplateMatcher(template, new RouteValueDictionary()), methods, precedence);
        }
    }
}
