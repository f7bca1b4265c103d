using MazeVault.Alerts.Core.Channels;
using MazeVault.Alerts.Core.Channels.Email;
using MazeVault.Alerts.Core.Delivery;
using MazeVault.Alerts.Core.Integrations;
using MazeVault.Alerts.Core.Inventory;
using MazeVault.Alerts.Core.Reports;
using MazeVault.Alerts.Core.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace MazeVault.Alerts.Core.Tests.Reports;

/// <summary>The report service on the real stores, ledger and queue in Azurite, with a fake clock.</summary>
public sealed class WeeklyReportServiceTests : IClassFixture<AzuriteFixture>, IDisposable
{
    private static readonly DateTimeOffset MondayWinter0600Utc = new(2026, 11, 30, 6, 0, 0, TimeSpan.Zero);
    // Starts at the beginning of the year the year-long test walks through; the other tests move it to a Monday.
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly ServiceProvider _services;
    private readonly string _queueName = "report-" + Guid.NewGuid().ToString("N")[..12];
    private readonly string _organization = "org-" + Guid.NewGuid().ToString("N")[..12];

    public WeeklyReportServiceTests(AzuriteFixture azurite)
    {
        _services = TestServices.On(azurite).With("DELIVERY_QUEUE_NAME", _queueName).WithClock(_clock).Build();
    }

    public void Dispose() => _services.Dispose();

    private WeeklyReportService Reports => _services.GetRequiredService<WeeklyReportService>();

    private async Task<List<DeliveryEnvelope>> QueuedAsync()
    {
        var queue = _services.GetRequiredService<StorageClients>().Queue(_queueName);
        var envelopes = new List<DeliveryEnvelope>();
        if (!await queue.ExistsAsync())
        {
            return envelopes;
        }

        foreach (var message in (await queue.PeekMessagesAsync(32)).Value)
        {
            envelopes.Add(DeliveryEnvelope.Parse(message.MessageText));
        }

        // The scheduled run reports on every organization in this Azurite, including other tests' ones.
        return envelopes.Where(e => e.OrganizationId == _organization).ToList();
    }

    private async Task SetUpOrganizationAsync(params string[] recipients)
    {
        if (_clock.GetUtcNow() < MondayWinter0600Utc)
        {
            _clock.SetUtcNow(MondayWinter0600Utc);
        }

        await SetUpOrganizationNowAsync(recipients);
    }

    /// <summary>The organization's inventory (and recipients, when given) written at the clock's current time.</summary>
    private async Task SetUpOrganizationNowAsync(params string[] recipients)
    {
        var inventory = _services.GetRequiredService<IInventoryStore>();
        await inventory.UpsertCertificateAsync(new Certificate
        {
            Id = "cert-1", OrganizationId = _organization, Subject = "CN=api.example.com", NotAfter = MondayWinter0600Utc.AddDays(12),
        }, CancellationToken.None);
        await inventory.UpsertRotationConfigAsync(new RotationConfig
        {
            Id = "rot-1", OrganizationId = _organization, SecretName = "db-password", NextRotationDue = MondayWinter0600Utc.AddDays(3),
        }, CancellationToken.None);
        if (recipients.Length > 0)
        {
            await _services.GetRequiredService<IWeeklyReportSettingsStore>().ReplaceAsync(
                new WeeklyReportSettings { OrganizationId = _organization, Recipients = recipients }, CancellationToken.None);
        }
    }

    private Task<Integration> AddIntegrationAsync(Integration integration) =>
        _services.GetRequiredService<IIntegrationStore>().CreateAsync(integration with { OrganizationId = _organization }, CancellationToken.None);

