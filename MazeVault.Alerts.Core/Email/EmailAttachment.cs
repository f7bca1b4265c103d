namespace MazeVault.Alerts.Core.Email;

public sealed record EmailAttachment(string FileName, string ContentType, byte[] Content);
