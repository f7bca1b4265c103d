namespace MazeVault.Alerts.EndToEnd.Tests;

/// <summary>
/// The compiled app sending email through Microsoft Graph on the local vendor server (its identity platform too), with the
/// sender mailbox paced at 6,000 messages a minute instead of Exchange Online's 30, so that a burst takes seconds.
/// </summary>
public sealed class MailboxPacingAppFixture : DeliveryAppFixture
{
    public const string Tenant = "11111111-2222-3333-4444-555555555555";
    public const string Sender = "alerts@company.com";
    public const string SendMailPath = "/v1.0/users/" + Sender + "/sendMail";
    public const int EmailsPerMinute = 6000;

    protected override void Configure(Dictionary<string, string> settings)
    {
        base.Configure(settings);
        Vendor.ServeIdentityPlatform(Tenant, "eyJ0eXAiOiJKV1QiLCJhbGciOiJub25lIn0.mailbox-pacing-token.");
        settings["O365_EMAIL_ENABLED"] = "true";
        settings["O365_TENANT_ID"] = Tenant;
        settings["O365_CLIENT_ID"] = "87654321-dcba-4321-dcba-987654321000";
        settings["O365_CLIENT_SECRET"] = "Gr4ph-Cl1ent-S3cret~value";
        settings["O365_SENDER_EMAIL"] = Sender;
        settings["O365_AUTH_METHOD"] = "client_secret";
        settings["O365_GRAPH_BASE_URL"] = Vendor.Url("/v1.0").ToString();
        settings["O365_AUTHORITY_HOST"] = Vendor.BaseUrl.ToString();
        settings["PACING_EMAIL_PER_MINUTE"] = EmailsPerMinute.ToString();
        settings["QUOTA_INCIDENTS_PER_MINUTE"] = "1000";
    }
}
