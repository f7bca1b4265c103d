namespace MazeVault.Alerts.TestHost;

/// <summary>What became of one queue message: deleted after success, made visible again, or moved to the poison queue.</summary>
internal enum QueueMessageOutcome { Succeeded, Failed, Poisoned }
