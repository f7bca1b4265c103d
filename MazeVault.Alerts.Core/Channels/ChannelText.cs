namespace MazeVault.Alerts.Core.Channels;

/// <summary>Text helpers shared by the channel payload builders (vendors cap field lengths).</summary>
internal static class ChannelText
{
    public static string Truncate(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
