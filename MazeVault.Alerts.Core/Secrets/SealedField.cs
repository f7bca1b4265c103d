namespace MazeVault.Alerts.Core.Secrets;

/// <summary>One sealed field: Base64 of nonce, AES-256-GCM ciphertext and tag; and the masked hint responses show.</summary>
public sealed record SealedField(string Hint, string Ciphertext);
