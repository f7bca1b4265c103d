using System.Text.Json.Serialization;

namespace MazeVault.Alerts.Core.Integrations;

/// <summary>How a write-only secret is shown: whether it is set, and a hint that reveals nothing usable.</summary>
public sealed record SecretView(
    bool Set,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Hint)
{
    private const string Mask = "••••";
    /// <summary>Below this length even the last four characters would give away too much of the secret.</summary>
    private const int MinLengthForTail = 16;

    public static SecretView Of(string? secret) => string.IsNullOrEmpty(secret) ? new(false, null) : new(true, HintFor(secret));

    /// <summary>URLs: scheme and host only, never the path or query (where webhook tokens live). Others: at most the last 4 characters.</summary>
    public static string HintFor(string secret)
    {
        if (Uri.TryCreate(secret, UriKind.Absolute, out var uri) && !string.IsNullOrEmpty(uri.Host))
        {
            return $"{uri.Scheme}://{uri.Host}/{Mask}";
        }

        return secret.Length >= MinLengthForTail ? Mask + secret[^4..] : Mask;
    }
}
