namespace MazeVault.Alerts.Core.Egress;

/// <summary>
/// The egress guard refused a vendor call before any byte was sent: the destination resolved only to addresses the policy
/// refuses, or the URL is plain http to a host that is not loopback.
/// </summary>
public sealed class EgressRefusedException(string host, bool plainHttp = false) : Exception(plainHttp
    ? $"The destination {host} was not called: plain http is sent only to a loopback address; use https."
    : $"The destination {host} is not allowed: it resolves only to internal addresses.")
{
    public string Host { get; } = host;

    /// <summary>Refused for its scheme: plain http would carry the request (and any secret in it) readable on the way.</summary>
    public bool PlainHttp { get; } = plainHttp;

    /// <summary>What a failed delivery says after its channel prefix.</summary>
    public string Reason => PlainHttp ? "plain http not allowed (the URL must be https)" : "destination not allowed";

    /// <summary>The refusal among <paramref name="exception"/> and its inner exceptions (HttpClient and MSAL wrap it); null when there is none.</summary>
    public static EgressRefusedException? In(Exception? exception) => ExceptionChain.Find<EgressRefusedException>(exception);

    /// <summary>True when <paramref name="exception"/> or one of its inner exceptions is a refusal.</summary>
    public static bool IsCauseOf(Exception? exception) => In(exception) is not null;
}
