using MazeVault.Alerts.Core.Validation;

namespace MazeVault.Alerts.Core.Channels;

/// <summary>
/// The settings of one channel type, as one document beside an integration's common fields. Its property names are the
/// API's JSON field names (camelCase); a property of type <see cref="Secrets.Secret"/> is a secret field, which storage
/// seals and responses mask. An API create or update arrives as an instance with every field optional.
/// </summary>
public abstract record ChannelSettings
{
    /// <summary>
    /// The settings to store from this input, merged with <paramref name="stored"/> (null on create, the same channel's
    /// settings on update): omitted secrets keep their stored values. Records each invalid field in <paramref name="errors"/>.
    /// </summary>
    public abstract Task<ChannelSettings> ValidateAsync(ChannelSettings? stored, FieldErrors errors, CancellationToken ct);
}
