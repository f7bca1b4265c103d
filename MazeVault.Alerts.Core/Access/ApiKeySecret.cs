using System.Security.Cryptography;
using System.Text;

namespace MazeVault.Alerts.Core.Access;

/// <summary>
/// The text of an API key, <c>mvk_{id}_{secret}</c>: the id finds the stored row in one read, the 256-bit secret is what
/// proves the caller. Only the SHA-256 of the whole text is stored: the secret is random and long, so a slow hash adds
/// nothing but latency to every request.
/// </summary>
public static class ApiKeySecret
{
    public const string Prefix = "mvk_";

    /// <summary>Longer presented values are refused before any parsing or storage read.</summary>
    public const int MaxLength = 128;

    private const int IdBytes = 8;
    private const int SecretBytes = 32;

    public static (string Id, string Text) New()
    {
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(IdBytes));
        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(SecretBytes)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return (id, $"{Prefix}{id}_{secret}");
    }

    /// <summary>The id a presented key names, or null when it does not have the shape of a key this app issues.</summary>
    public static string? IdOf(string presented)
    {
        if (presented.Length > MaxLength || !presented.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var id = presented.AsSpan(Prefix.Length);
        var separator = id.IndexOf('_');
        return separator == IdBytes * 2 && id[..separator].IndexOfAnyExcept("0123456789abcdef") < 0 && id.Length > separator + 1
            ? id[..separator].ToString()
            : null;
    }

    public static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    /// <summary>Compares in constant time, so the time of a refusal tells nothing about how much of a guess was right.</summary>
    public static bool Matches(string presented, string storedHash) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(presented)), Encoding.ASCII.GetBytes(storedHash));
}
