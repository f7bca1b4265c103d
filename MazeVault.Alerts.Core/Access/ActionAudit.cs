using System.Globalization;
using MazeVault.Alerts.Core.Rules;

namespace MazeVault.Alerts.Core.Access;

/// <summary>
/// One audit event per state-changing API request: who (the caller), what (the function), on what (the path) and how it
/// ended (the status). It goes to the organization's trail, or to the platform trail for what spans organizations.
/// </summary>
public sealed class ActionAudit(AuditLog audit, TimeProvider clock)
{
    public const string EventType = "API_ACTION";

    public Task RecordAsync(ApiAction action, Caller caller, CancellationToken ct) =>
        audit.RecordAsync(new AuditEvent(
            action.OrganizationId ?? AuditLog.PlatformPartition,
            EventType,
            clock.GetUtcNow(),
            action.RequestId,
            new Dictionary<string, string>
            {
                ["Action"] = action.Name,
                ["Method"] = action.Method,
                ["Resource"] = action.Resource,
                ["Outcome"] = action.Status.ToString(CultureInfo.InvariantCulture),
                ["ActorType"] = caller.Kind.ToString(),
                ["ActorId"] = caller.Id,
                ["ActorName"] = caller.Name,
            }), ct);
}
