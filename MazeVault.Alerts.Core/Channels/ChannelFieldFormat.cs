namespace MazeVault.Alerts.Core.Channels;

/// <summary>What a text setting holds, so that a form offers the right input.</summary>
public enum ChannelFieldFormat
{
    Text,
    Url,
    Email,
}
