using System.Diagnostics;
using MazeVault.Alerts.Core.Channels;
using MazeVault.Alerts.Core.Integrations;
using MazeVault.Alerts.Core.Secrets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MazeVault.Alerts.Core.Logging;
using MazeVault.Alerts.Core.Pacing;
using MazeVault.Alerts.Core.Quotas;
using MazeVault.Alerts.Core.Recipients;
using MazeVault.Alerts.Core.Telemetry;

namespace MazeVault.Alerts.Core.Delivery;

/// <summary>
/// Sends one delivery: claims it in the ledger (ETag + lease), sends through the target's channel, records the outcome,
/// and queues a retry with backoff (no sooner than the vendor's Retry-After) until DELIVERY_MAX_ATTEMPTS. A paced target
/// first takes its destination's next send slot; one too far off defers the delivery without using an attempt, as does an
/// email past the sender mailbox's recipients of the day (deferred to the next UTC day). Addresses
/// from the vault's feed are sent to only while the organization's recipient policy allows them, and an email only within
/// the organization's QUOTA_EMAILS_PER_DAY; otherwise the delivery is suppressed.
/// </summary>
public sealed class DeliveryProcessor(
    DeliveryLedger ledger,
    AlertStore alerts,
    DeliveryPlan plan,
    ChannelCatalog channels,
    DeliveryQueue queue,
    FailureNotices failureNotices,
    DeliveryPacing pacing,
    RecipientPolicyService recipients,
    OrganizationQuotas quotas,
    IOptions<DeliveryOptions> options,
    TimeProvider clock,
    ILogger<DeliveryProcessor> logger)
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromHours(1);

    /// <summary>Why a feed-supplied delivery was not sent: its addresses were allowed when written, but no longer are.</summary>
    public const string NotAllowedReason = "recipient policy: none of the addresses is allowed by the organization's recipient policy any more";

    /// <summary>How many times a message waits for someone else's lease before the host's own retry count takes over.</summary>
    internal const int MaxDeferrals = 3;

    /// <summary>
    /// How often one attempt may be deferred by pacing. A deferral normally happens once (to the slot it reserves) and again
    /// only when a 429 pauses the destination over that slot; so many in a row means the destination keeps refusing, and
    /// the attempt is then used up without a send, which bounds the cycle by DELIVERY_MAX_ATTEMPTS.
    /// </summary>
    internal const int MaxPacingDeferrals = 50;

    public async Task<ProcessResult> ProcessAsync(DeliveryEnvelope message, CancellationToken ct)
    {
        using var activity = StartProcessActivity(message);
        if (message.DueAt is { } due)
        {
            AlertsTelemetry.QueueAge.Record(Math.Max(0, (clock.GetUtcNow() - due).TotalSeconds));
        }

        try
        {
            var result = await ProcessCoreAsync(message, activity, ct);
            activity?.SetTag("mazevault.delivery.result", result.ToString().ToLowerInvariant());
            if (result == ProcessResult.Failed)
            {
                activity?.SetStatus(ActivityStatusCode.Error);
            }

            return result;
        }
        catch (Exception e)
        {
            // The type only: exception messages may quote a URL.
            activity?.SetStatus(ActivityStatusCode.Error, e.GetType().Name);
            throw;
        }
    }

    /// <summary>
    /// Storage queues carry no trace context, so the envelope's traceparent makes this span part of the sender's trace
    /// (the incident's, the daily check's); the trigger's own span, which the host starts per dequeue, is linked instead.
    /// </summary>
    private static Activity? StartProcessActivity(DeliveryEnvelope message)
    {
        var continues = ActivityContext.TryParse(message.TraceParent, null, isRemote: true, out var parent);
        var links = continues && Activity.Current is { } trigger ? new[] { new ActivityLink(trigger.Context) } : null;
        var activity = AlertsTelemetry.Source.StartActivity("delivery process", ActivityKind.Consumer, continues ? parent : default, links: links);
        activity?.SetTag("messaging.operation.type", "process");
        activity?.SetTag("mazevault.delivery.id", message.DeliveryId);
        activity?.SetTag("mazevault.alert.id", message.AlertId);
        activity?.SetTag("mazevault.delivery.attempt", message.Attempt);
        return activity;
    }

    private async Task<ProcessResult> ProcessCoreAsync(DeliveryEnvelope message, Activity? activity, CancellationToken ct)
    {
        var claimed = await TryClaimAsDispatchedAsync(message, ct);
        if (claimed is null)
        {
            var (result, read) = await ReadAndClaimAsync(message, ct);
            if (read is null)
            {
                return result;
            }

            claimed = read;
        }

        activity?.SetTag("mazevault.delivery.channel", claimed.Channel);
        var now = clock.GetUtcNow();
        Alert? alert = null;
        (DeliveryOutcome? Outcome, DeliveryDeferral? Deferral, VendorCall? Call) step;
        try
        {
            alert = await alerts.GetAsync(message.OrganizationId, message.AlertId, ct);
            // A retry reads its target as it is now: time has passed, and the integration may have been switched off.
            var target = alert is null
                ? null
                : message.Attempt == 1
                    ? await plan.ResolveRecentAsync(message.OrganizationId, message.Target, ct)
                    : await plan.ResolveAsync(message.OrganizationId, message.Target, ct);
            step = alert is null
                ? (new DeliveryOutcome.Permanent("the alert content is missing"), null, null)
                : target is null
                    ? (new DeliveryOutcome.Permanent("the target is no longer configured or not active"), null, null)
                    : await SendWhenDueAsync(alert.Notification with { DeliveryId = claimed.DeliveryId }, target, message, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // Reading the alert or its target (or its destination's pacing) failed after the claim: an attempt like any
            // other, so it is retried with backoff and ends failed after DELIVERY_MAX_ATTEMPTS instead of cycling.
            step = (new DeliveryOutcome.Retryable($"internal error before sending: {e.GetType().Name}"), null, null);
        }

        if (step.Deferral is { } deferral)
        {
            return await DeferAsync(claimed, deferral, ct);
        }

        activity?.SetTag("mazevault.delivery.outcome", OutcomeName(step.Outcome!));
        var attempt = new DeliveryAttempt(
            claimed.Attempt, step.Call?.StartedAt ?? now, OutcomeName(step.Outcome!), DeliveryOutcome.ReasonOf(step.Outcome!),
            step.Call?.LastStatus, (long)(step.Call?.Duration.TotalMilliseconds ?? 0));
        return await RecordAsync(claimed.WithAttempt(attempt), alert, step.Outcome!, ct);
    }

    /// <summary>
    /// The dispatcher's first message of a delivery carries the ETag of the row it created, and that row's content follows
    /// from the message, the alert and the target (both usually already read on this instance): the row is claimed without
    /// reading it. The ETag makes the claim as safe as one after a read: it fails when anyone changed the row since. Then,
    /// or when the alert or target cannot be read now, the message goes the reading way (null).
    /// </summary>
    private async Task<DeliveryRecord?> TryClaimAsDispatchedAsync(DeliveryEnvelope message, CancellationToken ct)
    {
        if (message is not { LedgerETag: { } etag, QueuedAt: { } queuedAt, Attempt: 1 })
        {
            return null;
        }

        Alert? alert;
        Integration? target;
        try
        {
            alert = await alerts.GetAsync(message.OrganizationId, message.AlertId, ct);
            target = alert is null ? null : await plan.ResolveRecentAsync(message.OrganizationId, message.Target, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            return null;
        }

        if (alert is null || target is null || channels.Find(target.Type) is not { } channel)
        {
            return null;
        }

        var now = clock.GetUtcNow();
        // The row as DeliveryDispatcher wrote it, claimed. The target's name is today's (a rename since dispatch shows).
        var dispatched = DeliveryRecord.Queued(alert, message.Target, target, channel.DisplayName, queuedAt);
        return await ledger.TryUpdateAsync(
            dispatched with { Status = DeliveryStatus.Sending, LeaseUntil = now + options.Value.Lease, UpdatedAt = now, ETag = etag }, ct);
    }

    /// <summary>Reads the ledger row and claims it (ETag + lease) when this message may send it; else, with no claim, what happened instead.</summary>
    private async Task<(ProcessResult Result, DeliveryRecord? Claimed)> ReadAndClaimAsync(DeliveryEnvelope message, CancellationToken ct)
    {
        var record = await ledger.GetAsync(message.OrganizationId, message.DeliveryId, ct);
        if (record is null)
        {
            logger.LogWarning("Delivery {DeliveryId} of organization {OrganizationId} has no ledger row; nothing sent", message.DeliveryId, message.OrganizationId);
            return (ProcessResult.Unknown, null);
        }

        if (record.IsFinal || message.Attempt > record.Attempt)
        {
            return (ProcessResult.Duplicate, null);
        }

        var now = clock.GetUtcNow();
        if (message.Attempt < record.Attempt)
        {
            // Our own retry was recorded but its message may be lost (crash between ledger write and enqueue).
            if (record.Status == DeliveryStatus.Retrying && message.Attempt == record.Attempt - 1)
            {
                await queue.EnqueueAsync(record.Envelope(record.Attempt), (record.NextAttemptAt ?? now) - now, ct);
                return (ProcessResult.Healed, null);
            }

            return (ProcessResult.Duplicate, null);
        }

        if (record.Status == DeliveryStatus.Sending && record.LeaseUntil > now)
        {
            if (message.Deferrals >= MaxDeferrals)
            {
                // Each deferral is a fresh message, so the host's dequeue count never grows: without this bound a handler
                // that keeps failing after its claim (a ledger write that throws) would cycle forever. Throwing lets the
                // host count it, and after maxDequeueCount the poison trigger records the delivery failed.
                throw new InvalidOperationException($"Delivery {message.DeliveryId} was still leased after {MaxDeferrals} deferrals.");
            }

            // Someone is sending it (or crashed mid-send): look again when the lease ends, never send in parallel.
            await queue.EnqueueAsync(message with { Deferrals = message.Deferrals + 1, LedgerETag = null }, record.LeaseUntil.Value - now + TimeSpan.FromSeconds(1), ct);
            return (ProcessResult.Deferred, null);
        }

        var claimed = await ledger.TryUpdateAsync(
            record with { Status = DeliveryStatus.Sending, LeaseUntil = now + options.Value.Lease, UpdatedAt = now }, ct);
        // Null: another handler claimed it between our read and write; its message covers its own crash.
        return (ProcessResult.Duplicate, claimed);
    }

    /// <summary>A message that poisoned (moved to the poison queue) is recorded failed unless it was delivered after all.</summary>
    public async Task RecordPoisonAsync(DeliveryEnvelope message, CancellationToken ct)
    {
        // Re-read on a conflict: a late handler may still be finishing.
        for (var i = 0; i < 3; i++)
        {
            var record = await ledger.GetAsync(message.OrganizationId, message.DeliveryId, ct);
            if (record is null || record.IsFinal)
            {
                return;
            }

            var now = clock.GetUtcNow();
            var reason = $"the delivery message failed repeatedly (attempt {message.Attempt}) and was moved to the poison queue";
            var failed = record.WithAttempt(new DeliveryAttempt(message.Attempt, now, "poisoned", reason, null, 0)) with
            {
                Status = DeliveryStatus.Failed,
                LastError = reason,
                LeaseUntil = null,
                UpdatedAt = now,
            };
            if (await ledger.TryUpdateAsync(failed, ct) is not null)
            {
                RecordFinal(failed, "poisoned", null);
                logger.LogError("Delivery {DeliveryId} (target={Target}) moved to the poison queue and was recorded failed", message.DeliveryId, message.Target);
                await failureNotices.RaiseAsync(failed, await TryReadAlertAsync(message, ct), ct);
                return;
            }
        }
    }

    /// <summary>
    /// Whether the organization's limits let this delivery go, and to whom: a feed-supplied target keeps only the
    /// addresses its recipient policy allows now; an email counts against the day's quota once per delivery (its first
    /// pass, not the copies pacing or the mailbox's day defers, nor the retries of the same message).
    /// </summary>
    private async Task<(Integration Target, DeliveryOutcome.Suppressed? Suppressed)> AdmitAsync(DeliveryEnvelope message, Integration target, CancellationToken ct)
    {
        if (await recipients.AllowedPartAsync(message.Target, target, ct) is not { } allowed)
        {
            return (target, new DeliveryOutcome.Suppressed(NotAllowedReason));
        }

        var firstPass = message is { Attempt: 1, PacedSlot: null, MailboxDayDeferrals: 0 };
        return allowed.Type == Channels.Email.EmailChannel.Type && firstPass && !await quotas.TryTakeEmailAsync(message.OrganizationId, ct)
            ? (allowed, new DeliveryOutcome.Suppressed(OrganizationQuotas.EmailQuotaReason))
            : (allowed, null);
    }

    /// <summary>
    /// Sends now, or names when to instead: a paced target whose destination has no slot free yet defers to its slot, and
    /// an email past the sender mailbox's recipients of the day to the next UTC day. Suppresses it when the organization's
    /// limits hold it back.
    /// </summary>
    private async Task<(DeliveryOutcome? Outcome, DeliveryDeferral? Deferral, VendorCall? Call)> SendWhenDueAsync(
        Notification notification, Integration resolved, DeliveryEnvelope message, CancellationToken ct)
    {
        var (target, suppressed) = await AdmitAsync(message, resolved, ct);
        if (suppressed is not null)
        {
            return (suppressed, null, null);
        }

        if (pacing.IsPaced(target) && message.PacingDeferrals >= MaxPacingDeferrals)
        {
            return (new DeliveryOutcome.Retryable($"deferred {message.PacingDeferrals} times by pacing while the destination kept pausing"), null, null);
        }

        if (await pacing.WaitForSlotAsync(target, message, ct) is { } slot)
        {
            return (null, new DeliveryDeferral(slot, message with { PacedSlot = slot, PacingDeferrals = message.PacingDeferrals + 1, LedgerETag = null }, "its destination's next send slot"), null);
        }

        // Counted at the send (a retry is another message to the same recipients); the copy takes a fresh slot tomorrow.
        if (await pacing.TakeDailyAllowanceAsync(target, ct) is { } renewed)
        {
            return (null, new DeliveryDeferral(renewed, message with { PacedSlot = null, MailboxDayDeferrals = message.MailboxDayDeferrals + 1, LedgerETag = null },
                "the sender mailbox's recipients of the day are used up (PACING_EMAIL_RECIPIENTS_PER_DAY)"), null);
        }

        DeliveryOutcome outcome;
        var call = VendorCall.Begin(clock);
        using (call)
        {
            outcome = await SendAsync(notification, target, ct);
        }

        await pacing.AfterSendAsync(target, outcome, ct);
        return (outcome, null, call);
    }

    /// <summary>
    /// Gives the claim back (the copy must be able to claim it when it is due) and queues the deferral's copy, with the same
    /// attempt, for its time. The ledger shows the delivery queued (or retrying) with that time as its next attempt.
    /// </summary>
    private async Task<ProcessResult> DeferAsync(DeliveryRecord claimed, DeliveryDeferral deferral, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var released = claimed with
        {
            Status = claimed.Attempt > 1 ? DeliveryStatus.Retrying : DeliveryStatus.Queued,
            LeaseUntil = null,
            NextAttemptAt = deferral.Until,
            EnqueuedAt = now,
            UpdatedAt = now,
        };
        // Ledger before queue, as for retries: a crash in between leaves this message to come back and defer again.
        if (!await RecordOrWarnAsync(released, ct))
        {
            return ProcessResult.Duplicate;
        }

        await queue.EnqueueAsync(deferral.Copy, DeliveryPacing.QueueDelay(deferral.Until, now), ct);
        logger.LogInformation("[Pacing] Delivery {DeliveryId} (target={Target}) deferred to {Until:O}, {Reason}; attempt {Attempt} not used",
            claimed.DeliveryId, DeliveryPlan.LogId(claimed.Target), deferral.Until, deferral.Reason, claimed.Attempt);
        return ProcessResult.Paced;
    }

    private async Task<DeliveryOutcome> SendAsync(Notification notification, Integration target, CancellationToken ct)
    {
        if (channels.Find(target.Type) is null)
        {
            return new DeliveryOutcome.Permanent($"no channel is registered for {target.Type}");
        }

        try
        {
            return await channels.ChannelFor(target.Type).SendAsync(notification, target, ct);
        }
        catch (SecretKeyUnavailableException e)
        {
            // Nothing is wrong with the delivery: the key to open its secrets is out of reach for now.
            return new DeliveryOutcome.Retryable($"secrets key unavailable: {e.Message}", e.RetryAfter);
        }
        catch (SecretIntegrityException e)
        {
            return new DeliveryOutcome.Permanent(SecretIntegrityException.Reason(e));
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // Channels classify vendor answers; an exception is a bug or a transport fault. Its message may quote a URL, so name the type only.
            return new DeliveryOutcome.Retryable($"channel error: {e.GetType().Name}");
        }
    }

    private async Task<Alert?> TryReadAlertAsync(DeliveryEnvelope message, CancellationToken ct)
    {
        try
        {
            return await alerts.GetAsync(message.OrganizationId, message.AlertId, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A poisoned message may be poisoned because its alert cannot be read: the notice names the alert id then.
            return null;
        }
    }

    private static string OutcomeName(DeliveryOutcome outcome) => outcome switch
    {
        DeliveryOutcome.Delivered => "delivered",
        DeliveryOutcome.Retryable => "retryable",
        DeliveryOutcome.Skipped => "skipped",
        DeliveryOutcome.Suppressed => "suppressed",
        _ => "permanent",
    };

    private async Task<ProcessResult> RecordAsync(DeliveryRecord claimed, Alert? alert, DeliveryOutcome outcome, CancellationToken ct)
    {
        var prefix = alert?.LogPrefix ?? "[NotificationScheduler]";
        var now = clock.GetUtcNow();
        var done = claimed with { LeaseUntil = null, UpdatedAt = now };
        switch (outcome)
        {
            case DeliveryOutcome.Delivered delivered:
                if (await RecordOrWarnAsync(done with { Status = DeliveryStatus.Delivered, Detail = delivered.Detail, NextAttemptAt = null }, ct))
                {
                    RecordFinal(claimed, "delivered", now - (alert?.CreatedAt ?? claimed.CreatedAt));
                }

                return ProcessResult.Delivered;

            case DeliveryOutcome.Retryable retryable when claimed.Attempt < options.Value.MaxAttempts:
                LogFailure(prefix, claimed, retryable.Reason);
                var delay = RetryDelay(options.Value.FirstBackoff, claimed.Attempt, retryable.RetryAfter);
                var retrying = done with
                {
                    Status = DeliveryStatus.Retrying,
                    Attempt = claimed.Attempt + 1,
                    LastError = retryable.Reason,
                    NextAttemptAt = now + delay,
                };
                // Ledger before queue: a crash in between is healed when this message comes back (see ProcessAsync).
                if (await RecordOrWarnAsync(retrying, ct))
                {
                    await queue.EnqueueAsync(retrying.Envelope(retrying.Attempt), delay, ct);
                }

                return ProcessResult.RetryQueued;

            case DeliveryOutcome.Retryable retryable:
                LogFailure(prefix, claimed, retryable.Reason);
                return await FailAsync(done with
                {
                    Status = DeliveryStatus.Failed,
                    LastError = $"{retryable.Reason} (gave up after {claimed.Attempt} attempts)",
                    NextAttemptAt = null,
                }, alert, "exhausted", ct);

            case DeliveryOutcome.Skipped skipped:
                // Switched off on purpose (no email transport): final, and no failure line, notice or retry.
                await RecordHeldBackAsync(prefix, claimed, done with { Status = DeliveryStatus.Skipped, Detail = skipped.Reason }, LogLevel.Debug, ct);
                return ProcessResult.Skipped;

            case DeliveryOutcome.Suppressed suppressed:
                // Held back on purpose by the organization's policy or quota: final and counted, but no failure notice
                // (it would be an email held back the same way) and no retry.
                await RecordHeldBackAsync(prefix, claimed, done with { Status = DeliveryStatus.Suppressed, Detail = suppressed.Reason }, LogLevel.Warning, ct);
                return ProcessResult.Suppressed;

            case DeliveryOutcome.Permanent permanent:
                LogFailure(prefix, claimed, permanent.Reason);
                return await FailAsync(done with { Status = DeliveryStatus.Failed, LastError = permanent.Reason, NextAttemptAt = null }, alert, "permanent", ct);

            default:
                throw new InvalidOperationException($"Unknown delivery outcome {outcome.GetType().Name}.");
        }
    }

    /// <summary>
    /// A delivery held back on purpose (skipped, suppressed): recorded final with its reason, counted once under its
    /// status, and logged at <paramref name="level"/>; no retry and no failure notice.
    /// </summary>
    private async Task RecordHeldBackAsync(string prefix, DeliveryRecord claimed, DeliveryRecord heldBack, LogLevel level, CancellationToken ct)
    {
        if (await RecordOrWarnAsync(heldBack with { NextAttemptAt = null }, ct))
        {
            var outcome = heldBack.Status.ToString().ToLowerInvariant();
            RecordFinal(claimed, outcome, null);
            logger.Log(level, "{Prefix} {Channel} notification {Outcome} (integration={IntegrationId}): {Reason}",
                prefix, claimed.Channel, outcome, DeliveryPlan.LogId(claimed.Target), heldBack.Detail);
        }
    }

    /// <summary>Records the delivery failed and, when that record is ours, tells the organization's fallback recipients.</summary>
    private async Task<ProcessResult> FailAsync(DeliveryRecord failed, Alert? alert, string outcome, CancellationToken ct)
    {
        if (await RecordOrWarnAsync(failed, ct))
        {
            RecordFinal(failed, outcome, null);
            // One line per delivery that ended failed (the spec's "Failed to send" lines are per attempt): the
            // failed-deliveries alert rule in infra/modules/alerts.bicep counts these.
            logger.LogError("{Prefix} Delivery {DeliveryId} to {Channel} (integration={Integration}) was recorded failed after {Attempts} attempt(s)",
                alert?.LogPrefix ?? "[NotificationScheduler]", failed.DeliveryId, failed.Channel, DeliveryPlan.LogId(failed.Target), failed.Attempt);
            await failureNotices.RaiseAsync(failed, alert, ct);
        }

        return ProcessResult.Failed;
    }

    /// <summary>The final-outcome metrics, once per delivery: only the handler whose ledger write stood records them.</summary>
    private static void RecordFinal(DeliveryRecord record, string outcome, TimeSpan? sinceAlert)
    {
        var channel = new KeyValuePair<string, object?>("channel", record.Channel);
        var tagged = new KeyValuePair<string, object?>("outcome", outcome);
        AlertsTelemetry.Deliveries.Add(1, channel, tagged);
        AlertsTelemetry.DeliveryAttempts.Record(record.Attempt, channel, tagged);
        if (sinceAlert is { } elapsed)
        {
            AlertsTelemetry.TimeToDelivered.Record(Math.Max(0, elapsed.TotalSeconds), channel);
        }
    }

    /// <summary>Exponential backoff (30 s, 60 s, ...), at most an hour, and never sooner than the vendor asked.</summary>
    internal static TimeSpan RetryDelay(TimeSpan first, int attempt, TimeSpan? retryAfter)
    {
        var backoff = TimeSpan.FromTicks(Math.Min(MaxBackoff.Ticks, first.Ticks << Math.Min(attempt - 1, 16)));
        return retryAfter is { } after && after > backoff ? after : backoff;
    }

    private async Task<bool> RecordOrWarnAsync(DeliveryRecord record, CancellationToken ct)
    {
        if (await ledger.TryUpdateAsync(record, ct) is not null)
        {
            return true;
        }

        // Only possible when our lease expired and another handler took over: its result stands.
        logger.LogWarning("Delivery {DeliveryId} changed while it was being sent (lease expired); its outcome {Status} was not recorded", record.DeliveryId, record.Status);
        return false;
    }

    private void LogFailure(string prefix, DeliveryRecord record, string reason)
    {
        // The spec words report failures differently: "Failed to send report to channel slack: ...".
        if (prefix == "[WeeklyReportService]")
        {
            logger.LogWarning("{Prefix} Failed to send report to channel {Channel}: {Error}", prefix, record.Channel.ToLowerInvariant(), LogText.Neutralize(reason));
            return;
        }

        logger.LogWarning(
            "{Prefix} Failed to send {Channel} notification (integration={IntegrationId}): {Error}",
            prefix, record.Channel, DeliveryPlan.LogId(record.Target), LogText.Neutralize(reason));
    }
}
