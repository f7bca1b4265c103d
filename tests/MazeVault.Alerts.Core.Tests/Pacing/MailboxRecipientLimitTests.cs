using Azure.Data.Tables;
using MazeVault.Alerts.Core.Delivery;
using MazeVault.Alerts.Core.Pacing;
using MazeVault.Alerts.Core.Quotas;
using MazeVault.Alerts.Core.Storage;
using MazeVault.Alerts.TestSupport.Vendors;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using static MazeVault.Alerts.Core.Tests.Delivery.EngineHarness;

namespace MazeVault.Alerts.Core.Tests.Pacing;

/// <summary>
/// The sender mailbox's recipients per UTC day (PACING_EMAIL_RECIPIENTS_PER_DAY) on Azurite with a real SMTP server and a
/// moved clock: counted across organizations, and an email past it waits in the queue for the next UTC day (not lost,
/// not suppressed, no attempt used), then goes out without counting against its organization's quota again.
/// </summary>
public sealed class MailboxRecipientLimitTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private SmtpTestServer _smtp = null!;

    public async Task InitializeAsync() => _smtp = await SmtpTestServer.StartAsync();

    public async Task DisposeAsync() => await _smtp.DisposeAsync();

    [Fact]
    public async Task Emails_past_the_mailboxs_recipients_of_the_day_wait_for_the_next_utc_day_across_organizations()
    {
        // One mailbox of this test's own, shared by both organizations, with room for three recipients a day.
        var settings = new Dictionary<string, string?>
        {
            ["SMTP_HOST"] = _smtp.Host,
            ["SMTP_PORT"] = _smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["SMTP_FROM"] = $"alerts-{Guid.NewGuid():N}@example.com",
            ["SMTP_SECURITY"] = "none",
            ["PACING_EMAIL_RECIPIENTS_PER_DAY"] = "3",
        };
        await using var first = Create(azurite, adminEmail: null, teamsWebhook: null, realChannelSettings: settings);
        await using var second = Create(azurite, adminEmail: null, teamsWebhook: null, realChannelSettings: settings);
        // Three seconds before midnight, so that the deferred copy's (real) visibility delay is short.
        var midnight = first.Clock.GetUtcNow().UtcDateTime.Date.AddDays(1);
        foreach (var engine in new[] { first, second })
        {
            engine.Clock.Advance(midnight - engine.Clock.GetUtcNow().UtcDateTime - TimeSpan.FromSeconds(3));
            await engine.ConfigureAsync([], [Contact($"ann-{engine.Org}", 1), Contact($"bob-{engine.Org}", 2)]);
            await engine.Incidents.ReportAsync(engine.Org, IncidentRequest(), null, CancellationToken.None);
            await engine.DrainAsync();
        }

        // Two recipients of the first organization and one of the second fill the day; the fourth waits.
        Assert.Equal(3, _smtp.Received.Count);
        Assert.All(await first.DeliveriesAsync(), d => Assert.Equal(DeliveryStatus.Delivered, d.Status));
        var waiting = Assert.Single(await second.DeliveriesAsync(), d => d.Status != DeliveryStatus.Delivered);
        Assert.Equal((DeliveryStatus.Queued, 1, new DateTimeOffset(midnight, TimeSpan.Zero)), (waiting.Status, waiting.Attempt, waiting.NextAttemptAt));
        Assert.Null(waiting.LastError);
        Assert.Single(second.Logs.GetSnapshot(), r => r.Message.StartsWith("[Pacing] The sender mailbox reached its 3 recipients of", StringComparison.Ordinal));

        second.Clock.Advance(TimeSpan.FromSeconds(3));
        Assert.Equal(1, await second.DrainWhenVisibleAsync());

        Assert.Equal(4, _smtp.Received.Count);
        Assert.All(await second.DeliveriesAsync(), d => Assert.Equal((DeliveryStatus.Delivered, 1), (d.Status, d.Attempt)));
        // Counted once, on the day it was admitted: the new day's email quota of the organization is untouched.
        var quotas = azurite.CreateTableServiceClient().GetTableClient(TableNames.Quotas);
        var rows = (await quotas.QueryAsync<TableEntity>(e => e.PartitionKey == second.Org).ToListAsync())
            .Where(r => r.RowKey.StartsWith(OrganizationQuotas.Emails, StringComparison.Ordinal)).ToList();
        Assert.Equal([$"{OrganizationQuotas.Emails}|{midnight.AddDays(-1):yyyyMMdd}T0000"], rows.Select(r => r.RowKey));
        Assert.Equal(2, rows[0].GetInt32("Count"));
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("10000001")]
    public void A_recipient_limit_out_of_range_is_refused_when_the_options_are_read(string value)
    {
        using var services = TestServices.On(azurite).With("PACING_EMAIL_RECIPIENTS_PER_DAY", value).Build();

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<PacingOptions>>().Value);

        Assert.Contains("PACING_EMAIL_RECIPIENTS_PER_DAY must be from 0 (no limit) to 10000000.", error.Message);
    }
}
