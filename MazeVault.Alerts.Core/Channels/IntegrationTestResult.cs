namespace MazeVault.Alerts.Core.Channels;

/// <summary>What the Test button shows: success, or the specific error; for Email, one result per recipient.</summary>
public sealed record IntegrationTestResult(
    string IntegrationId,
    string Type,
    bool Success,
    string? Detail,
    string? Error,
    IReadOnlyList<RecipientTestResult> Recipients);
