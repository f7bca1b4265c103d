namespace MazeVault.Alerts.Core.Access;

/// <summary>
/// What a request's credentials prove: a caller, no caller (none was sent), a refusal with the reason to tell the client
/// (401; never the credential itself), or that the app cannot authenticate anyone in this configuration (503).
/// </summary>
public sealed record AuthenticationResult(Caller? Caller, string? Refusal = null, string? Unavailable = null)
{
    public static AuthenticationResult Nobody { get; } = new((Caller?)null);
}
