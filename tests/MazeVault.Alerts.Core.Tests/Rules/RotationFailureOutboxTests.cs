using Azure;
using MazeVault.Alerts.Core.Delivery;
using MazeVault.Alerts.Core.Inventory;
using MazeVault.Alerts.Core.Rules;
using MazeVault.Alerts.Core.Tests.Delivery;
using Microsoft.Extensions.DependencyInjection;
using Moq;
using static MazeVault.Alerts.Core.Tests.Delivery.EngineHarness;

namespace MazeVault.Alerts.Core.Tests.Rules;

/// <summary>
/// An inventory write that turns a rotation config failed owes its owners an email. The request dies right after the
/// write (the store answers, then the request is cancelled, as when the host stops): the email is still sent, once, by
/// the vault's retried write or, if none comes, by the daily check.
/// </summary>
public sealed class RotationFailureOutboxTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const string RotationTarget = "rotation:db";

    private static readonly RotationConfigInput Failed = new()
    {
        SecretName = "db-password", Status = RotationStatus.Failed, LastError = "vault refused the new value", NotificationEmails = ["owner@example.com"],
    };

    /// <summary>
    /// The product's service over a store whose request dies at one write: right after the write that turns the config
    /// failed lands, or (<paramref name="beforeTheClear"/>) just before the write that clears the owed mark.
    /// </summary>
    private static InventoryService Dying(EngineHarness engine, CancellationTokenSource request, bool beforeTheClear = false)
    {
        var store = new Mock<IInventoryStore>(MockBehavior.Strict);
        store.Setup(s => s.GetRotationConfigAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .Returns((string org, string id, CancellationToken _) => engine.Inventory.GetRotationConfigAsync(org, id, CancellationToken.None));
        store.Setup(s => s.UpsertRotationConfigAsync(It.IsAny<RotationConfig>(), It.IsAny<CancellationToken>()))
            .Returns(async (RotationConfig config, CancellationToken _) =>
            {
                if (beforeTheClear && config.FailureNoticeOwedSince is null)
                {
                    await request.CancelAsync();
                    request.Token.ThrowIfCancellationRequested();
                }

                var saved = await engine.Inventory.UpsertRotationConfigAsync(config, CancellationToken.None);
                if (!beforeTheClear)
                {
                    await request.CancelAsync();
                }

                return saved;
            });
        store.Setup(s => s.ImportRotationConfigsAsync(It.IsAny<IReadOnlyList<RotationConfig>>(), It.IsAny<CancellationToken>()))
            .Returns(async (IReadOnlyList<RotationConfig> configs, CancellationToken _) =>
            {
                var results = await engine.Inventory.ImportRotationConfigsAsync(configs, CancellationToken.None);
                await request.CancelAsync();
                return results;
            });
        var notifier = ActivatorUtilities.CreateInstance<RotationFailureNotifier>(engine.Services, store.Object);
        return ActivatorUtilities.CreateInstance<InventoryService>(engine.Services, store.Object, notifier);
    }

    private static InventoryService Service(EngineHarness engine) => engine.Services.GetRequiredService<InventoryService>();

    private static async Task<int> EmailsAsync(EngineHarness engine)
    {
        await engine.DrainAsync();
        var emails = (await engine.DeliveriesAsync()).Where(d => d.Target == RotationTarget).ToList();
        Assert.All(emails, d => Assert.Equal(DeliveryStatus.Delivered, d.Status));
        return emails.Count;
    }

    private static async Task<RotationConfig> StoredAsync(EngineHarness engine) =>
        (await engine.Inventory.GetRotationConfigAsync(engine.Org, "db", CancellationToken.None))!;

    private static async Task DieAfterTheWriteAsync(EngineHarness engine, Func<InventoryService, CancellationToken, Task> write)
    {
        using var request = new CancellationTokenSource();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => write(Dying(engine, request), request.Token));
        var stored = await StoredAsync(engine);
        Assert.Equal(RotationStatus.Failed, stored.Status);
        Assert.NotNull(stored.FailureNoticeOwedSince);
        Assert.Equal(0, await EmailsAsync(engine));
    }

    [Fact]
    public async Task An_upsert_cut_off_after_its_write_is_emailed_by_the_vaults_retry_once()
    {
        await using var engine = Create(azurite);
        await Service(engine).UpsertRotationConfigAsync(engine.Org, "db", Failed with { Status = RotationStatus.Success }, CancellationToken.None);

        await DieAfterTheWriteAsync(engine, (service, ct) => service.UpsertRotationConfigAsync(engine.Org, "db", Failed, ct));
        var retried = await Service(engine).UpsertRotationConfigAsync(engine.Org, "db", Failed, CancellationToken.None);
        var storedAfterRetry = await StoredAsync(engine);
        var emailsAfterRetry = await EmailsAsync(engine);
        await Service(engine).UpsertRotationConfigAsync(engine.Org, "db", Failed, CancellationToken.None);

        Assert.Equal(1, emailsAfterRetry);
        Assert.Equal(1, await EmailsAsync(engine));
        Assert.Null((await StoredAsync(engine)).FailureNoticeOwedSince);
        // The answer carries the row's ETag as stored after the mark was cleared, so a conditional write with it succeeds.
        Assert.Equal(storedAfterRetry.ETag, retried.ETag);
        Assert.Null(storedAfterRetry.FailureNoticeOwedSince);
    }

    [Fact]
    public async Task An_import_cut_off_after_its_write_is_emailed_by_the_vaults_retry_once()
    {
        await using var engine = Create(azurite);
        var import = new InventoryImportInput { RotationConfigs = [Failed with { Id = "db" }] };

        await DieAfterTheWriteAsync(engine, (service, ct) => service.ImportAsync(engine.Org, import, ct));
        await Service(engine).ImportAsync(engine.Org, import, CancellationToken.None);
        await Service(engine).ImportAsync(engine.Org, import, CancellationToken.None);

        Assert.Equal(1, await EmailsAsync(engine));
        Assert.Null((await StoredAsync(engine)).FailureNoticeOwedSince);
    }

    [Fact]
    public async Task Without_a_retry_the_daily_check_sends_the_owed_email_once_but_not_while_the_write_may_still_be_in_hand()
    {
        await using var engine = Create(azurite);
        await DieAfterTheWriteAsync(engine, (service, ct) => service.UpsertRotationConfigAsync(engine.Org, "db", Failed, ct));

        await engine.DailyCheck.RunAsync(CancellationToken.None);
        var emailsAtOnce = await EmailsAsync(engine);
        engine.Clock.Advance(RotationFailureNotifier.DecisionLease);
        await engine.DailyCheck.RunAsync(CancellationToken.None);
        var emailsAfterTheLease = await EmailsAsync(engine);
        // A day later, past the 12-hour window that tells a retried report from a new one: still no second email.
        engine.Clock.Advance(TimeSpan.FromDays(1));
        await engine.DailyCheck.RunAsync(CancellationToken.None);

        Assert.Equal((0, 1), (emailsAtOnce, emailsAfterTheLease));
        Assert.Equal(1, await EmailsAsync(engine));
        Assert.Null((await StoredAsync(engine)).FailureNoticeOwedSince);
    }

    [Fact]
    public async Task A_request_cut_off_after_its_email_before_clearing_the_mark_never_emails_twice_even_a_day_later()
    {
        await using var engine = Create(azurite);
        using var request = new CancellationTokenSource();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => Dying(engine, request, beforeTheClear: true).UpsertRotationConfigAsync(engine.Org, "db", Failed, request.Token));
        var emailsBeforeTheCheck = await EmailsAsync(engine);
        var owed = (await StoredAsync(engine)).FailureNoticeOwedSince;
        // Past the 12-hour window that tells a retried report from a new failure of the same error.
        engine.Clock.Advance(TimeSpan.FromDays(1));
        await engine.DailyCheck.RunAsync(CancellationToken.None);

        Assert.Equal(1, emailsBeforeTheCheck);
        Assert.NotNull(owed);
        Assert.Equal(1, await EmailsAsync(engine));
        Assert.Null((await StoredAsync(engine)).FailureNoticeOwedSince);
    }

    [Fact]
    public async Task An_execution_report_after_the_cut_off_supersedes_the_owed_email()
    {
        await using var engine = Create(azurite);
        await DieAfterTheWriteAsync(engine, (service, ct) => service.UpsertRotationConfigAsync(engine.Org, "db", Failed, ct));

        var report = await engine.Services.GetRequiredService<RotationExecutionService>()
            .ReportAsync(engine.Org, "db", new RotationExecutionRequest { Status = "success" }, CancellationToken.None);
        engine.Clock.Advance(RotationFailureNotifier.DecisionLease);
        await engine.DailyCheck.RunAsync(CancellationToken.None);

        Assert.Equal(0, report!.DeliveriesQueued);
        Assert.Null((await StoredAsync(engine)).FailureNoticeOwedSince);
        Assert.Equal(0, await EmailsAsync(engine));
    }

    [Fact]
    public async Task A_settle_that_fails_in_the_daily_check_is_logged_and_the_organizations_check_goes_on()
    {
        await using var engine = Create(azurite);
        await DieAfterTheWriteAsync(engine, (service, ct) => service.UpsertRotationConfigAsync(engine.Org, "db", Failed, ct));
        engine.Clock.Advance(RotationFailureNotifier.DecisionLease);
        var unwritable = new Mock<IInventoryStore>();
        unwritable.Setup(s => s.UpsertRotationConfigAsync(It.IsAny<RotationConfig>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new RequestFailedException(503, "The server is busy."));
        var check = ActivatorUtilities.CreateInstance<DailyCheckService>(
            engine.Services, ActivatorUtilities.CreateInstance<RotationFailureNotifier>(engine.Services, unwritable.Object));

        await check.RunAsync(CancellationToken.None);
        var owedAfterTheFailure = (await StoredAsync(engine)).FailureNoticeOwedSince;
        var queuedByTheCheck = await engine.DeliveriesAsync();
        await engine.DailyCheck.RunAsync(CancellationToken.None);

        Assert.NotNull(owedAfterTheFailure);
        Assert.Contains(engine.Logs.GetSnapshot(), l => l.Message.StartsWith("[NotificationScheduler] Owed rotation-failure email for db-password (config=db) not sent", StringComparison.Ordinal));
        // The check went on past the failure: its rotation-failure alert to the legacy recipients was queued.
        Assert.Contains(queuedByTheCheck, d => d.Target != RotationTarget);
        Assert.Equal(1, await EmailsAsync(engine));
        Assert.Null((await StoredAsync(engine)).FailureNoticeOwedSince);
    }
}
