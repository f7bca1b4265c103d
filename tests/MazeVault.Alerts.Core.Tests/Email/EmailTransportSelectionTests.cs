using System.Text.Json;
using MazeVault.Alerts.Core.Channels;
using MazeVault.Alerts.Core.Email;
using MazeVault.Alerts.Core.Tests.Channels;
using MazeVault.Alerts.TestSupport.Vendors;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MazeVault.Alerts.Core.Tests.Email;

/// <summary>The email priority, settings validation, and the status the endpoint shows.</summary>
public sealed class EmailTransportSelectionTests : IDisposable
{
    private const string ClientSecret = "O365-Cl1ent-S3cret";
    private const string SmtpPassword = "Smtp-P4ss-S3cret";
    private readonly string _directory = Directory.CreateTempSubdirectory("email-options").FullName;

    private static readonly Dictionary<string, string?> O365 = new()
    {
        ["O365_EMAIL_ENABLED"] = "true",
        ["O365_TENANT_ID"] = "11111111-2222-3333-4444-555555555555",
        ["O365_CLIENT_ID"] = "87654321-dcba-4321-dcba-987654321000",
        ["O365_CLIENT_SECRET"] = ClientSecret,
        ["O365_SENDER_EMAIL"] = "noreply@company.com",
    };

    private static readonly Dictionary<string, string?> Smtp = new()
    {
        ["SMTP_HOST"] = "smtp.office365.com",
        ["SMTP_PORT"] = "587",
        ["SMTP_USERNAME"] = "noreply@company.com",
        ["SMTP_PASSWORD"] = SmtpPassword,
        ["SMTP_FROM"] = "noreply@company.com",
    };

    // local.settings.sample.json as shipped: every email setting present, most of them empty.
    private static readonly Dictionary<string, string?> SampleSettings = new()
    {
        ["O365_EMAIL_ENABLED"] = "false", ["O365_TENANT_ID"] = "", ["O365_CLIENT_ID"] = "", ["O365_CLIENT_SECRET"] = "",
        ["O365_SENDER_EMAIL"] = "", ["O365_AUTH_METHOD"] = "client_secret", ["O365_CERTIFICATE_PATH"] = "", ["O365_CERTIFICATE_PASSWORD"] = "",
        ["O365_GRAPH_BASE_URL"] = "", ["O365_AUTHORITY_HOST"] = "",
        ["SMTP_HOST"] = "", ["SMTP_PORT"] = "587", ["SMTP_USERNAME"] = "", ["SMTP_PASSWORD"] = "", ["SMTP_FROM"] = "", ["SMTP_SECURITY"] = "starttls",
    };

    private static Dictionary<string, string?> Merge(params Dictionary<string, string?>[] parts) =>
        parts.SelectMany(p => p).GroupBy(p => p.Key).ToDictionary(g => g.Key, g => g.Last().Value);

    [Fact]
    public void O365_enabled_wins_over_a_configured_smtp_host()
    {
        using var host = ChannelTestHost.Create(settings: Merge(O365, Smtp));

        Assert.IsType<GraphEmailTransport>(host.Services.GetRequiredService<IEmailTransport>());
    }

    [Fact]
    public void Smtp_host_without_o365_selects_smtp()
    {
        using var host = ChannelTestHost.Create(settings: Merge(SampleSettings, Smtp));

        Assert.IsType<SmtpEmailTransport>(host.Services.GetRequiredService<IEmailTransport>());
    }

    [Fact]
    public async Task Neither_configured_disables_email_and_every_send_is_skipped_as_disabled()
    {
        using var host = ChannelTestHost.Create(settings: SampleSettings);
        var transport = host.Services.GetRequiredService<IEmailTransport>();

        var outcome = await transport.SendAsync(new EmailMessage { To = ["a@company.com"], Subject = "s", HtmlBody = "<p>b</p>", TextBody = "b" }, CancellationToken.None);

        Assert.Equal("Disabled", transport.Name);
        Assert.Equal("email notifications are disabled", Assert.IsType<DeliveryOutcome.Skipped>(outcome).Reason);
    }

