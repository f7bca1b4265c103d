using MazeVault.Alerts.Core.Delivery;
using MazeVault.Alerts.Core.Inventory;
using MazeVault.Alerts.Core.Storage;
using MazeVault.Alerts.Core.Validation;
using Microsoft.Extensions.Logging;
using MazeVault.Alerts.Core.Logging;

namespace MazeVault.Alerts.Core.Rules;

/// <summary>A rotation execution result as posted to the API: status <c>success</c> or <c>failed</c>, and the error of a failure.</summary>
public sealed record RotationExecutionRequest
{
    public string? Status { get; init; }
    public string? Error { get; init; }
}

/// <summary>The config as now stored, and how many rotation-failure emails this report queued.</summary>
public sealed record RotationExecutionResult(RotationConfig Config, int DeliveriesQueued);

/// <summary>
/// Spec 3.3: records a rotation execution's result on its config and, on failure, emails the config's own notification
/// addresses only (independent of the organization's integrations). One email per config and day.
/// </summary>
public sealed class RotationExecutionService(
    IInventoryStore inventory,
    DeliveryDispatcher dispatcher,
    TimeProvider clock,
    ILogger<RotationExecutionService> logger)
{
    private const int MaxError = 2000;
    private const int MaxWriteAttempts = 3;

    /// <summary>Null when the config does not exist; <see cref="ValidationException"/> for bad input, before anything is written.</summary>
    public async Task<RotationExecutionResult?> ReportAsync(
        string organizationId, string configId, RotationExecutionRequest request, CancellationToken ct)
    {
        FieldErrors.RequireOrganization(organizationId);
        var status = Validate(request);
        // An id storage cannot hold names no config: 404, as for any unknown id.
        if (!TableKeys.IsValid(configId) || await SetStatusAsync(organizationId, configId, status, request.Error?.Trim(), ct) is not { } updated)
        {
            return null;
        }

        if (status != RotationStatus.Failed || updated.NotificationEmails.Count == 0)
        {
            return new RotationExecutionResult(updated, 0);
        }

        logger.LogInformation("[NotificationScheduler] Secret rotation failed for {SecretName} (config={ConfigId}); emailing its notification addresses", LogText.Neutralize(updated.SecretName), updated.Id);
        var alert = AlertFactory.RotationFailure(updated, clock.GetUtcNow(), AlertSource.RotationExecution);
        var queued = await dispatcher.DispatchAsync(alert, [DeliveryPlan.ForRotationConfig(updated)], ct);
        return new RotationExecutionResult(updated, queued);
    }

    /// <summary>Read, change the status, write back with the ETag read: a vault upsert in between is re-read, never overwritten.</summary>
    private async Task<RotationConfig?> SetStatusAsync(string organizationId, string configId, RotationStatus status, string? error, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            if (await inventory.GetRotationConfigAsync(organizationId, configId, ct) is not { } config)
            {
                return null;
            }

            try
            {
                return await inventory.UpsertRotationConfigAsync(
                    config with { Status = status, LastError = status == RotationStatus.Failed ? error : null }, ct);
            }
            catch (ConcurrencyConflictException) when (attempt < MaxWriteAttempts)
            {
                // The vault changed the config meanwhile: apply this result to its new state.
            }
        }
    }

    private static RotationStatus Validate(RotationExecutionRequest request)
    {
        var errors = new List<ValidationError>();
        var status = request.Status?.Trim().ToLowerInvariant() switch
        {
            "success" => RotationStatus.Success,
            "failed" => RotationStatus.Failed,
            _ => RotationStatus.None,
        };
        if (status == RotationStatus.None)
        {
            errors.Add(new ValidationError("status", "Required: success or failed."));
        }

        if ((request.Error?.Length ?? 0) > MaxError)
        {
            errors.Add(new ValidationError("error", $"At most {MaxError} characters."));
        }

        return errors.Count > 0 ? throw new ValidationException(errors) : status;
    }
}
