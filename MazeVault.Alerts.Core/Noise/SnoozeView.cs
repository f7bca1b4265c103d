namespace MazeVault.Alerts.Core.Noise;

/// <summary>A snooze as the API shows it: the resource it silences and the snooze itself.</summary>
public sealed record SnoozeView(string OrganizationId, string Kind, string ResourceId, DateTimeOffset Until, string Reason, string Owner, DateTimeOffset SnoozedAt)
{
    public static SnoozeView From(AlertState state) => new(
        state.OrganizationId, ResourceKinds.RouteName(state.Kind), state.ResourceId,
        state.Snooze!.Until, state.Snooze.Reason, state.Snooze.Owner, state.Snooze.SnoozedAt);
}