    [Fact]
    public async Task Over_a_whole_year_of_flex_fires_each_week_is_sent_exactly_once_at_07_00_Prague_time()
    {
        await _services.GetRequiredService<IWeeklyReportSettingsStore>().ReplaceAsync(
            new WeeklyReportSettings { OrganizationId = _organization, Recipients = ["security-lead@example.com"] }, CancellationToken.None);
        var sentAt = new List<DateTimeOffset>();
        for (var day = new DateTime(2026, 1, 1); day.Year == 2026; day = day.AddDays(1))
        {
            if (day.DayOfWeek != DayOfWeek.Monday)
            {
                continue;
            }

            foreach (var hour in new[] { 5, 6 })
            {
                _clock.SetUtcNow(new DateTimeOffset(day.AddHours(hour), TimeSpan.Zero));
                var results = await Reports.RunScheduledAsync(CancellationToken.None);
                sentAt.AddRange(results.Where(r => r.OrganizationId == _organization && r.Status == WeeklyReportStatus.Sent).Select(_ => _clock.GetUtcNow()));
            }
        }

        var prague = TimeZoneInfo.FindSystemTimeZoneById("Europe/Prague");
        Assert.Equal(52, sentAt.Count);
        Assert.All(sentAt, at => Assert.Equal(new TimeSpan(7, 0, 0), TimeZoneInfo.ConvertTime(at, prague).TimeOfDay));
        Assert.Contains(new DateTimeOffset(2026, 3, 30, 5, 0, 0, TimeSpan.Zero), sentAt);  // CEST, after the spring switch
        Assert.Contains(new DateTimeOffset(2026, 10, 26, 6, 0, 0, TimeSpan.Zero), sentAt); // CET, after the autumn switch
    }

    [Fact]
    public async Task A_monday_the_app_missed_is_caught_up_once_by_a_later_fire_that_week()
    {
        await SetUpOrganizationAsync("security-lead@example.com");
        var tuesday = new DateTimeOffset(2026, 12, 1, 5, 0, 0, TimeSpan.Zero);
        var sent = new List<(DateTimeOffset At, WeeklyReportStatus Status, string Week)>();
        // The Monday fires never happened; the daily fires of Tuesday to the next Monday did.
        for (var fire = tuesday; fire < tuesday.AddDays(7); fire = fire.AddHours(fire.Hour == 5 ? 1 : 23))
        {
            _clock.SetUtcNow(fire);
            sent.AddRange((await Reports.RunScheduledAsync(CancellationToken.None)).Where(r => r.OrganizationId == _organization).Select(r => (fire, r.Status, r.Week)));
        }

        var reports = sent.Where(s => s.Status == WeeklyReportStatus.Sent).ToList();
        Assert.Equal(2, reports.Count);
        Assert.Equal((tuesday, "2026-W49"), (reports[0].At, reports[0].Week));
        Assert.Equal((new DateTimeOffset(2026, 12, 7, 6, 0, 0, TimeSpan.Zero), "2026-W50"), (reports[1].At, reports[1].Week));
    }

    /// <summary>
    /// Every Flex fire (05:00 and 06:00 UTC) from the Monday of <paramref name="monday"/> for <paramref name="days"/> days,
    /// skipping those before <paramref name="from"/> (a timer that missed them); <paramref name="before"/> runs ahead of
    /// each fire. This organization's results, with the fire they came from.
    /// </summary>
    private async Task<List<(DateTimeOffset At, WeeklyReportStatus Status, string Week)>> FireFlexAsync(
        DateTime monday, int days, DateTimeOffset? from = null, Func<DateTimeOffset, Task>? before = null)
    {
        var results = new List<(DateTimeOffset, WeeklyReportStatus, string)>();
        for (var day = monday; day < monday.AddDays(days); day = day.AddDays(1))
        {
            foreach (var fire in new[] { new DateTimeOffset(day.AddHours(5), TimeSpan.Zero), new DateTimeOffset(day.AddHours(6), TimeSpan.Zero) })
            {
                if (fire < from)
                {
                    continue;
                }

                _clock.SetUtcNow(fire);
                if (before is not null)
                {
                    await before(fire);
                }

                results.AddRange((await Reports.RunScheduledAsync(CancellationToken.None)).Where(r => r.OrganizationId == _organization).Select(r => (fire, r.Status, r.Week)));
            }
        }

        return results;
    }

    private Task SetRecipientsAsync(params string[] recipients) =>
        _services.GetRequiredService<IWeeklyReportSettingsStore>().ReplaceAsync(
            new WeeklyReportSettings { OrganizationId = _organization, Recipients = recipients }, CancellationToken.None);

    private int NoRecipientWarnings() => _services.GetFakeLogCollector().GetSnapshot().Count(l => l.Level == LogLevel.Warning
        && l.Message == $"[WeeklyReportService] Weekly report not sent: no recipients configured (organization={_organization})");

    /// <summary>07:00 Monday in Prague: CET (06:00 UTC) in winter, CEST (05:00 UTC) in summer.</summary>
    public static TheoryData<DateTime, int> DstWeeks => new()
    {
        { new DateTime(2026, 3, 23), 6 },   // CET; the clocks go forward on its Sunday
        { new DateTime(2026, 3, 30), 5 },   // the first CEST Monday
        { new DateTime(2026, 10, 19), 5 },  // CEST; the clocks go back on its Sunday
        { new DateTime(2026, 10, 26), 6 },  // the first CET Monday
        { new DateTime(2026, 11, 30), 6 },  // an ordinary winter week
    };

