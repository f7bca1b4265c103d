namespace MazeVault.Alerts.Core.Channels;

/// <summary>A labelled value shown beside the message (card facts, table rows, ADF paragraphs).</summary>
public sealed record NotificationFact(string Name, string Value);