    [Theory]
    [InlineData("O365_TENANT_ID")]
    [InlineData("O365_CLIENT_ID")]
    [InlineData("O365_SENDER_EMAIL")]
    [InlineData("O365_CLIENT_SECRET")]
    public async Task O365_enabled_without_a_required_setting_starts_and_every_email_fails_retryably_naming_it(string missing)
    {
        using var host = ChannelTestHost.Create(settings: Merge(O365, new() { [missing] = "" }));

        host.Services.GetRequiredService<IStartupValidator>().Validate();
        var transport = host.Services.GetRequiredService<IEmailTransport>();
        var outcome = await transport.SendAsync(new EmailMessage { To = ["a@company.com"], Subject = "s", HtmlBody = "<p>b</p>", TextBody = "b" }, CancellationToken.None);
        var status = host.Services.GetRequiredService<EmailTransportStatusService>().GetStatus();

        Assert.IsType<MisconfiguredEmailTransport>(transport);
        var reason = Assert.IsType<DeliveryOutcome.Retryable>(outcome).Reason;
        Assert.StartsWith($"email transport Office365 OAuth2 is misconfigured ({missing})", reason);
        Assert.Equal([missing], status.ProblemSettings);
        Assert.Equal("📧 Email Transport: Office365 OAuth2 ❌", status.Indicator);
        Assert.DoesNotContain(ClientSecret, reason + JsonSerializer.Serialize(status));
    }

    [Fact]
    public void A_certificate_that_cannot_be_loaded_is_reported_by_the_status_not_by_a_failed_start()
    {
        var pfx = TestCertificates.WriteClientPfx(_directory, "right-password");
        using var host = ChannelTestHost.Create(settings: Merge(O365, new()
        {
            ["O365_AUTH_METHOD"] = "certificate",
            ["O365_CERTIFICATE_PATH"] = pfx,
            ["O365_CERTIFICATE_PASSWORD"] = "wrong-password",
        }));

        host.Services.GetRequiredService<IStartupValidator>().Validate();
        var status = host.Services.GetRequiredService<EmailTransportStatusService>().GetStatus();

        Assert.Contains(status.Problems, f => f.StartsWith("O365_CERTIFICATE_PATH could not be loaded", StringComparison.Ordinal));
        Assert.IsType<MisconfiguredEmailTransport>(host.Services.GetRequiredService<IEmailTransport>());
        Assert.DoesNotContain("wrong-password", JsonSerializer.Serialize(status));
    }

    [Fact]
    public void A_loadable_certificate_passes_startup_validation()
    {
        var pfx = TestCertificates.WriteClientPfx(_directory, "right-password");
        using var host = ChannelTestHost.Create(settings: Merge(O365, new()
        {
            ["O365_AUTH_METHOD"] = "certificate",
            ["O365_CLIENT_SECRET"] = "",
            ["O365_CERTIFICATE_PATH"] = pfx,
            ["O365_CERTIFICATE_PASSWORD"] = "right-password",
        }));

        host.Services.GetRequiredService<IStartupValidator>().Validate();
    }

    [Fact]
    public void Managed_identity_needs_no_tenant_or_secret()
    {
        using var host = ChannelTestHost.Create(settings: new Dictionary<string, string?>
        {
            ["O365_EMAIL_ENABLED"] = "true",
            ["O365_AUTH_METHOD"] = "managed_identity",
            ["O365_SENDER_EMAIL"] = "noreply@company.com",
        });

        host.Services.GetRequiredService<IStartupValidator>().Validate();
        Assert.IsType<GraphEmailTransport>(host.Services.GetRequiredService<IEmailTransport>());
    }

    [Theory]
    [InlineData("SMTP_FROM", "", "SMTP_FROM")]
    [InlineData("SMTP_PORT", "abc", "SMTP_PORT")]
    [InlineData("SMTP_SECURITY", "tls13", "SMTP_SECURITY")]
    [InlineData("SMTP_PASSWORD", "", "SMTP_USERNAME and SMTP_PASSWORD")]
    [InlineData("SMTP_SECURITY", "none", "SMTP_SECURITY=none would send SMTP_PASSWORD in clear text")]
    [InlineData("SMTP_ALLOW_PLAINTEXT_AUTH", "true", null)]
    public void Smtp_misconfiguration_is_reported_by_the_status_naming_the_setting(string key, string value, string? named)
    {
        using var host = ChannelTestHost.Create(settings: Merge(Smtp, new() { [key] = value }));

        host.Services.GetRequiredService<IStartupValidator>().Validate();
        var status = host.Services.GetRequiredService<EmailTransportStatusService>().GetStatus();
        var transport = host.Services.GetRequiredService<IEmailTransport>();
        if (named is null)
        {
            // Opting in to plaintext AUTH alone changes nothing over the default starttls.
            Assert.True(status.Usable);
            Assert.IsType<SmtpEmailTransport>(transport);
            return;
        }

        Assert.False(status.Usable);
        Assert.Contains(status.Problems, f => f.StartsWith(named, StringComparison.Ordinal));
        Assert.IsType<MisconfiguredEmailTransport>(transport);
        Assert.DoesNotContain(SmtpPassword, JsonSerializer.Serialize(status));
    }

