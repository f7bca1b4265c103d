namespace MazeVault.Alerts.Core.Email;

/// <summary>The email priority: O365_EMAIL_ENABLED=true → Graph; else SMTP_HOST set → SMTP; else disabled.</summary>
public static class EmailTransportSelection
{
    public static EmailTransportKind Choose(O365Options o365, SmtpOptions smtp) =>
        o365.Enabled ? EmailTransportKind.Office365
        : smtp.IsConfigured ? EmailTransportKind.Smtp
        : EmailTransportKind.Disabled;

    public static string DisplayName(EmailTransportKind kind) => kind switch
    {
        EmailTransportKind.Office365 => GraphEmailTransport.TransportName,
        EmailTransportKind.Smtp => SmtpEmailTransport.TransportName,
        _ => DisabledEmailTransport.TransportName,
    };
}
