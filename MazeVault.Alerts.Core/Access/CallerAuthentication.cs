using Microsoft.Extensions.Options;

namespace MazeVault.Alerts.Core.Access;

/// <summary>
/// Turns a request's credentials into a <see cref="Caller"/> by the access mode: <c>local</c> asks nothing; <c>keys</c>
/// accepts only an API key in <c>X-Api-Key</c> (a platform principal header is ignored, since without App Service
/// Authentication anyone can send one); <c>entra</c> accepts an API key or the platform's principal, and nothing at all
/// while the platform does not show authentication on.
/// </summary>
public sealed class CallerAuthentication(IOptions<AccessOptions> options, ApiKeyStore keys)
{
    public const string ApiKeyHeader = "X-Api-Key";

    public async Task<AuthenticationResult> AuthenticateAsync(IReadOnlyList<string?> apiKeys, string? principalHeader, CancellationToken ct)
    {
        var settings = options.Value;
        switch (settings.Mode)
        {
            case AccessMode.Local:
                return new AuthenticationResult(Caller.Local);
            case AccessMode.Entra when !settings.AuthenticationEnabled:
                return new AuthenticationResult(null, Unavailable:
                    $"{AccessOptions.ModeSetting}=entra, but App Service Authentication is not on (WEBSITE_AUTH_ENABLED is not True): the app serves nobody rather than everybody.");
            case AccessMode.Entra when apiKeys.Count == 0:
                return CallerPrincipal.FromHeader(principalHeader) is { } principal ? new AuthenticationResult(Caller.Of(principal)) : AuthenticationResult.Nobody;
            case AccessMode.Entra or AccessMode.Keys:
                return await FromApiKeyAsync(apiKeys, settings, ct);
            default:
                // Start-up refuses an unknown mode; should a request still get here, it is refused.
                return new AuthenticationResult(null, Unavailable: $"{AccessOptions.ModeSetting} is not set to local, keys or entra.");
        }
    }

    private async Task<AuthenticationResult> FromApiKeyAsync(IReadOnlyList<string?> apiKeys, AccessOptions settings, CancellationToken ct)
    {
        if (apiKeys.Count == 0)
        {
            return AuthenticationResult.Nobody;
        }

        if (apiKeys.Count > 1 || apiKeys[0] is not { Length: > 0 and <= ApiKeySecret.MaxLength } presented)
        {
            return new AuthenticationResult(null, $"Send exactly one {ApiKeyHeader} header holding one key of at most {ApiKeySecret.MaxLength} characters.");
        }

        if (settings.UsableAdminKey is { } bootstrap && ApiKeySecret.Matches(presented, ApiKeySecret.Hash(bootstrap)))
        {
            return new AuthenticationResult(Caller.BootstrapKey);
        }

        return await keys.AuthenticateAsync(presented, ct) is { } key
            ? new AuthenticationResult(Caller.Of(key))
            : new AuthenticationResult(null, "The API key is not valid: unknown, revoked or expired.");
    }
}
