using MazeVault.Alerts.Core.Delivery;
using MazeVault.Alerts.Core.Rules;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;

namespace MazeVault.Alerts.Functions.Tests;

/// <summary>
/// Through the HTTP functions: one email per failed execution (by execution id, else by the report), never two
/// for a retried report, a daily cap per config, and an inventory upsert that turns a config to failed.
/// </summary>
public sealed class RotationFailureApiTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    /// <summary>The delivery target of config db's own notification addresses.</summary>
    private const string RotationTarget = "rotation:db";

    private readonly string _org = ApiHarness.NewOrganization();

    private ApiHarness Harness(int? emailsPerDay = null) => new(
        azurite, emailsPerDay is { } cap ? new Dictionary<string, string?> { ["ROTATION_FAILURE_EMAILS_PER_DAY"] = cap.ToString() } : null);

    private async Task<ApiResponse> PutConfigAsync(ApiHarness api, string status, string error = "vault refused the new value", string id = "db") =>
        await ApiHarness.SendAsync(
            api.Request(new { secretName = "db-password", status, lastError = error, notificationEmails = new[] { "owner@example.com" } }),
            r => api.Function<InventoryApi>().UpsertRotationConfig(r, _org, id, CancellationToken.None));

    private Task<ApiResponse> ReportAsync(ApiHarness api, object body) =>
        ApiHarness.SendAsync(api.Request(body), r => api.Function<RotationExecutions>().Report(r, _org, "db", CancellationToken.None));

    private static int Queued(ApiResponse response)
    {
        Assert.Equal(202, response.Status);
        return response.Json.GetProperty("deliveriesQueued").GetInt32();
    }

    private async Task<int> EmailsAsync(ApiHarness api) =>
        (await api.Services.GetRequiredService<DeliveryLedger>().QueryAsync(_org, new DeliveryQuery(), CancellationToken.None).ToListAsync())
        .Count(d => d.Target == RotationTarget);

    /// <summary>What the queue trigger records once it sent each email: a delivered row is never queued again.</summary>
    private async Task DeliverAllAsync(ApiHarness api)
    {
        var ledger = api.Services.GetRequiredService<DeliveryLedger>();
        foreach (var record in await ledger.QueryAsync(_org, new DeliveryQuery(Status: DeliveryStatus.Queued), CancellationToken.None).ToListAsync())
        {
            Assert.NotNull(await ledger.TryUpdateAsync(record with { Status = DeliveryStatus.Delivered }, CancellationToken.None));
        }
    }

    [Fact]
    public async Task Each_failed_execution_emails_once_and_a_retried_report_of_one_never_twice()
    {
        var api = Harness();
        await PutConfigAsync(api, "success");

        var first = Queued(await ReportAsync(api, new { status = "failed", error = "timeout", executionId = "run-1" }));
        var retried = Queued(await ReportAsync(api, new { status = "failed", error = "timeout", executionId = "run-1" }));
        var second = Queued(await ReportAsync(api, new { status = "failed", error = "timeout", executionId = "run-2" }));
        await DeliverAllAsync(api);
        api.Time.Advance(TimeSpan.FromDays(3));
        var retriedDaysLater = Queued(await ReportAsync(api, new { status = "failed", error = "timeout", executionId = "run-1" }));

        Assert.Equal((1, 0, 1, 0), (first, retried, second, retriedDaysLater));
        Assert.Equal(2, await EmailsAsync(api));
    }

    [Fact]
    public async Task Without_an_execution_id_the_report_itself_names_the_execution()
    {
        var api = Harness();
        await PutConfigAsync(api, "success");

        var first = Queued(await ReportAsync(api, new { status = "failed", error = "timeout" }));
        await DeliverAllAsync(api);
        api.Time.Advance(TimeSpan.FromMinutes(10));
        var retried = Queued(await ReportAsync(api, new { status = "failed", error = "timeout" }));
        var otherError = Queued(await ReportAsync(api, new { status = "failed", error = "permission denied" }));
        api.Time.Advance(RotationFailureNotifier.ReportWindow);
        var sameErrorLater = Queued(await ReportAsync(api, new { status = "failed", error = "timeout" }));

        Assert.Equal((1, 0, 1, 1), (first, retried, otherError, sameErrorLater));
        Assert.Equal(3, await EmailsAsync(api));
    }

    [Fact]
    public async Task Failures_beyond_the_daily_cap_are_logged_not_emailed_until_the_next_day()
    {
        var api = Harness(emailsPerDay: 2);
        await PutConfigAsync(api, "success");

        var today = new List<int>();
        for (var run = 1; run <= 4; run++)
        {
            today.Add(Queued(await ReportAsync(api, new { status = "failed", error = "timeout", executionId = $"run-{run}" })));
        }

        var retriedCapped = Queued(await ReportAsync(api, new { status = "failed", error = "timeout", executionId = "run-3" }));
        api.Time.Advance(TimeSpan.FromDays(1));
        var tomorrow = Queued(await ReportAsync(api, new { status = "failed", error = "timeout", executionId = "run-5" }));

        Assert.Equal([1, 1, 0, 0], today);
        Assert.Equal((0, 1), (retriedCapped, tomorrow));
        Assert.Equal(3, await EmailsAsync(api));
        Assert.Equal(2, api.Services.GetFakeLogCollector().GetSnapshot().Count(l => l.Message.Contains("reached its cap of 2 rotation-failure emails today", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task An_upsert_that_turns_a_config_to_failed_emails_its_addresses_once()
    {
        var api = Harness();

        Assert.Equal(200, (await PutConfigAsync(api, "success")).Status);
        Assert.Equal(0, await EmailsAsync(api));
        var failed = await PutConfigAsync(api, "failed");
        Assert.Equal(200, failed.Status);
        Assert.Equal(1, await EmailsAsync(api));
        // The email is settled, and the mark that owed it is the service's own bookkeeping: not in the answer.
        Assert.False(failed.Json.TryGetProperty("failureNoticeOwedSince", out _));
        Assert.Equal("failed", failed.Json.GetProperty("status").GetString());
        // Still failed: the vault's next sync of the same state is no new failure.
        Assert.Equal(200, (await PutConfigAsync(api, "failed")).Status);
        Assert.Equal(1, await EmailsAsync(api));
    }

    [Fact]
    public async Task An_import_that_turns_a_config_to_failed_emails_it_and_no_other()
    {
        var api = Harness();
        await PutConfigAsync(api, "success");
        object Config(string id, string status, bool enabled = true) => new
        {
            id, secretName = "s-" + id, status, enabled, lastError = "refused", notificationEmails = new[] { "owner@example.com" },
        };

        var response = await ApiHarness.SendAsync(
            api.Request(new { rotationConfigs = new[] { Config("db", "failed"), Config("ok", "success"), Config("off", "failed", enabled: false) } }),
            r => api.Function<InventoryApi>().Import(r, _org, CancellationToken.None));

        Assert.Equal(200, response.Status);
        var targets = (await api.Services.GetRequiredService<DeliveryLedger>().QueryAsync(_org, new DeliveryQuery(), CancellationToken.None).ToListAsync()).Select(d => d.Target);
        Assert.Equal([RotationTarget], targets);
    }

    public static TheoryData<string> BadExecutionIds => new() { "run\u0001", new string('x', 201) };

    [Theory]
    [MemberData(nameof(BadExecutionIds))]
    public async Task A_bad_execution_id_answers_400_naming_it_and_writes_nothing(string executionId)
    {
        var api = Harness();
        await PutConfigAsync(api, "success");
        var before = await StorageSnapshot.OfOrganizationAsync(azurite.ConnectionString, _org);

        var response = await ReportAsync(api, new { status = "failed", executionId });

        Assert.Equal(["executionId"], response.ProblemFields());
        Assert.Equal(before, await StorageSnapshot.OfOrganizationAsync(azurite.ConnectionString, _org));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("101")]
    [InlineData("five")]
    public void An_invalid_daily_cap_stops_start_up_naming_the_setting(string value)
    {
        var services = TestServices.On(azurite).With("ROTATION_FAILURE_EMAILS_PER_DAY", value).Build();

        var error = Assert.ThrowsAny<Exception>(() => services.GetRequiredService<IOptions<RotationFailureOptions>>().Value);

        Assert.Contains("ROTATION_FAILURE_EMAILS_PER_DAY", error.Message + error.InnerException?.Message);
    }
}
