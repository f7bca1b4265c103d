using System.Text.Json.Serialization;
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
    /// The origin a plain (not secret) field of these settings sends the secrets to, which their seal binds: a row whose
    /// destination is changed in storage then cannot open them. Null when the destination is itself a secret (a webhook
    /// URL, sealed with the other fields under the same data key) or there is none.
    /// </summary>
    [JsonIgnore]
    public virtual string? SecretsDestination => null;

    /// <summary>The origin (scheme, any user info, host, port) of <paramref name="url"/>, the part a seal binds; the text itself when it is no URL.</summary>
    protected static string? OriginOf(string? url) =>
        Uri.TryCreate(url?.Trim(), UriKind.Absolute, out var uri) ? uri.GetLeftPart(UriPartial.Authority) : url;

    /// <summary>
    /// The settings to store from this input, merged with <paramref name="stored"/> (null on create, the same channel's
    /// settings on update): omitted secrets keep their stored values. Records each invalid field in <paramref name="errors"/>.
    /// </summary>
    public abstract Task<ChannelSettings> ValidateAsync(ChannelSettings? stored, FieldErrors errors, CancellationToken ct);
}
