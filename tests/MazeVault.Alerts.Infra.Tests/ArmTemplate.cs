using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace MazeVault.Alerts.Infra.Tests;

/// <summary>
/// A compiled ARM template and its nested module deployments, read the way ARM would:
/// a module's parameters are the values its parent deployment passes.
/// </summary>
public sealed partial class ArmTemplate(JsonObject json, JsonObject? deployment = null, ArmTemplate? parent = null)
{
    public JsonObject Json { get; } = json;
    public ArmTemplate? Parent { get; } = parent;

    /// <summary>The module's deployment name ("identity", "storage", ...), or "main".</summary>
    public string Name => deployment?["name"]?.GetValue<string>() ?? "main";

    /// <summary>Resources as a list, whether the template uses an array or symbolic names (languageVersion 2.0).</summary>
    public IEnumerable<JsonObject> Resources => Json["resources"] switch
    {
        JsonArray array => array.OfType<JsonObject>(),
        JsonObject symbolic => symbolic.Select(p => p.Value).OfType<JsonObject>(),
        _ => [],
    };

    public IEnumerable<ArmTemplate> Modules =>
        Resources.Where(r => Type(r) == "Microsoft.Resources/deployments")
            .Select(r => new ArmTemplate(r["properties"]!["template"]!.AsObject(), r, this));

    public IEnumerable<ArmTemplate> SelfAndModules => Modules.SelectMany(m => m.SelfAndModules).Prepend(this);

    /// <summary>Every resource of <paramref name="type"/> in this template and its modules, existing references excluded.</summary>
    public IEnumerable<(ArmTemplate Template, JsonObject Resource)> ResourcesOfType(string type) =>
        SelfAndModules.SelectMany(t => t.Resources
            .Where(r => string.Equals(Type(r), type, StringComparison.OrdinalIgnoreCase) && r["existing"]?.GetValue<bool>() != true)
            .Select(r => (t, r)));

    public JsonObject? ParameterDeclaration(string name) => Json["parameters"]?[name]?.AsObject();

    /// <summary>What the parent deployment passes for a module parameter.</summary>
    public JsonNode? PassedParameter(string name) => deployment?["properties"]?["parameters"]?[name]?["value"];

    public JsonNode? Variable(string name) => Json["variables"]?[name];

    /// <summary>Parameters declared secure (securestring / secureObject).</summary>
    public IReadOnlySet<string> SecureParameters =>
        (Json["parameters"]?.AsObject() ?? [])
            .Where(p => p.Value?["type"]?.GetValue<string>().StartsWith("secure", StringComparison.OrdinalIgnoreCase) == true)
            .Select(p => p.Key)
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// The app settings of the Function App: the literal objects that its <c>sites/config appsettings</c>
    /// properties expression unions (template variables and objects passed in by the parent), and any siteConfig.appSettings.
    /// </summary>
    public IReadOnlyList<AppSetting> AppSettings()
    {
        var settings = new List<AppSetting>();
        foreach (var (template, resource) in ResourcesOfType("Microsoft.Web/sites/config"))
        {
            if (!Text(resource["name"]).Contains("'appsettings'", StringComparison.Ordinal) && Text(resource["name"]) != "appsettings")
            {
                continue;
            }

            switch (resource["properties"])
            {
                case JsonObject literal:
                    settings.AddRange(literal.Select(p => new AppSetting(p.Key, Text(p.Value), template)));
                    break;
                case JsonValue expression:
                    foreach (Match reference in ReferencePattern().Matches(expression.GetValue<string>()))
                    {
                        var (node, scope) = reference.Groups["kind"].Value == "variables"
                            ? (template.Variable(reference.Groups["name"].Value), template)
                            : (template.PassedParameter(reference.Groups["name"].Value), template.Parent!);
                        if (node is JsonObject settingsObject)
                        {
                            settings.AddRange(settingsObject.Select(p => new AppSetting(p.Key, Text(p.Value), scope)));
                        }
                    }

                    break;
            }
        }

        foreach (var (template, site) in ResourcesOfType("Microsoft.Web/sites"))
        {
            if (site["properties"]?["siteConfig"]?["appSettings"] is JsonArray array)
            {
                settings.AddRange(array.OfType<JsonObject>().Select(s => new AppSetting(Text(s["name"]), Text(s["value"]), template)));
            }
        }

        return settings;
    }

    /// <summary>The type of the resource a reference(...) expression reads: by symbolic name (languageVersion 2.0) or by resourceId.</summary>
    public string? ReferencedResourceType(string expression)
    {
        var symbolic = SymbolicReference().Match(expression);
        if (symbolic.Success && Json["resources"] is JsonObject resources)
        {
            return resources[symbolic.Groups[1].Value] is JsonObject resource ? Type(resource) : null;
        }

        var byId = ResourceIdReference().Match(expression);
        return byId.Success ? byId.Groups[1].Value : null;
    }

    public static string Type(JsonObject resource) => resource["type"]?.GetValue<string>() ?? "";

    /// <summary>A string value as is; anything else as JSON.</summary>
    public static string Text(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) ? text : node?.ToJsonString() ?? "";

    [GeneratedRegex(@"^\[reference\('([^'/]+)'\)")]
    private static partial Regex SymbolicReference();

    [GeneratedRegex(@"^\[reference\(resourceId\('([^']+)'")]
    private static partial Regex ResourceIdReference();

    [GeneratedRegex(@"(?<kind>variables|parameters)\('(?<name>[^']+)'\)")]
    public static partial Regex ReferencePattern();
}
