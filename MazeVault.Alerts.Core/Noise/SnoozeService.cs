using MazeVault.Alerts.Core.Inventory;
using MazeVault.Alerts.Core.Storage;
using MazeVault.Alerts.Core.Validation;

namespace MazeVault.Alerts.Core.Noise;

/// <summary>Snoozes a certificate or rotation config (at most 30 days), ends a snooze, lists an organization's snoozes.</summary>
public sealed class SnoozeService(AlertStateStore states, IInventoryStore inventory, SnoozeAudit audit, TimeProvider clock)
{
    public static readonly TimeSpan MaxSnooze = TimeSpan.FromDays(30);
    public const int MaxReasonLength = 500;
    public const int MaxOwnerLength = 200;
    private const int MaxWriteAttempts = 3;

    /// <summary>Null when the resource does not exist. Replaces an existing snooze of the same resource.</summary>
    public async Task<SnoozeView?> SnoozeAsync(string organizationId, string kindName, string resourceId, SnoozeInput input, CancellationToken ct)
    {
        FieldErrors.RequireOrganization(organizationId);
        var now = clock.GetUtcNow();
        var errors = new FieldErrors();
        var kind = Kind(kindName);
        var reason = errors.Required("reason", input.Reason, MaxReasonLength);
        var owner = errors.Required("owner", input.Owner, MaxOwnerLength);
        if (input.Until is not { } until)
        {
            errors.Add("until", "is required: when the snooze ends (at most 30 days from now).");
        }
        else if (until <= now || until > now + MaxSnooze)
        {
            errors.Add("until", "must be in the future and at most 30 days from now.");
        }

        errors.ThrowIfAny();
        if (!TableKeys.IsValid(resourceId) || await VersionAsync(organizationId, kind, resourceId, ct) is not { } version)
        {
            return null;
        }

        var snooze = new Snooze { Until = input.Until!.Value, Reason = reason!, Owner = owner!, SnoozedAt = now, ResourceVersion = version };
        var saved = await WriteAsync(organizationId, kind, resourceId, state => state with { Snooze = snooze }, ct);
        await audit.SnoozedAsync(saved!, ct);
        return SnoozeView.From(saved!);
    }

    /// <summary>False when the resource was not snoozed.</summary>
    public async Task<bool> EndAsync(string organizationId, string kindName, string resourceId, CancellationToken ct)
    {
        FieldErrors.RequireOrganization(organizationId);
        var kind = Kind(kindName);
        if (!TableKeys.IsValid(resourceId) || await states.GetAsync(organizationId, kind, resourceId, ct) is not { Snooze: not null } snoozed)
        {
            return false;
        }

        await WriteAsync(organizationId, kind, resourceId, state => state with { Snooze = null }, ct);
        await audit.EndedAsync(snoozed, "ended by the API", clock.GetUtcNow(), ct);
        return true;
    }

    /// <summary>
    /// One page of the snoozes in force, certificates first, each kind by resource id (ended ones are cleared by the
    /// next daily check; they are not listed).
    /// </summary>
    public async Task<ListPage<SnoozeView>> ListAsync(string organizationId, PageRequest page, CancellationToken ct)
    {
        FieldErrors.RequireOrganization(organizationId);
        return (await states.ListSnoozedAsync(organizationId, clock.GetUtcNow(), page, ct)).Select(SnoozeView.From);
    }

    private static ResourceKind Kind(string kindName) =>
        ResourceKinds.FromRouteName(kindName)
        ?? throw new ValidationException("kind", $"must be {ResourceKinds.Certificates} or {ResourceKinds.RotationConfigs}.");

    private async Task<string?> VersionAsync(string organizationId, ResourceKind kind, string resourceId, CancellationToken ct) =>
        kind == ResourceKind.Certificate
            ? await inventory.GetCertificateAsync(organizationId, resourceId, ct) is { } certificate ? ResourceKinds.Version(certificate) : null
            : await inventory.GetRotationConfigAsync(organizationId, resourceId, ct) is { } config ? ResourceKinds.Version(config) : null;

    /// <summary>Read, change, write with the ETag read: a daily check writing the same state in between is re-read.</summary>
    private async Task<AlertState?> WriteAsync(string organizationId, ResourceKind kind, string resourceId, Func<AlertState, AlertState> change, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var current = await states.GetAsync(organizationId, kind, resourceId, ct)
                          ?? new AlertState { OrganizationId = organizationId, Kind = kind, ResourceId = resourceId };
            try
            {
                return await states.SaveAsync(change(current), ct);
            }
            catch (ConcurrencyConflictException) when (attempt < MaxWriteAttempts)
            {
                // Changed since read: apply the change to the new state.
            }
        }
    }
}
