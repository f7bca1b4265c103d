namespace MazeVault.Alerts.Core.Integrations;

/// <summary>
/// How an integration's last delivery attempt went, for its card's badge: <c>ok</c> (delivered), <c>error</c> (failed, or
/// waiting for a retry), <c>skipped</c> (switched off on purpose, e.g. no email transport); no health at all means the
/// integration was never used. The reason is the classified one the delivery history shows, never a secret.
/// </summary>
public sealed record IntegrationHealth(string Status, DateTimeOffset LastAttemptAt, string Outcome, string? Reason);
