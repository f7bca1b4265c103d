using System.Text.Json.Serialization;

namespace MazeVault.Alerts.Core.Secrets;

/// <summary>
/// A secret setting of a channel (a token, a webhook URL, a signing secret). A settings property of this type is what
/// declares a field secret: storage seals it, API responses show only <see cref="Hint"/>, and <see cref="ToString"/> never
/// shows the value. A secret read from storage stays sealed until a sender calls <see cref="RevealAsync"/>.
/// </summary>
[JsonConverter(typeof(SecretJsonConverter))]
public sealed class Secret
{
    private const string Mask = "••••";
    /// <summary>Below this length even the last four characters would give away too much of the secret.</summary>
    private const int MinLengthForTail = 16;

    private readonly string? _value;
    private readonly Func<CancellationToken, Task<string>>? _open;

    private Secret(string? value, string hint, Func<CancellationToken, Task<string>>? open)
    {
        _value = value;
        Hint = hint;
        _open = open;
    }

    /// <summary>What responses may show: for a URL its scheme and host, otherwise at most the last 4 characters.</summary>
    public string Hint { get; }

    /// <summary>True for the empty value an update sends to clear a secret.</summary>
    public bool IsEmpty => _value is { Length: 0 };

    /// <summary>The value of a secret that is not sealed (an API input); a sealed one must be revealed asynchronously.</summary>
    public string Plain => _value ?? throw new InvalidOperationException("A sealed secret has no plain value: use RevealAsync.");

    public static Secret Of(string value) => new(value, HintFor(value), null);

    /// <summary>A secret as storage holds it: opened by <paramref name="open"/> only when a sender needs the value.</summary>
    public static Secret Sealed(string hint, Func<CancellationToken, Task<string>> open) => new(null, hint, open);

    /// <summary>
    /// The value. Opening a sealed secret can throw <see cref="SecretKeyUnavailableException"/> (worth retrying) or
    /// <see cref="SecretIntegrityException"/> (it will never open).
    /// </summary>
    public Task<string> RevealAsync(CancellationToken ct) => _value is not null ? Task.FromResult(_value) : _open!(ct);

    public override string ToString() => $"Secret({Hint})";

    public static string HintFor(string secret)
    {
        if (secret.Length == 0)
        {
            return "";
        }

        if (Uri.TryCreate(secret, UriKind.Absolute, out var uri) && !string.IsNullOrEmpty(uri.Host))
        {
            return $"{uri.Scheme}://{uri.Host}/{Mask}";
        }

        return secret.Length >= MinLengthForTail ? Mask + secret[^4..] : Mask;
    }
}
