using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace MazeVault.Alerts.Core.Email;

/// <summary>O365 settings that cannot work fail at startup with the setting's name (never its value).</summary>
public sealed class O365OptionsValidator : IValidateOptions<O365Options>
{
    public ValidateOptionsResult Validate(string? name, O365Options options)
    {
        if (!string.IsNullOrWhiteSpace(options.EnabledSetting) && !bool.TryParse(options.EnabledSetting.Trim(), out _))
        {
            return ValidateOptionsResult.Fail("O365_EMAIL_ENABLED must be true or false.");
        }

        if (!options.Enabled)
        {
            return ValidateOptionsResult.Success;
        }

        var failures = new List<string>();
        if (!EmailAddresses.IsValid(options.SenderEmail))
        {
            failures.Add("O365_SENDER_EMAIL is required (a user or shared mailbox address) when O365_EMAIL_ENABLED=true.");
        }

        if (!Uri.TryCreate(options.EffectiveGraphBaseUrl, UriKind.Absolute, out var graph) || graph.Scheme is not ("https" or "http"))
        {
            failures.Add("O365_GRAPH_BASE_URL must be an absolute URL such as https://graph.microsoft.com/v1.0.");
        }

        if (!Uri.TryCreate(options.EffectiveAuthorityHost, UriKind.Absolute, out var authority) || authority.Scheme != "https")
        {
            failures.Add("O365_AUTHORITY_HOST must be an absolute https URL such as https://login.microsoftonline.com/.");
        }

        switch (options.EffectiveAuthMethod)
        {
            case O365Options.ClientSecret:
                RequireAppRegistration(options, failures);
                if (string.IsNullOrWhiteSpace(options.ClientSecretValue))
                {
                    failures.Add("O365_CLIENT_SECRET is required for O365_AUTH_METHOD=client_secret.");
                }

                break;
            case O365Options.Certificate:
                RequireAppRegistration(options, failures);
                if (string.IsNullOrWhiteSpace(options.CertificatePath))
                {
                    failures.Add("O365_CERTIFICATE_PATH is required for O365_AUTH_METHOD=certificate.");
                }
                else if (!CanLoadCertificate(options))
                {
                    failures.Add("O365_CERTIFICATE_PATH could not be loaded: the file is missing, O365_CERTIFICATE_PASSWORD is wrong, or it holds no private key.");
                }

                break;
            case O365Options.ManagedIdentity:
                // O365_CLIENT_ID is optional here: it selects a user-assigned identity.
                break;
            default:
                failures.Add("O365_AUTH_METHOD must be client_secret, certificate or managed_identity.");
                break;
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void RequireAppRegistration(O365Options options, List<string> failures)
    {
        if (string.IsNullOrWhiteSpace(options.TenantId))
        {
            failures.Add("O365_TENANT_ID is required when O365_EMAIL_ENABLED=true.");
        }

        if (string.IsNullOrWhiteSpace(options.ClientId))
        {
            failures.Add("O365_CLIENT_ID is required when O365_EMAIL_ENABLED=true.");
        }
    }

    private static bool CanLoadCertificate(O365Options options)
    {
        try
        {
            using var certificate = O365Credentials.LoadCertificate(options);
            return certificate.HasPrivateKey;
        }
        catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
