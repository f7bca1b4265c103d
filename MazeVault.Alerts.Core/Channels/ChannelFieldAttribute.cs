namespace MazeVault.Alerts.Core.Channels;

/// <summary>
/// Declares a channel setting for the people who fill it in: its label, whether it is required, and a line of help.
/// The kind of input comes from the property's type (a <see cref="Secrets.Secret"/> is write-only, a list is one entry
/// per line, an enum a choice). Every settings property carries one: a test holds each registered channel to it, and the
/// API's channel list (and through it the console's form) is built from these.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ChannelFieldAttribute(string label) : Attribute
{
    public string Label { get; } = label;

    public bool Required { get; init; }

    public string? Help { get; init; }

    /// <summary>What the text must look like, for the right input: <see cref="ChannelFieldFormat.Url"/>, <see cref="ChannelFieldFormat.Email"/>.</summary>
    public ChannelFieldFormat Format { get; init; }

    /// <summary>The regular expression a text setting matches: the one its validation uses, so the two cannot differ.</summary>
    public string? Pattern { get; init; }

    /// <summary>The smallest number a number setting takes (attribute arguments cannot be null: unset is int.MinValue).</summary>
    public int Minimum { get; init; } = int.MinValue;

    /// <summary>The largest number a number setting takes (unset is int.MaxValue).</summary>
    public int Maximum { get; init; } = int.MaxValue;

    /// <summary>At most this many entries in a list setting (unset is 0).</summary>
    public int MaxItems { get; init; }
}
