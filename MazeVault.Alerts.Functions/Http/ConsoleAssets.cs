using System.Collections.Frozen;
using System.Security.Cryptography;

namespace MazeVault.Alerts.Functions.Http;

/// <summary>
/// The operator console's static files, embedded in this assembly under <c>console/</c> (plain ES modules, no build
/// step). A request names a file exactly as embedded or gets <c>index.html</c>, the console's one page: a lookup by name,
/// so no path, however spelled, reaches anything else. Only the types in <see cref="ContentTypes"/> are embedded.
/// </summary>
public static class ConsoleAssets
{
    public const string IndexFile = "index.html";
    private const string ResourcePrefix = "console/";

    /// <summary>
    /// Scripts and styles only from this app, no inline script or eval, no framing, no plugins; API calls to this app only.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; frame-src 'self'; " +
        "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private static readonly FrozenDictionary<string, string> ContentTypes = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".svg"] = "image/svg+xml",
        [".json"] = "application/json; charset=utf-8",
    }.ToFrozenDictionary();

    private static readonly Lazy<FrozenDictionary<string, ConsoleAsset>> Files = new(Load);

    /// <summary>The file <paramref name="path"/> names; <c>index.html</c> for any other path, so the console's own routes load it.</summary>
    public static ConsoleAsset Find(string? path) =>
        Files.Value.TryGetValue(path ?? "", out var asset) ? asset : Files.Value[IndexFile];

    public static IReadOnlyCollection<string> Names => Files.Value.Keys;

    private static FrozenDictionary<string, ConsoleAsset> Load()
    {
        var assembly = typeof(ConsoleAssets).Assembly;
        var files = new Dictionary<string, ConsoleAsset>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            var name = resource[ResourcePrefix.Length..];
            if (!ContentTypes.TryGetValue(Path.GetExtension(name), out var contentType))
            {
                throw new InvalidOperationException($"The console file {name} has a type the console does not serve.");
            }

            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            var content = copy.ToArray();
            files[name] = new ConsoleAsset(content, contentType, $"\"{Convert.ToHexStringLower(SHA256.HashData(content))[..16]}\"");
        }

        return files.ContainsKey(IndexFile)
            ? files.ToFrozenDictionary(StringComparer.Ordinal)
            : throw new InvalidOperationException("The console's index.html is missing from the build.");
    }
}
