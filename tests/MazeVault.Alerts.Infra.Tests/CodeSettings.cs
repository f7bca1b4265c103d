using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MazeVault.Alerts.Core.Storage;

namespace MazeVault.Alerts.Infra.Tests;

/// <summary>
/// The configuration keys the code reads, discovered from the code itself (no hand list):
/// [ConfigurationKeyName] on option properties in Core and Functions, %SETTING% expressions and
/// connection names in the built functions.metadata, and the storage connection name.
/// </summary>
public static partial class CodeSettings
{
    private static readonly Assembly[] Assemblies = [typeof(StorageClients).Assembly, typeof(Composition).Assembly];

    public static string FunctionsMetadataPath { get; } = Path.Combine(AppContext.BaseDirectory, "functions.metadata");

    public static IReadOnlySet<string> Keys() =>
        ConfigurationKeyNames()
            .Concat(FunctionsMetadataKeys())
            .Append(StorageClients.ConnectionName)
            .ToHashSet(StringComparer.Ordinal);

    public static IEnumerable<string> ConfigurationKeyNames(params Assembly[] assemblies) =>
        (assemblies.Length > 0 ? assemblies : Assemblies).SelectMany(LoadableTypes)
            .SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .SelectMany(p => p.CustomAttributes)
            // Matched by name so the test does not depend on which Configuration package version Core binds against.
            .Where(a => a.AttributeType.FullName == "Microsoft.Extensions.Configuration.ConfigurationKeyNameAttribute")
            .Select(a => (string)a.ConstructorArguments[0].Value!);

    public static IEnumerable<string> FunctionsMetadataKeys() => FunctionsMetadataKeys(FunctionsMetadataPath);

    public static IEnumerable<string> FunctionsMetadataKeys(string path)
    {
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"No functions.metadata at {path}: the Functions build output should be copied here.");
        }

        var functions = JsonNode.Parse(File.ReadAllText(path))!.AsArray();
        foreach (var binding in functions.SelectMany(f => f!["bindings"]!.AsArray()).OfType<JsonObject>())
        {
            foreach (var (name, value) in binding)
            {
                if (value is not JsonValue jsonValue || !jsonValue.TryGetValue<string>(out var text))
                {
                    continue;
                }

                // A binding's connection names a setting (or the prefix of identity-based __ settings).
                if (name.Equals("connection", StringComparison.OrdinalIgnoreCase) && text.Length > 0)
                {
                    yield return text;
                }

                foreach (Match match in SettingExpression().Matches(text))
                {
                    yield return match.Groups[1].Value;
                }
            }
        }
    }

    /// <summary>
    /// Whether an app setting (an environment variable, <c>__</c> for <c>:</c>) is the key the code binds,
    /// or a sub-key of it (AzureWebJobsStorage__clientId for AzureWebJobsStorage).
    /// </summary>
    public static bool Satisfies(string setting, string codeKey)
    {
        var normalized = setting.Replace("__", ":", StringComparison.Ordinal);
        return normalized == codeKey || normalized.StartsWith(codeKey + ":", StringComparison.Ordinal);
    }

    private static IEnumerable<Type> LoadableTypes(Assembly assembly)
    {
        try
        {
            return assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException e)
        {
            return e.Types.OfType<Type>();
        }
    }

    [GeneratedRegex("%([^%]+)%")]
    private static partial Regex SettingExpression();
}
