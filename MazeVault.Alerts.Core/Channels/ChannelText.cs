namespace MazeVault.Alerts.Core.Channels;

/// <summary>Text helpers shared by the channel payload builders (vendors cap field lengths).</summary>
internal static class ChannelText
{
    public static string Truncate(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";

    /// <summary>
    /// &amp;, &lt; and &gt; as entities: what Slack asks of text it parses, and what keeps a connector's HTML subset from
    /// reading caller text as tags. Other characters stay as they are.
    /// </summary>
    public static string EscapeMarkup(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
}
