using MazeVault.Alerts.Core.Rules;
using MazeVault.Alerts.Core.Validation;

namespace MazeVault.Alerts.Core.Noise;

/// <summary>Reads and replaces an organization's alert policy, validating every field.</summary>
public sealed class AlertPolicyService(AlertPolicyStore store, TimeProvider clock)
{
    public const int MaxThresholds = 10;

    public Task<AlertPolicy> GetAsync(string organizationId, CancellationToken ct)
    {
        FieldErrors.RequireOrganization(organizationId);
        return store.GetAsync(organizationId, ct);
    }

    /// <summary><paramref name="etag"/> null replaces unconditionally; otherwise it must match the stored policy.</summary>
    public Task<AlertPolicy> ReplaceAsync(string organizationId, AlertPolicyInput input, string? etag, CancellationToken ct)
    {
        FieldErrors.RequireOrganization(organizationId);
        var errors = new FieldErrors();
        var mode = input.Reminders?.Trim().ToLowerInvariant() switch
        {
            null or "daily" => ReminderMode.Daily,
            "thresholds" => ReminderMode.Thresholds,
            _ => (ReminderMode?)null,
        };
        if (mode is null)
        {
            errors.Add("reminders", "must be daily or thresholds.");
        }

        var window = (int)AlertRules.ExpiryWindow.TotalDays;
        var thresholds = input.ThresholdDays ?? AlertPolicy.DefaultThresholdDays;
        if (thresholds.Count is 0 or > MaxThresholds || thresholds.Any(d => d < 1 || d > window) || thresholds.Distinct().Count() != thresholds.Count)
        {
            errors.Add("thresholdDays", $"must hold 1 to {MaxThresholds} different whole days between 1 and {window} (the expiry window).");
        }

        var finalStretch = input.FinalStretchDays ?? 0;
        if (finalStretch is < 0 || finalStretch > window)
        {
            errors.Add("finalStretchDays", $"must be between 0 (never daily) and {window}.");
        }

        errors.ThrowIfAny();
        return store.ReplaceAsync(new AlertPolicy
        {
            OrganizationId = organizationId,
            Reminders = mode!.Value,
            ThresholdDays = thresholds.OrderDescending().ToList(),
            FinalStretchDays = finalStretch,
            ResolveNotifications = input.ResolveNotifications ?? false,
            DigestContacts = input.DigestContacts ?? false,
            UpdatedAt = clock.GetUtcNow(),
            ETag = etag,
        }, ct);
    }
}