    [Theory]
    [MemberData(nameof(DstWeeks))]
    public async Task A_monday_with_recipients_is_sent_by_its_07_00_run_and_by_no_other_fire_of_the_week(DateTime monday, int reportHourUtc)
    {
        _clock.SetUtcNow(new DateTimeOffset(monday.AddDays(-3), TimeSpan.Zero));
        await SetUpOrganizationNowAsync("security-lead@example.com");

        var results = await FireFlexAsync(monday, 7);

        var sent = Assert.Single(results, r => r.Status == WeeklyReportStatus.Sent);
        Assert.Equal(new DateTimeOffset(monday.AddHours(reportHourUtc), TimeSpan.Zero), sent.At);
        Assert.Single(await QueuedAsync());
    }

    [Theory]
    [MemberData(nameof(DstWeeks))]
    public async Task A_monday_without_recipients_warns_once_and_recipients_added_on_wednesday_wait_for_the_next_monday(DateTime monday, int reportHourUtc)
    {
        _clock.SetUtcNow(new DateTimeOffset(monday.AddDays(-3), TimeSpan.Zero));
        await SetUpOrganizationNowAsync();
        var wednesday = new DateTimeOffset(monday.AddDays(2).AddHours(5), TimeSpan.Zero);

        var results = await FireFlexAsync(monday, 8, before: fire => fire == wednesday ? SetRecipientsAsync("late@example.com") : Task.CompletedTask);

        var runsOfTheWeek = results.Where(r => r.At < new DateTimeOffset(monday.AddDays(7), TimeSpan.Zero)).ToList();
        Assert.All(runsOfTheWeek, r => Assert.Equal(WeeklyReportStatus.NoRecipients, r.Status));
        Assert.Equal(new DateTimeOffset(monday.AddHours(reportHourUtc), TimeSpan.Zero), runsOfTheWeek[0].At);
        Assert.Equal(1, NoRecipientWarnings());
        var sent = Assert.Single(results, r => r.Status == WeeklyReportStatus.Sent);
        // 07:00 in Prague the next Monday, whose offset differs after the switch weeks.
        var nextMonday = monday.AddDays(7).AddHours(7);
        Assert.Equal(new DateTimeOffset(nextMonday, TimeZoneInfo.FindSystemTimeZoneById("Europe/Prague").GetUtcOffset(nextMonday)), sent.At);
        Assert.Single(await QueuedAsync());
    }

    [Theory]
    [InlineData("2026-03-23")]
    [InlineData("2026-03-30")]
    [InlineData("2026-10-19")]
    [InlineData("2026-10-26")]
    [InlineData("2026-11-30")]
    public async Task A_monday_the_timer_missed_is_caught_up_by_the_first_fire_on_tuesday(string mondayDate)
    {
        var monday = DateTime.Parse(mondayDate, System.Globalization.CultureInfo.InvariantCulture);
        _clock.SetUtcNow(new DateTimeOffset(monday.AddDays(-3), TimeSpan.Zero));
        await SetUpOrganizationNowAsync("security-lead@example.com");
        var tuesday = new DateTimeOffset(monday.AddDays(1).AddHours(5), TimeSpan.Zero);

        var results = await FireFlexAsync(monday, 7, from: tuesday);

        var sent = Assert.Single(results, r => r.Status == WeeklyReportStatus.Sent);
        Assert.Equal(tuesday, sent.At);
    }

    [Fact]
    public async Task An_organization_that_appears_after_the_monday_run_gets_its_first_report_the_next_monday()
    {
        var monday = new DateTime(2026, 11, 30);
        var wednesday = new DateTimeOffset(monday.AddDays(2).AddHours(5), TimeSpan.Zero);

        var results = await FireFlexAsync(monday, 8, before: fire => fire == wednesday ? SetUpOrganizationNowAsync("new-team@example.com") : Task.CompletedTask);

        var sent = Assert.Single(results);
        Assert.Equal((new DateTimeOffset(2026, 12, 7, 6, 0, 0, TimeSpan.Zero), WeeklyReportStatus.Sent, "2026-W50"), sent);
    }

