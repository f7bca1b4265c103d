using MazeVault.Alerts.Core.Inventory;
using MazeVault.Alerts.Core.Storage;
using MazeVault.Alerts.Core.Validation;

namespace MazeVault.Alerts.Core.Rules;

/// <summary>
/// Records a rotation execution's result on its config and, on failure of an enabled config, emails the config's own
/// notification addresses only (independent of the organization's integrations), once per execution: see <see cref="RotationFailureNotifier"/>.
/// </summary>
public sealed class RotationExecutionService(IInventoryStore inventory, RotationFailureNotifier failures)
{
    private const int MaxError = 2000;
    private const int MaxExecutionId = 200;
    private const int MaxWriteAttempts = 3;

    /// <summary>Null when the config does not exist; <see cref="ValidationException"/> for bad input, before anything is written.</summary>
    public async Task<RotationExecutionResult?> ReportAsync(
        string organizationId, string configId, RotationExecutionRequest request, CancellationToken ct)
    {
        FieldErrors.RequireOrganization(organizationId);
        var (status, executionId) = Validate(request);
        // An id storage cannot hold names no config: 404, as for any unknown id.
        if (!TableKeys.IsValid(configId) || await SetStatusAsync(organizationId, configId, status, ErrorText(request.Error), ct) is not { } updated)
        {
            return null;
        }

        // Spec 3.1: a disabled config alerts no one; its execution is still recorded, as an inventory upsert records it.
        return new RotationExecutionResult(
            updated, AlertRules.RotationConfigNeedsAlert(updated) ? await failures.NotifyAsync(updated, executionId, ct) : 0);
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
                // A report names the latest execution: it supersedes an email an earlier write still owed (a failure is emailed as its own).
                return await inventory.UpsertRotationConfigAsync(
                    config with { Status = status, LastError = status == RotationStatus.Failed ? error : null, FailureNoticeOwedSince = null }, ct);
            }
            catch (ConcurrencyConflictException) when (attempt < MaxWriteAttempts)
            {
                // The vault changed the config meanwhile: apply this result to its new state.
            }
        }
    }

    /// <summary>The vault's error as free text: what hides or reorders characters is removed, line breaks stay.</summary>
    private static string? ErrorText(string? error) => error is null ? null : FieldErrors.WithoutInvisibleControls(error).Trim();

    private static (RotationStatus Status, string? ExecutionId) Validate(RotationExecutionRequest request)
    {
        var errors = new List<ValidationError>();
        var executionId = string.IsNullOrWhiteSpace(request.ExecutionId) ? null : request.ExecutionId.Trim();
        if (executionId is not null && (executionId.Length > MaxExecutionId || executionId.Any(char.IsControl)))
        {
            errors.Add(new ValidationError("executionId", $"At most {MaxExecutionId} characters, without control characters."));
        }

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

        return errors.Count > 0 ? throw new ValidationException(errors) : (status, executionId);
    }
}
