namespace MazeVault.Alerts.Core.Channels;

/// <summary>The result of one recipient of an Email integration's test.</summary>
public sealed record RecipientTestResult(string Recipient, bool Success, string? Error);
