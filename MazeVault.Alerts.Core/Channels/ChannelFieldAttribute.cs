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
}
