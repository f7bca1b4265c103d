using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace MazeVault.Alerts.Core.Email;

/// <summary>Reports the email transport for the status indicator ("📧 Email Transport: Office365 OAuth2 ✅").</summary>
public sealed class EmailTransportStatusService(
    IConfiguration configuration,
    IEnumerable<IValidateOptions<O365Options>> o365Validators,
    IEnumerable<IValidateOptions<SmtpOptions>> smtpValidators)
{
    public EmailTransportStatus GetStatus()
    {
        // Bind afresh rather than through IOptions, which throws on the very misconfiguration this must show.
        var o365Options = configuration.Get<O365Options>() ?? new O365Options();
        var smtpOptions = configuration.Get<SmtpOptions>() ?? new SmtpOptions();
        var kind = EmailTransportSelection.Choose(o365Options, smtpOptions);
        return kind switch
        {
            EmailTransportKind.Office365 => Status(kind, Failures(o365Validators, o365Options), new Dictionary<string, string>
            {
                ["senderEmail"] = o365Options.SenderEmail ?? "",
                ["authMethod"] = o365Options.EffectiveAuthMethod,
                ["graphBaseUrl"] = o365Options.EffectiveGraphBaseUrl,
            }),
            // A malformed O365_EMAIL_ENABLED is the reason Office365 was not chosen: show it too.
            EmailTransportKind.Smtp => Status(kind, [.. Failures(o365Validators, o365Options), .. Failures(smtpValidators, smtpOptions)], new Dictionary<string, string>
            {
                ["host"] = smtpOptions.Host ?? "",
                ["port"] = smtpOptions.EffectivePort.ToString(),
                ["security"] = smtpOptions.EffectiveSecurity,
                ["from"] = smtpOptions.From ?? "",
                ["authentication"] = string.IsNullOrWhiteSpace(smtpOptions.Username) ? "none" : "username and password",
            }),
            _ => new EmailTransportStatus(DisabledEmailTransport.TransportName, false, false,
                [.. Failures(o365Validators, o365Options), "Email notifications are disabled: set O365_EMAIL_ENABLED=true (recommended) or SMTP_HOST."],
                new Dictionary<string, string>()) { Kind = kind },
        };
    }

    private static EmailTransportStatus Status(EmailTransportKind kind, IReadOnlyList<string> problems, Dictionary<string, string> settings) =>
        new(EmailTransportSelection.DisplayName(kind), true, problems.Count == 0, problems, settings) { Kind = kind };

    private static List<string> Failures<T>(IEnumerable<IValidateOptions<T>> validators, T options)
        where T : class =>
        validators.Select(v => v.Validate(Options.DefaultName, options)).Where(r => r.Failed).SelectMany(r => r.Failures ?? []).ToList();
}
