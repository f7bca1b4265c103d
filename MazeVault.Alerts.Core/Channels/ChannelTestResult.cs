namespace MazeVault.Alerts.Core.Channels;

/// <summary>What a channel's Test action found: success with a detail, or the specific error; per recipient where it has them.</summary>
public sealed record ChannelTestResult(bool Success, string? Detail, string? Error, IReadOnlyList<RecipientTestResult> Recipients)
{
    public static ChannelTestResult From(DeliveryOutcome outcome) =>
        new(outcome is DeliveryOutcome.Delivered, (outcome as DeliveryOutcome.Delivered)?.Detail, DeliveryOutcome.ShownByTest(outcome), []);
}
