namespace MazeVault.Alerts.Core.Idempotency;

/// <summary>An Idempotency-Key already used for a request with a different body; the API answers 422.</summary>
public sealed class IdempotencyKeyReusedException()
    : Exception($"This {IdempotencyStore.HeaderName} was already used for a different request: send a new key for a new request.");
