using Microsoft.Extensions.Options;

namespace MazeVault.Alerts.Core.Email;

/// <summary>SMTP settings that cannot work fail at startup with the setting's name (never its value).</summary>
public sealed class SmtpOptionsValidator : IValidateOptions<SmtpOptions>
{
    public ValidateOptionsResult Validate(string? name, SmtpOptions options)
    {
        if (!options.IsConfigured)
        {
            return ValidateOptionsResult.Success;
        }

        var failures = new List<string>();
        if (!EmailAddresses.IsValid(options.From))
        {
            failures.Add("SMTP_FROM is required (the sender address) when SMTP_HOST is set.");
        }

        if (!string.IsNullOrWhiteSpace(options.Port) && (!int.TryParse(options.Port, out var port) || port is < 1 or > 65535))
        {
            failures.Add("SMTP_PORT must be a port number between 1 and 65535.");
        }

        if (options.EffectiveSecurity is not (SmtpOptions.StartTls or SmtpOptions.Ssl or SmtpOptions.None))
        {
            failures.Add("SMTP_SECURITY must be starttls, ssl or none.");
        }

        if (string.IsNullOrWhiteSpace(options.Username) != string.IsNullOrWhiteSpace(options.Password))
        {
            failures.Add("SMTP_USERNAME and SMTP_PASSWORD must be set together (or both left empty for a relay without authentication).");
        }

        if (options.EffectiveSecurity == SmtpOptions.None && !string.IsNullOrWhiteSpace(options.Username) && !options.AllowPlaintextAuth)
        {
            failures.Add("SMTP_SECURITY=none would send SMTP_PASSWORD in clear text on every message: use starttls or ssl, or set SMTP_ALLOW_PLAINTEXT_AUTH=true for a relay on a trusted network.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
