using Azure.Data.Tables;
using MazeVault.Alerts.Core.Channels;
using MazeVault.Alerts.Core.Integrations;
using MazeVault.Alerts.Core.Pacing;
using MazeVault.Alerts.Core.Quotas;
using MazeVault.Alerts.Core.Storage;
using MazeVault.Alerts.TestSupport.Vendors;
using Microsoft.Extensions.DependencyInjection;

namespace MazeVault.Alerts.Core.Tests.Channels;

/// <summary>
/// The Test action of an Email integration keeps the limits every email keeps, on Azurite with a real SMTP server and a
/// frozen clock: the organization's QUOTA_EMAILS_PER_DAY, the sender mailbox's send slots and its recipients per day.
/// Each test sends from a mailbox of its own, since the mailbox's limits are shared by every organization.
/// </summary>
public sealed class TestEmailLimitsTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private readonly string _org = "org-" + Guid.NewGuid().ToString("N")[..12];
    private readonly string _mailbox = $"alerts-{Guid.NewGuid():N}@company.com";
    private SmtpTestServer _smtp = null!;

    public async Task InitializeAsync() => _smtp = await SmtpTestServer.StartAsync();

    public async Task DisposeAsync() => await _smtp.DisposeAsync();

    private ChannelTestHost Host(params (string Key, string Value)[] limits)
    {
        var settings = new Dictionary<string, string?>
        {
            ["SMTP_HOST"] = _smtp.Host,
            ["SMTP_PORT"] = _smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["SMTP_FROM"] = _mailbox,
            ["SMTP_SECURITY"] = "none",
        };
        foreach (var (key, value) in limits)
        {
            settings[key] = value;
        }

        return ChannelTestHost.Create(azurite.ConnectionString, settings);
    }

    private async Task<IntegrationTestResult> TestAsync(ChannelTestHost host, params string[] recipients)
    {
        var email = await host.Services.GetRequiredService<IIntegrationStore>().CreateAsync(
            TestIntegrations.Of($"mail-{Guid.NewGuid():N}", TestIntegrations.Email, TestIntegrations.EmailSettings(recipients), _org) with { Name = "Ops mail" },
            CancellationToken.None);
        return (await host.Services.GetRequiredService<IntegrationTester>().TestAsync(_org, email.Id, CancellationToken.None))!;
    }

    [Fact]
    public async Task A_test_email_past_the_organizations_daily_quota_is_refused_with_the_quota_named_and_not_sent()
    {
        using var host = Host(("QUOTA_EMAILS_PER_DAY", "2"));
        Assert.True((await TestAsync(host, "ops@company.com")).Success);

        var result = await TestAsync(host, "security@company.com", "noc@company.com");

        Assert.False(result.Success);
        Assert.True(result.Recipients[0].Success);
        Assert.Equal((false, OrganizationQuotas.EmailQuotaReason), (result.Recipients[1].Success, result.Recipients[1].Error));
        Assert.Equal(OrganizationQuotas.EmailQuotaReason, result.Error);
        Assert.Equal([["ops@company.com"], ["security@company.com"]], _smtp.Received.Select(m => m.Recipients));
        // Test emails count toward the day like any other: a delivery now would be suppressed as well.
        Assert.False(await host.Services.GetRequiredService<OrganizationQuotas>().TryTakeEmailAsync(_org, CancellationToken.None));
    }

    [Fact]
    public async Task A_test_email_takes_the_mailboxs_next_send_slot_and_is_refused_when_queued_emails_hold_the_slots_past_the_test_timeout()
    {
        using var host = Host(("PACING_EMAIL_PER_MINUTE", "30"));
        var pacer = host.Services.GetRequiredService<DestinationPacer>();
        var mailbox = PacedDestination.Of("email", _mailbox, PacingRate.PerMinute(30));
        var now = host.Time.GetUtcNow();

        Assert.True((await TestAsync(host, "ops@company.com")).Success);
        // The test email took the slot at now: the next free one is an interval on.
        Assert.Equal(now + pacer.Interval(mailbox.Rate), await NextSlotAsync(mailbox));

        // Queued deliveries take the next 10 slots (21 s), past INTEGRATION_TEST_TIMEOUT_SECONDS (10).
        for (var i = 0; i < 10; i++)
        {
            await pacer.AcquireAsync(mailbox, reserved: null, CancellationToken.None);
        }

        var busy = await TestAsync(host, "security@company.com");

        Assert.False(busy.Success);
        Assert.StartsWith("sender mailbox busy: queued emails hold its send slots for the next ", busy.Error);
        Assert.Equal([["ops@company.com"]], _smtp.Received.Select(m => m.Recipients));
    }

    [Fact]
    public async Task A_test_email_past_the_mailboxs_recipients_of_the_day_is_refused_until_the_next_utc_day()
    {
        using var host = Host(("PACING_EMAIL_RECIPIENTS_PER_DAY", "1"));

        var result = await TestAsync(host, "ops@company.com", "security@company.com");

        Assert.True(result.Recipients[0].Success);
        Assert.False(result.Recipients[1].Success);
        Assert.Equal(
            $"sender mailbox limit: the mailbox reached its recipients per day (PACING_EMAIL_RECIPIENTS_PER_DAY); nothing was sent; emails go out again from {host.Time.GetUtcNow().UtcDateTime.Date.AddDays(1):yyyy-MM-dd} 00:00 UTC",
            result.Recipients[1].Error);
        Assert.Equal([["ops@company.com"]], _smtp.Received.Select(m => m.Recipients));

        host.Time.Advance(TimeSpan.FromDays(1));
        Assert.True((await TestAsync(host, "security@company.com")).Success);
    }

    private async Task<DateTimeOffset?> NextSlotAsync(PacedDestination mailbox)
    {
        var table = azurite.CreateTableServiceClient().GetTableClient(TableNames.Pacing);
        return (await table.GetEntityAsync<TableEntity>(mailbox.Key, "slot")).Value.GetDateTimeOffset("NextSlot");
    }
}