    [Fact]
    public async Task A_manual_send_that_finds_no_recipients_does_not_cancel_the_weeks_scheduled_run()
    {
        _clock.SetUtcNow(new DateTimeOffset(2026, 11, 30, 5, 0, 0, TimeSpan.Zero)); // 06:00 in Prague, before the run
        await SetUpOrganizationNowAsync();
        Assert.Equal(WeeklyReportStatus.NoRecipients, (await Reports.SendNowAsync(_organization, force: false, CancellationToken.None)).Status);
        await SetRecipientsAsync("security-lead@example.com");

        _clock.SetUtcNow(MondayWinter0600Utc);
        var scheduled = Assert.Single(await Reports.RunScheduledAsync(CancellationToken.None), r => r.OrganizationId == _organization);

        Assert.Equal(WeeklyReportStatus.Sent, scheduled.Status);
    }

    [Fact]
    public async Task Of_concurrent_sends_of_one_week_exactly_one_answers_sent()
    {
        await SetUpOrganizationAsync("security-lead@example.com");

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Reports.SendNowAsync(_organization, force: false, CancellationToken.None)));

        Assert.Single(results, r => r.Status == WeeklyReportStatus.Sent);
        Assert.All(results.Where(r => r.Status != WeeklyReportStatus.Sent), r => Assert.Equal(WeeklyReportStatus.AlreadySent, r.Status));
        Assert.Single(await QueuedAsync());
    }

    [Fact]
    public async Task A_manual_run_after_the_scheduled_one_sends_nothing_unless_forced()
    {
        await SetUpOrganizationAsync("security-lead@example.com");
        var scheduled = Assert.Single(await Reports.RunScheduledAsync(CancellationToken.None), r => r.OrganizationId == _organization);
        Assert.Equal(WeeklyReportStatus.Sent, scheduled.Status);
        Assert.Equal("2026-W49", scheduled.Week);

        _clock.Advance(TimeSpan.FromHours(2));
        var manual = await Reports.SendNowAsync(_organization, force: false, CancellationToken.None);
        Assert.Equal(WeeklyReportStatus.AlreadySent, manual.Status);
        Assert.Single(await QueuedAsync());

        var forced = await Reports.SendNowAsync(_organization, force: true, CancellationToken.None);
        Assert.Equal(WeeklyReportStatus.Sent, forced.Status);
        Assert.NotEqual(scheduled.AlertId, forced.AlertId);
        Assert.Equal(2, (await QueuedAsync()).Select(e => e.AlertId).Distinct().Count());
    }

    [Fact]
    public async Task Report_goes_to_recipients_then_weekly_report_integrations_in_spec_order_and_skips_the_others()
    {
        await SetUpOrganizationAsync("a@example.com", "b@example.com");
        var slack = await AddIntegrationAsync(TestIntegrations.Of("slack-1", TestIntegrations.Slack, TestIntegrations.SlackSettings("https://hooks.example.test/slack"), "") with { Name = "Slack", WeeklyReport = true });
        var jira = await AddIntegrationAsync(TestIntegrations.Of("jira-1", TestIntegrations.Jira, TestIntegrations.JiraSettings("https://jira.example.test", "token-value"), "") with { Name = "Jira", WeeklyReport = true });
        await AddIntegrationAsync(TestIntegrations.Of("teams-1", TestIntegrations.Teams, TestIntegrations.TeamsSettings("https://teams.example.test/hook"), "") with { Name = "Teams without the flag", WeeklyReport = false });
        await AddIntegrationAsync(TestIntegrations.Of("webhook-1", TestIntegrations.Webhook, TestIntegrations.WebhookSettings("https://hooks.example.test/generic"), "") with { Name = "Inactive", WeeklyReport = true, Active = false });

        var targets = await _services.GetRequiredService<DeliveryPlan>().ForWeeklyReportAsync(_organization, CancellationToken.None);

        Assert.Equal(
            [TestIntegrations.Email, TestIntegrations.Email, TestIntegrations.Jira, TestIntegrations.Slack],
            targets.Select(t => t.Integration.Type));
        Assert.Equal(["a@example.com"], ((EmailSettings)targets[0].Integration.Settings).Recipients);
        Assert.Equal(["b@example.com"], ((EmailSettings)targets[1].Integration.Settings).Recipients);
        Assert.Equal(jira.Id, targets[2].Integration.Id);
        Assert.Equal(slack.Id, targets[3].Integration.Id);
        Assert.All(targets, t => Assert.DoesNotContain("@", t.Ref));
    }

    [Fact]
    public async Task No_recipients_is_a_clear_log_line_and_status_not_silence()
    {
        await SetUpOrganizationAsync();

        var result = await Reports.SendNowAsync(_organization, force: false, CancellationToken.None);

        Assert.Equal(WeeklyReportStatus.NoRecipients, result.Status);
        Assert.Empty(await QueuedAsync());
        var logs = _services.GetFakeLogCollector().GetSnapshot();
        Assert.Contains(logs, l => l.Level == LogLevel.Warning
            && l.Message == $"[WeeklyReportService] Weekly report not sent: no recipients configured (organization={_organization})");

        // Adding a recipient later the same week lets the report go out without forcing.
        await _services.GetRequiredService<IWeeklyReportSettingsStore>().ReplaceAsync(
            new WeeklyReportSettings { OrganizationId = _organization, Recipients = ["late@example.com"] }, CancellationToken.None);
        Assert.Equal(WeeklyReportStatus.Sent, (await Reports.SendNowAsync(_organization, force: false, CancellationToken.None)).Status);
    }

    [Fact]
    public async Task Fire_at_06_00_Prague_time_sends_nothing()
    {
        _clock.SetUtcNow(new DateTimeOffset(2026, 11, 30, 5, 0, 0, TimeSpan.Zero));
        await _services.GetRequiredService<IWeeklyReportSettingsStore>().ReplaceAsync(
            new WeeklyReportSettings { OrganizationId = _organization, Recipients = ["security-lead@example.com"] }, CancellationToken.None);

        Assert.Empty(await Reports.RunScheduledAsync(CancellationToken.None));
        Assert.Empty(await QueuedAsync());
    }

    [Fact]
    public async Task Large_report_travels_as_small_queue_messages_with_its_content_in_storage()
    {
        _clock.SetUtcNow(MondayWinter0600Utc);
        var inventory = _services.GetRequiredService<IInventoryStore>();
        var certificates = Enumerable.Range(0, 5_000).Select(i => new Certificate
        {
            Id = $"c{i:00000}", OrganizationId = _organization, Subject = $"CN=host-{i:00000}.internal.example.com",
            NotAfter = MondayWinter0600Utc.AddDays(1 + i % 59), AutoRenewalEnabled = i % 2 == 0,
        }).ToList();
        Assert.All(await inventory.ImportCertificatesAsync(certificates, CancellationToken.None), r => Assert.Null(r.Error));
        await _services.GetRequiredService<IWeeklyReportSettingsStore>().ReplaceAsync(
            new WeeklyReportSettings { OrganizationId = _organization, Recipients = ["security-lead@example.com"] }, CancellationToken.None);

        var result = await Reports.SendNowAsync(_organization, force: false, CancellationToken.None);

        var queue = _services.GetRequiredService<StorageClients>().Queue(_queueName);
        var message = Assert.Single((await queue.PeekMessagesAsync(32)).Value);
        Assert.True(message.MessageText.Length < 1024, $"message is {message.MessageText.Length} characters");
        var alert = await _services.GetRequiredService<AlertStore>().GetAsync(_organization, result.AlertId!, CancellationToken.None);
        Assert.NotNull(alert);
        Assert.Contains("and 4,950 more", alert.Notification.Html);
        Assert.True(alert.Notification.Message.Length <= WeeklyReportTextRenderer.MaxLength);
        var csv = Assert.Single(alert.Notification.Attachments);
        Assert.Equal(WeeklyReportCsv.FileName, csv.FileName);
        Assert.Equal(5_001, System.Text.Encoding.UTF8.GetString(csv.Content).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Equal(AlertSource.WeeklyReport, alert.Source);
    }

    [Fact]
    public void Csv_above_the_inline_attachment_limit_is_zipped()
    {
        var report = ReportSamples.Report(60_000, 0);

        var attachment = WeeklyReportService.CsvAttachment(report);

        Assert.Equal("weekly-expiry-report.csv.zip", attachment.FileName);
        Assert.True(attachment.Content.Length < WeeklyReportService.MaxPlainCsvBytes);
        using var zip = new System.IO.Compression.ZipArchive(new MemoryStream(attachment.Content));
        var entry = Assert.Single(zip.Entries);
        Assert.Equal(WeeklyReportCsv.FileName, entry.Name);
        Assert.True(entry.Length > WeeklyReportService.MaxPlainCsvBytes);
    }
}
