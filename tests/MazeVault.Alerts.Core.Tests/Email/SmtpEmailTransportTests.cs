using MazeVault.Alerts.Core.Channels;
using MazeVault.Alerts.Core.Email;
using MazeVault.Alerts.Core.Tests.Channels;
using MazeVault.Alerts.TestSupport.Vendors;
using Microsoft.Extensions.DependencyInjection;

namespace MazeVault.Alerts.Core.Tests.Email;

/// <summary>SMTP through MailKit to a real SMTP server running in the test.</summary>
public sealed class SmtpEmailTransportTests : IAsyncLifetime
{
    private const string Password = "Smtp-P4ssw0rd-S3cret";
    private SmtpTestServer _smtp = null!;

    public async Task InitializeAsync() => _smtp = await SmtpTestServer.StartAsync("noreply@company.com", Password);

    public async Task DisposeAsync() => await _smtp.DisposeAsync();

    private ChannelTestHost Host(int? port = null, string password = Password) => ChannelTestHost.Create(settings: new Dictionary<string, string?>
    {
        ["SMTP_HOST"] = _smtp.Host,
        ["SMTP_PORT"] = (port ?? _smtp.Port).ToString(),
        ["SMTP_USERNAME"] = "noreply@company.com",
        ["SMTP_PASSWORD"] = password,
        ["SMTP_FROM"] = "noreply@company.com",
        // The test server has no certificate; STARTTLS itself is MailKit's, configured by SMTP_SECURITY.
        ["SMTP_SECURITY"] = "none",
        ["SMTP_ALLOW_PLAINTEXT_AUTH"] = "true",
    });

    private static EmailMessage Message() => new()
    {
        To = ["ops@company.com", "security@company.com"],
        Subject = "Weekly expiry report",
        HtmlBody = "<html><body><h1>Expiring soon</h1><table><tr><td>CN=example.com</td></tr></table></body></html>",
        TextBody = "Expiring soon\nCN=example.com",
        Attachments = [new EmailAttachment("report.csv", "text/csv", "name,expires\nCN=example.com,2026-04-27\n"u8.ToArray())],
    };

    [Fact]
    public async Task Sends_html_with_a_plain_text_alternative_and_attachments_to_every_recipient()
    {
        using var host = Host();
        var transport = host.Services.GetRequiredService<IEmailTransport>();

        var outcome = await transport.SendAsync(Message(), CancellationToken.None);

        Assert.IsType<DeliveryOutcome.Delivered>(outcome);
        Assert.Equal("SMTP", transport.Name);
        var received = Assert.Single(_smtp.Received);
        Assert.Equal("noreply@company.com", received.AuthenticatedUser);
        Assert.False(received.OverTls);
        Assert.Equal("noreply@company.com", received.From);
        Assert.Equal(["ops@company.com", "security@company.com"], received.Recipients);
        Assert.Equal("Weekly expiry report", received.Message.Subject);
        Assert.Equal(["ops@company.com", "security@company.com"], received.Message.To.Mailboxes.Select(m => m.Address));
        Assert.Contains("<h1>Expiring soon</h1>", received.Message.HtmlBody);
        Assert.Equal("Expiring soon\nCN=example.com", received.Message.TextBody!.ReplaceLineEndings("\n").TrimEnd());
        var alternative = Assert.IsType<MimeKit.MultipartAlternative>(((MimeKit.Multipart)received.Message.Body!)[0]);
        Assert.Equal(2, alternative.Count);
        var attachment = Assert.Single(received.Message.Attachments.OfType<MimeKit.MimePart>());
        Assert.Equal("report.csv", attachment.FileName);
    }

    [Fact]
    public async Task Starttls_upgrades_the_connection_before_authenticating()
    {
        using var certificate = TestCertificates.CreateLoopbackServer();
        await using var tlsServer = await SmtpTestServer.StartAsync("noreply@company.com", Password, certificate);
        var thumbprint = certificate.GetCertHashString();
        using var host = ChannelTestHost.Create(
            settings: new Dictionary<string, string?>
            {
                ["SMTP_HOST"] = tlsServer.Host,
                ["SMTP_PORT"] = tlsServer.Port.ToString(),
                ["SMTP_USERNAME"] = "noreply@company.com",
                ["SMTP_PASSWORD"] = Password,
                ["SMTP_FROM"] = "noreply@company.com",
                ["SMTP_SECURITY"] = "starttls",
            },
            // Trust the test's own self-signed server, and nothing else.
            configure: services => services.AddSingleton<SmtpServerCertificateValidation>((c, _) => c?.GetCertHashString() == thumbprint));

        var outcome = await host.Services.GetRequiredService<IEmailTransport>().SendAsync(Message(), CancellationToken.None);

        Assert.IsType<DeliveryOutcome.Delivered>(outcome);
        var received = Assert.Single(tlsServer.Received);
        Assert.True(received.OverTls);
        Assert.Equal("noreply@company.com", received.AuthenticatedUser);
    }