    [Fact]
    public void An_empty_o365_enabled_setting_means_disabled()
    {
        using var host = ChannelTestHost.Create(settings: Merge(SampleSettings, new() { ["O365_EMAIL_ENABLED"] = "" }));

        host.Services.GetRequiredService<IStartupValidator>().Validate();
        Assert.IsType<DisabledEmailTransport>(host.Services.GetRequiredService<IEmailTransport>());
    }

    [Fact]
    public void The_shipped_sample_settings_pass_startup_validation()
    {
        using var host = ChannelTestHost.Create(settings: SampleSettings);

        host.Services.GetRequiredService<IStartupValidator>().Validate();
    }

    [Fact]
    public void Status_names_the_active_transport_and_its_settings_without_any_secret()
    {
        using var host = ChannelTestHost.Create(settings: Merge(O365, Smtp));

        var status = host.Services.GetRequiredService<EmailTransportStatusService>().GetStatus();

        Assert.Equal("Office365 OAuth2", status.Transport);
        Assert.True(status.Enabled);
        Assert.True(status.Configured);
        Assert.Empty(status.Problems);
        Assert.Equal("📧 Email Transport: Office365 OAuth2 ✅", status.Indicator);
        Assert.Equal("noreply@company.com", status.Settings["senderEmail"]);
        var json = JsonSerializer.Serialize(status);
        Assert.DoesNotContain(ClientSecret, json);
        Assert.DoesNotContain(SmtpPassword, json);
    }

    [Fact]
    public void Status_of_smtp_shows_host_port_and_security_but_not_the_password()
    {
        using var host = ChannelTestHost.Create(settings: Merge(SampleSettings, Smtp));

        var status = host.Services.GetRequiredService<EmailTransportStatusService>().GetStatus();

        Assert.Equal("SMTP", status.Transport);
        Assert.True(status.Configured);
        Assert.Equal("smtp.office365.com", status.Settings["host"]);
        Assert.Equal("starttls", status.Settings["security"]);
        Assert.DoesNotContain(SmtpPassword, JsonSerializer.Serialize(status));
    }

    [Fact]
    public void Status_shows_a_misconfiguration_instead_of_failing()
    {
        using var host = ChannelTestHost.Create(settings: Merge(O365, new() { ["O365_TENANT_ID"] = "" }));

        var status = host.Services.GetRequiredService<EmailTransportStatusService>().GetStatus();

        Assert.Equal("Office365 OAuth2", status.Transport);
        Assert.False(status.Configured);
        Assert.Contains(status.Problems, p => p.StartsWith("O365_TENANT_ID", StringComparison.Ordinal));
        Assert.DoesNotContain(ClientSecret, JsonSerializer.Serialize(status));
    }

    [Fact]
    public void A_malformed_o365_enabled_value_shows_in_the_status_and_makes_email_misconfigured_not_disabled()
    {
        using var host = ChannelTestHost.Create(settings: Merge(SampleSettings, new() { ["O365_EMAIL_ENABLED"] = "yes" }));

        host.Services.GetRequiredService<IStartupValidator>().Validate();
        var status = host.Services.GetRequiredService<EmailTransportStatusService>().GetStatus();

        Assert.Equal(["O365_EMAIL_ENABLED"], status.ProblemSettings);
        Assert.IsType<MisconfiguredEmailTransport>(host.Services.GetRequiredService<IEmailTransport>());
    }

    [Fact]
    public void Status_says_email_is_disabled_when_nothing_is_configured()
    {
        using var host = ChannelTestHost.Create(settings: SampleSettings);

        var status = host.Services.GetRequiredService<EmailTransportStatusService>().GetStatus();

        Assert.Equal("Disabled", status.Transport);
        Assert.False(status.Enabled);
        Assert.False(status.Configured);
        Assert.Empty(status.ProblemSettings);
        Assert.Equal("📧 Email Transport: Disabled ❌", status.Indicator);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
