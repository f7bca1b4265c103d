using MazeVault.Alerts.Core.Validation;

namespace MazeVault.Alerts.Core.Channels;

/// <summary>
/// Text that came from a submitter (the vault's feed: names, errors, incident details) as it may appear in a message:
/// without the characters that hide or reorder what a reader sees, and capped, so that a feed cannot write a page-long
/// subject or a body an attacker controls at length. Input validation refuses most of this already; rows stored before it
/// and legacy callers meet this instead.
/// </summary>
public static class FeedText
{
    /// <summary>A name shown inside a subject or title.</summary>
    public const int MaxName = 200;

    /// <summary>An error or change description shown in a body.</summary>
    public const int MaxBlock = 2000;

    /// <summary>A subject: one line whatever the notification's text.</summary>
    public const int MaxSubject = 255;

    /// <summary>One line: controls (line breaks included) become spaces, bidirectional formatting is removed; at most <paramref name="max"/> characters.</summary>
    public static string Line(string text, int max = MaxName)
    {
        var line = FieldErrors.IsSingleLine(text)
            ? text
            : string.Concat(FieldErrors.WithoutInvisibleControls(text).Select(c => char.IsControl(c) || c is '\u2028' or '\u2029' ? ' ' : c));
        return ChannelText.Truncate(line.Trim(), max);
    }

    /// <summary>Free text: line breaks and tabs kept, other controls and bidirectional formatting removed; at most <paramref name="max"/> characters.</summary>
    public static string Block(string text, int max = MaxBlock) => ChannelText.Truncate(FieldErrors.WithoutInvisibleControls(text).Trim(), max);
}
