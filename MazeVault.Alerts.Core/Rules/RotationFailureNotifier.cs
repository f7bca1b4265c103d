using System.Globalization;
using Azure;
using Azure.Data.Tables;
using MazeVault.Alerts.Core.Delivery;
using MazeVault.Alerts.Core.Inventory;
using MazeVault.Alerts.Core.Logging;
using MazeVault.Alerts.Core.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MazeVault.Alerts.Core.Rules;

/// <summary>
/// One email to a config's own notification addresses per failed execution, whether an execution report or an
/// inventory upsert says so. An execution is named by the caller's execution id, else by its report (the error it
/// carries), which is then taken as the same execution for <see cref="ReportWindow"/>. Table <c>RotationExecutions</c>
/// holds, per organization, a row per execution handled (RowKey <c>{config}|x|{hash}</c>) and per config and UTC day the
/// emails sent (RowKey <c>{config}|d|{yyyyMMdd}</c>), which <see cref="RotationFailureOptions.EmailsPerDay"/> caps.
/// </summary>
public sealed class RotationFailureNotifier(
    TableProvider tables,
    DeliveryDispatcher dispatcher,
    IInventoryStore inventory,
    IOptions<RotationFailureOptions> options,
    TimeProvider clock,
    ILogger<RotationFailureNotifier> logger)
{
    /// <summary>
    /// Without an execution id, the same error again within this window is taken for a retried report, not a new
    /// execution: longer than any caller's retry schedule, shorter than a rotation schedule that fails the same way daily.
    /// </summary>
    public static readonly TimeSpan ReportWindow = TimeSpan.FromHours(12);

    /// <summary>How long a claimed execution may stay undecided before its report is taken for dead and another decides it.</summary>
    public static readonly TimeSpan DecisionLease = TimeSpan.FromMinutes(2);

    private const int MaxWriteAttempts = 5;

    /// <summary>
    /// When a row of table <c>RotationExecutions</c> was written, for retention: an execution's claim time, a daily
    /// count's UTC day (its key's date); null for a row of neither shape.
    /// </summary>
    public static DateTimeOffset? RowTime(TableEntity row) =>
        row.GetDateTimeOffset("ClaimedAt")
        ?? (row.RowKey.Length > 11 && row.RowKey[^11..^8] == "|d|"
            && DateTime.TryParseExact(row.RowKey[^8..], "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var day)
                ? new DateTimeOffset(day, TimeSpan.Zero)
                : null);

    /// <summary>Queues the email of this failure unless this execution was handled already; returns the deliveries queued.</summary>
    public async Task<int> NotifyAsync(RotationConfig config, string? executionId, CancellationToken ct) =>
        await DecideAsync(config, executionId, owedSince: null, ct) ?? 0;

    /// <summary>
    /// Sends the email an inventory write marked as owed (<see cref="RotationConfig.FailureNoticeOwedSince"/>) and clears
    /// the mark; returns the config as stored. The mark stays while another report is still deciding this execution: if
    /// that one dies, a later write or the daily check settles it.
    /// </summary>
    public async Task<RotationConfig> SettleOwedAsync(RotationConfig config, CancellationToken ct)
    {
        if (config.FailureNoticeOwedSince is not { } since || await DecideAsync(config, executionId: null, since, ct) is null)
        {
            return config;
        }

        // An import answers no ETags: read the row back, so that clearing the mark never overwrites a write made since.
        var stored = config.ETag is null ? await inventory.GetRotationConfigAsync(config.OrganizationId, config.Id, ct) : config;
        if (stored is not { FailureNoticeOwedSince: not null } || stored.LastError != config.LastError)
        {
            // Settled already, or a later write owes the email of another failure: that write settles its own.
            return stored ?? config;
        }

        try
        {
            return await inventory.UpsertRotationConfigAsync(stored with { FailureNoticeOwedSince = null }, ct);
        }
        catch (ConcurrencyConflictException)
        {
            // The vault wrote the config meanwhile: that write carried the mark on (and settles it) or replaced the failure.
            return stored;
        }
    }

    /// <summary>
    /// The deliveries queued (0 when already handled or capped), or null while another report of this execution is
    /// deciding it. An execution handled since <paramref name="owedSince"/> counts as handled even past its window: the
    /// email owed is the one that report decided.
    /// </summary>
    private async Task<int?> DecideAsync(RotationConfig config, string? executionId, DateTimeOffset? owedSince, CancellationToken ct)
    {
        if (config.NotificationEmails.Count == 0)
        {
            return 0;
        }

        var table = await tables.GetAsync(TableNames.RotationExecutions, ct);
        var execution = executionId is null ? "report:" + config.LastError : "id:" + executionId;
        var rowKey = $"{config.Id}|x|{AlertIds.Hash(execution)}";
        var targets = new[] { DeliveryPlan.ForRotationConfig(config) };
        for (var attempt = 1; ; attempt++)
        {
            var now = clock.GetUtcNow();
            var found = await table.GetEntityIfExistsAsync<TableEntity>(config.OrganizationId, rowKey, cancellationToken: ct);
            var handled = found.HasValue && (!(found.Value!.GetDateTimeOffset("ExpiresAt") <= now) || found.Value.GetDateTimeOffset("ClaimedAt") >= owedSince)
                ? found.Value
                : null;
            if (handled?.GetBoolean("Decided") == true)
            {
                // A retried report: the ledger holds one row per delivery, so this queues only what a crash left unqueued.
                return handled.GetString("AlertId") is { } handledAlert
                    ? await dispatcher.DispatchAsync(AlertFactory.RotationExecutionFailure(config, handledAlert, now), targets, ct)
                    : 0;
            }

            if (handled?.GetDateTimeOffset("ClaimedAt") + DecisionLease > now)
            {
                // The same execution reported concurrently is being decided: that report sends its email.
                return null;
            }

            // Claimed before counting, so that a burst of retries counts once; a claim left undecided by a crash is taken over after the lease.
            var alertId = handled?.GetString("AlertId")
                ?? $"{AlertFactory.RotationExecutionFailureRule}-{AlertIds.Hash(config.OrganizationId, config.Id, execution, now.UtcTicks.ToString(CultureInfo.InvariantCulture))}";
            var claim = new TableEntity(config.OrganizationId, rowKey)
            {
                ["ExecutionId"] = executionId,
                ["ClaimedAt"] = now,
                // An execution id names one execution for good; a report only for the window.
                ["ExpiresAt"] = executionId is null ? now + ReportWindow : null,
                ["AlertId"] = alertId,
                ["Decided"] = false,
            };
            try
            {
                claim.ETag = (await TableWrites.AddOrReplaceAsync(table, claim, found, ct)).Headers.ETag!.Value;
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412 && attempt < MaxWriteAttempts)
            {
                // Another report of this execution claimed it first: answer as its repeat.
                continue;
            }

            var emailed = await TakeDailyEmailAsync(table, config, now, ct);
            claim["Decided"] = true;
            claim["AlertId"] = emailed ? alertId : null;
            await table.UpdateEntityAsync(claim, claim.ETag, TableUpdateMode.Replace, ct);
            if (!emailed)
            {
                logger.LogWarning(
                    "[NotificationScheduler] Secret rotation failed for {SecretName} (config={ConfigId}); not emailed: the config reached its cap of {Cap} rotation-failure emails today",
                    LogText.Neutralize(config.SecretName), config.Id, options.Value.EmailsPerDay);
                return 0;
            }

            logger.LogInformation("[NotificationScheduler] Secret rotation failed for {SecretName} (config={ConfigId}); emailing its notification addresses", LogText.Neutralize(config.SecretName), config.Id);
            return await dispatcher.DispatchAsync(AlertFactory.RotationExecutionFailure(config, alertId, now), targets, ct);
        }
    }

    /// <summary>Counts one more email of this config today, or false when today's cap is reached. ETags keep concurrent counts exact.</summary>
    private async Task<bool> TakeDailyEmailAsync(TableClient table, RotationConfig config, DateTimeOffset now, CancellationToken ct)
    {
        var rowKey = $"{config.Id}|d|{now.UtcDateTime:yyyyMMdd}";
        for (var attempt = 1; ; attempt++)
        {
            var found = await table.GetEntityIfExistsAsync<TableEntity>(config.OrganizationId, rowKey, cancellationToken: ct);
            var sent = found.HasValue ? found.Value!.GetInt32("Emails") ?? 0 : 0;
            if (sent >= options.Value.EmailsPerDay)
            {
                return false;
            }

            var counter = new TableEntity(config.OrganizationId, rowKey) { ["Emails"] = sent + 1 };
            try
            {
                await TableWrites.AddOrReplaceAsync(table, counter, found, ct);
                return true;
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412 && attempt < MaxWriteAttempts)
            {
                // Another failure of this config counted at the same moment: count again on top of it.
            }
        }
    }
}
