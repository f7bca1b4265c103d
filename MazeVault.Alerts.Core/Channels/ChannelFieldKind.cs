namespace MazeVault.Alerts.Core.Channels;

/// <summary>The kind of input a channel setting takes, from its type.</summary>
public enum ChannelFieldKind
{
    Text,
    Url,
    Email,
    /// <summary>Write-only: never shown back, replaced or kept.</summary>
    Secret,
    /// <summary>A secret that is a URL (webhook URLs: the URL is the credential).</summary>
    SecretUrl,
    Number,
    /// <summary>One of <see cref="ChannelField.Choices"/>.</summary>
    Choice,
    /// <summary>A list of text entries (one per line in a form).</summary>
    List,
}
