namespace MazeVault.Alerts.Core.Secrets;

/// <summary>
/// A sealed secret will never open: its ciphertext was altered, copied from another row or field, or sealed with a key
/// that is not this one. Retrying cannot help; the secret has to be entered again.
/// </summary>
public sealed class SecretIntegrityException(string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>What a delivery, the Test action and the API say about it, in the same words.</summary>
    public const string Summary = "the integration's stored secrets cannot be opened; enter them again";

    public static string Reason(SecretIntegrityException e) => $"{Summary} ({e.Message})";
}
