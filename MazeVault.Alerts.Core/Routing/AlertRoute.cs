using System.Text;
using System.Text.Json;
using MazeVault.Alerts.Core.Channels;
using MazeVault.Alerts.Core.Validation;

namespace MazeVault.Alerts.Core.Routing;

/// <summary>
/// Which alerts one integration takes: kinds, a minimum severity (alerts only; a resolved notice follows its alert) and
/// resource-name patterns to include and exclude. <see cref="Everything"/> (no route) is the spec's behaviour.
/// </summary>
public sealed class AlertRoute
{
    /// <summary>More patterns than this in a list is a configuration that wants another integration, not a longer list.</summary>
    public const int MaxPatterns = 20;

    /// <summary>Resource names are at most 200 characters; a useful pattern is a short prefix or suffix.</summary>
    public const int MaxPatternLength = 64;

    private static readonly JsonSerializerOptions StoredJson = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    public static AlertRoute Everything { get; } = new(null, null, [], []);

    private AlertRoute(IReadOnlyList<AlertKind>? kinds, NotificationSeverity? minSeverity, IReadOnlyList<ResourcePattern> include, IReadOnlyList<ResourcePattern> exclude)
    {
        Kinds = kinds;
        MinSeverity = minSeverity;
        Include = include;
        Exclude = exclude;
    }

    /// <summary>The kinds taken, in <see cref="AlertKind"/> order; null takes every kind.</summary>
    public IReadOnlyList<AlertKind>? Kinds { get; }

    public NotificationSeverity? MinSeverity { get; }

    /// <summary>When not empty, only resources matching one of these.</summary>
    public IReadOnlyList<ResourcePattern> Include { get; }

    public IReadOnlyList<ResourcePattern> Exclude { get; }

    public bool IsEverything => Kinds is null && MinSeverity is null && Include.Count == 0 && Exclude.Count == 0;

    /// <summary>The route in words, e.g. "Incidents of severity high or above on resources matching prod-*".</summary>
    public string Description => RouteSentence.Describe(this);

    public bool Admits(AlertTraits alert) => Check(alert).Rule == Rule.None;

    /// <summary>The rule of this route that keeps <paramref name="alert"/> out, or null when it admits it.</summary>
    public RouteExclusion? Exclusion(AlertTraits alert)
    {
        var (rule, index) = Check(alert);
        return rule switch
        {
            Rule.None => null,
            Rule.Kinds => new("route.kinds", $"It takes {RouteSentence.Kinds(Kinds!)} only, not {AlertKindNames.Words(alert.Kind)}."),
            Rule.MinSeverity => new("route.minSeverity", $"Severity {SeverityNames.Name(alert.Severity)} is below {SeverityNames.Name(MinSeverity!.Value)}."),
            Rule.Include => new("route.include", $"'{alert.ResourceName}' matches none of {RouteSentence.Patterns(Include)}."),
            _ => new($"route.exclude[{index}]", $"'{alert.ResourceName}' matches {Exclude[index]}."),
        };
    }

    /// <summary>The one decision <see cref="Admits"/> and <see cref="Exclusion"/> share: the first rule that fails, in field order.</summary>
    private (Rule Rule, int Index) Check(AlertTraits alert)
    {
        if (Kinds is not null && !Kinds.Contains(alert.Kind))
        {
            return (Rule.Kinds, 0);
        }

        if (MinSeverity is { } min && alert.Kind != AlertKind.Resolved && alert.Severity < min)
        {
            return (Rule.MinSeverity, 0);
        }

        if (Include.Count > 0 && !Include.Any(p => p.Matches(alert.ResourceName)))
        {
            return (Rule.Include, 0);
        }

        for (var i = 0; i < Exclude.Count; i++)
        {
            if (Exclude[i].Matches(alert.ResourceName))
            {
                return (Rule.Exclude, i);
            }
        }

        return (Rule.None, 0);
    }

    /// <summary>The route as the API shows it and the table stores it, every field normalized.</summary>
    public RouteDocument ToDocument() => new()
    {
        Kinds = Kinds?.Select(AlertKindNames.Name).ToList(),
        MinSeverity = MinSeverity is { } min ? SeverityNames.Name(min) : null,
        Include = Include.Count > 0 ? Include.Select(p => p.Text).ToList() : null,
        Exclude = Exclude.Count > 0 ? Exclude.Select(p => p.Text).ToList() : null,
    };

    /// <summary>The stored column: null for <see cref="Everything"/>, so rows without a route read as before.</summary>
    public string? ToStored() => IsEverything ? null : JsonSerializer.Serialize(ToDocument(), StoredJson);

    public static AlertRoute FromStored(string? json)
    {
        if (json is null)
        {
            return Everything;
        }

        var errors = new FieldErrors();
        var route = From(JsonSerializer.Deserialize<RouteDocument>(json, StoredJson), errors);
        errors.ThrowIfAny();
        return route;
    }

    /// <summary>
    /// The route a request asks for; each invalid part is recorded in <paramref name="errors"/> under
    /// <c>route.…</c> (<c>route.kinds[1]</c>, <c>route.minSeverity</c>, <c>route.include[2]</c>).
    /// </summary>
    public static AlertRoute From(RouteDocument? document, FieldErrors errors)
    {
        if (document is null)
        {
            return Everything;
        }

        List<AlertKind>? kinds = null;
        if (document.Kinds is { Count: > 0 } names)
        {
            var chosen = new HashSet<AlertKind>();
            for (var i = 0; i < names.Count; i++)
            {
                if (AlertKindNames.TryParse(names[i], out var kind))
                {
                    chosen.Add(kind);
                }
                else
                {
                    errors.Add($"route.kinds[{i}]", $"must be one of {AlertKindNames.List}.");
                }
            }

            kinds = [.. chosen.Order()];
        }

        NotificationSeverity? minSeverity = null;
        if (!string.IsNullOrWhiteSpace(document.MinSeverity))
        {
            if (SeverityNames.TryParse(document.MinSeverity, out var severity))
            {
                minSeverity = severity;
            }
            else
            {
                errors.Add("route.minSeverity", $"must be {SeverityNames.List}.");
            }
        }

        var route = new AlertRoute(kinds, minSeverity, Patterns(document.Include, "route.include", errors), Patterns(document.Exclude, "route.exclude", errors));
        return route.IsEverything ? Everything : route;
    }

    private static IReadOnlyList<ResourcePattern> Patterns(IReadOnlyList<string?>? texts, string field, FieldErrors errors)
    {
        if (texts is null || texts.Count == 0)
        {
            return [];
        }

        if (texts.Count > MaxPatterns)
        {
            errors.Add(field, $"must have at most {MaxPatterns} patterns.");
            return [];
        }

        var patterns = new List<ResourcePattern>();
        for (var i = 0; i < texts.Count; i++)
        {
            var text = errors.Required($"{field}[{i}]", texts[i], MaxPatternLength);
            if (text is null)
            {
                continue;
            }

            if (text.IndexOfAny(['?', '[', ']', '{', '}']) >= 0)
            {
                errors.Add($"{field}[{i}]", "may use * as its only wildcard (? [ ] { } are not allowed).");
                continue;
            }

            text = text.Normalize(NormalizationForm.FormC);
            if (!patterns.Any(p => p.Text.Equals(text, StringComparison.OrdinalIgnoreCase)))
            {
                patterns.Add(new ResourcePattern(text));
            }
        }

        return patterns;
    }

    private enum Rule
    {
        None,
        Kinds,
        MinSeverity,
        Include,
        Exclude,
    }
}
