namespace MazeVault.Alerts.Core.Egress;

/// <summary>The destination of a vendor call resolved only to addresses the egress policy refuses: nothing was sent.</summary>
public sealed class EgressRefusedException(string host) : Exception($"The destination {host} is not allowed: it resolves only to internal addresses.")
{
    public string Host { get; } = host;

    /// <summary>True when <paramref name="exception"/> or one of its inner exceptions is a refusal (HttpClient and MSAL wrap it).</summary>
    public static bool IsCauseOf(Exception? exception) => ExceptionChain.Find<EgressRefusedException>(exception) is not null;
}
