using System.Security.Cryptography.X509Certificates;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Identity;

namespace MazeVault.Alerts.Core.Email;

/// <summary>The Azure AD credential for the configured <c>O365_AUTH_METHOD</c>.</summary>
public static class O365Credentials
{
    public static X509Certificate2 LoadCertificate(O365Options options) =>
        X509CertificateLoader.LoadPkcs12FromFile(options.CertificatePath!, options.CertificatePassword);

    /// <param name="transport">Token requests go through the app's HTTP client factory (and tests point it at a local endpoint).</param>
    public static TokenCredential Create(O365Options options, HttpPipelineTransport transport)
    {
        var authority = new Uri(options.EffectiveAuthorityHost);
        // MSAL validates an authority it does not know against the public cloud's discovery endpoint; an explicitly
        // configured private authority has nothing to find there (and an isolated network cannot reach it).
        var unknownAuthority = !KnownAuthorities.Contains(authority);
        return options.EffectiveAuthMethod switch
        {
            O365Options.Certificate => new ClientCertificateCredential(options.TenantId, options.ClientId, LoadCertificate(options),
                WithShortRetries(new ClientCertificateCredentialOptions { AuthorityHost = authority, Transport = transport, DisableInstanceDiscovery = unknownAuthority })),
            O365Options.ManagedIdentity => new ManagedIdentityCredential(WithShortRetries(new ManagedIdentityCredentialOptions(
                string.IsNullOrWhiteSpace(options.ClientId) ? ManagedIdentityId.SystemAssigned : ManagedIdentityId.FromUserAssignedClientId(options.ClientId))
            {
                Transport = transport,
            })),
            _ => new ClientSecretCredential(options.TenantId, options.ClientId, options.ClientSecretValue,
                WithShortRetries(new ClientSecretCredentialOptions { AuthorityHost = authority, Transport = transport, DisableInstanceDiscovery = unknownAuthority })),
        };
    }

    /// <summary>
    /// One quick retry of a failed token request, not the SDK's default of three growing ones: the delivery queue retries
    /// a retryable email with its own backoff (and the identity platform's Retry-After), without holding the worker.
    /// </summary>
    private static T WithShortRetries<T>(T options) where T : Azure.Core.ClientOptions
    {
        options.Retry.MaxRetries = 1;
        options.Retry.Delay = TimeSpan.FromMilliseconds(200);
        options.Retry.MaxDelay = TimeSpan.FromSeconds(1);
        return options;
    }

    private static readonly HashSet<Uri> KnownAuthorities =
        [AzureAuthorityHosts.AzurePublicCloud, AzureAuthorityHosts.AzureGovernment, AzureAuthorityHosts.AzureChina];

    /// <summary>The <c>.default</c> scope of the Graph cloud the base URL points at (sovereign clouds have their own).</summary>
    public static string Scope(O365Options options) =>
        new Uri(options.EffectiveGraphBaseUrl).GetLeftPart(UriPartial.Authority) + "/.default";
}