    [Fact]
    public async Task An_untrusted_server_certificate_is_not_accepted()
    {
        using var certificate = TestCertificates.CreateLoopbackServer();
        await using var tlsServer = await SmtpTestServer.StartAsync("noreply@company.com", Password, certificate);
        using var host = ChannelTestHost.Create(settings: new Dictionary<string, string?>
        {
            ["SMTP_HOST"] = tlsServer.Host,
            ["SMTP_PORT"] = tlsServer.Port.ToString(),
            ["SMTP_USERNAME"] = "noreply@company.com",
            ["SMTP_PASSWORD"] = Password,
            ["SMTP_FROM"] = "noreply@company.com",
        });

        var outcome = await host.Services.GetRequiredService<IEmailTransport>().SendAsync(Message(), CancellationToken.None);

        Assert.Contains("TLS handshake failed", Assert.IsType<DeliveryOutcome.Retryable>(outcome).Reason);
        Assert.Empty(tlsServer.Received);
    }

    [Fact]
    public async Task The_email_channel_renders_a_notification_as_html_and_text_for_its_recipients()
    {
        using var host = Host();
        var target = TestIntegrations.Of("admin-email", TestIntegrations.Email, TestIntegrations.EmailSettings("admin@company.com"), "org-1") with { Name = "ADMIN_EMAIL" };

        var outcome = await host.Channel(TestIntegrations.Email).SendAsync(Samples.CertificateExpiring(), target, CancellationToken.None);

        Assert.IsType<DeliveryOutcome.Delivered>(outcome);
        var received = Assert.Single(_smtp.Received);
        Assert.Equal(["admin@company.com"], received.Recipients);
        Assert.Equal("Certificate CN=example.com expires in 12 days", received.Message.Subject);
        Assert.Contains("<th style=\"text-align:left;padding:4px 12px 4px 0\">Certificate</th>", received.Message.HtmlBody);
        Assert.Contains("Auto-renewal: failed", received.Message.TextBody);
    }

    [Theory]
    [InlineData(451, typeof(DeliveryOutcome.Retryable))]
    [InlineData(452, typeof(DeliveryOutcome.Retryable))]
    [InlineData(550, typeof(DeliveryOutcome.Permanent))]
    [InlineData(554, typeof(DeliveryOutcome.Permanent))]
    public async Task A_4xx_reply_is_retryable_and_a_5xx_reply_is_permanent(int reply, Type expected)
    {
        using var host = Host();
        _smtp.ReplyToData(reply, "refused by test");

        var outcome = await host.Services.GetRequiredService<IEmailTransport>().SendAsync(Message(), CancellationToken.None);

        Assert.IsType(expected, outcome);
        Assert.Empty(_smtp.Received);
    }

    [Fact]
    public async Task A_wrong_password_is_permanent_and_the_reason_does_not_contain_it()
    {
        using var host = Host(password: "Wr0ng-S3cret-Pass");

        var outcome = await host.Services.GetRequiredService<IEmailTransport>().SendAsync(Message(), CancellationToken.None);

        var permanent = Assert.IsType<DeliveryOutcome.Permanent>(outcome);
        Assert.Contains("authentication failed", permanent.Reason);
        Assert.DoesNotContain("Wr0ng-S3cret-Pass", permanent.Reason);
        Assert.DoesNotContain("Wr0ng-S3cret-Pass", host.AllLogText());
    }

    [Fact]
    public async Task A_refused_connection_is_retryable()
    {
        using var host = Host(port: FreePort.Next());

        var outcome = await host.Services.GetRequiredService<IEmailTransport>().SendAsync(Message(), CancellationToken.None);

        Assert.IsType<DeliveryOutcome.Retryable>(outcome);
    }

    [Fact]
    public async Task A_temporary_authentication_failure_is_retried_and_a_refused_password_is_not()
    {
        using var host = Host();
        var transport = host.Services.GetRequiredService<IEmailTransport>();

        _smtp.ReplyToAuthentication(454, "4.7.0 Temporary authentication failure");
        var temporary = await transport.SendAsync(Message(), CancellationToken.None);
        _smtp.ReplyToAuthentication(535, "5.7.8 Authentication credentials invalid");
        var refused = await transport.SendAsync(Message(), CancellationToken.None);
        _smtp.ReplyToAuthentication(null);
        var recovered = await transport.SendAsync(Message(), CancellationToken.None);

        Assert.Equal("smtp error: authentication temporarily refused (454); retrying", Assert.IsType<DeliveryOutcome.Retryable>(temporary).Reason);
        Assert.Equal("smtp error: authentication failed; check SMTP_USERNAME and SMTP_PASSWORD", Assert.IsType<DeliveryOutcome.Permanent>(refused).Reason);
        Assert.IsType<DeliveryOutcome.Delivered>(recovered);
        Assert.Single(_smtp.Received);
    }
}
