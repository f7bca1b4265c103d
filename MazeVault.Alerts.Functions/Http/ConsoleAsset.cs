namespace MazeVault.Alerts.Functions.Http;

/// <summary>One file of the operator console as served: its bytes, content type and an ETag from its content.</summary>
public sealed record ConsoleAsset(byte[] Content, string ContentType, string ETag);
