namespace MazeVault.Alerts.Core.Storage;

/// <summary>An update or delete presented an ETag that no longer matches the stored entity (or created one that exists).</summary>
public sealed class ConcurrencyConflictException(string message, Exception? inner = null) : Exception(message, inner);
