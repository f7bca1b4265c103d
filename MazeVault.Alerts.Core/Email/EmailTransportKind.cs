namespace MazeVault.Alerts.Core.Email;

/// <summary>The email transports, in the order the selection prefers them.</summary>
public enum EmailTransportKind
{
    Office365,
    Smtp,
    Disabled,
}
