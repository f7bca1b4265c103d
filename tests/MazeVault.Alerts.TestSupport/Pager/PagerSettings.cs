using System.Text.Json.Serialization;
using MazeVault.Alerts.Core.Channels;
using MazeVault.Alerts.Core.Secrets;
using MazeVault.Alerts.Core.Validation;

namespace MazeVault.Alerts.TestSupport.Pager;

/// <summary>
/// The test-only plug-in channel's settings: where pages go, a secret routing key sent with each, and a plain priority.
/// Nothing outside these declarations tells the API, the OpenAPI document or the console about them.
/// </summary>
public sealed record PagerSettings : ChannelSettings
{
    [ChannelField("Pager URL", Required = true, Format = ChannelFieldFormat.Url, Help = "Receives a JSON POST per page.")]
    public string? PagerUrl { get; init; }

    [ChannelField("Routing key", Required = true, Help = "Sent with each page in the X-Routing-Key header.")]
    public Secret? PagerRoutingKey { get; init; }

    [ChannelField("Priority", Help = "low or high")]
    public string? PagerPriority { get; init; }

    /// <summary>The routing key is sent only to this URL: its seal binds the URL's origin.</summary>
    [JsonIgnore]
    public override string? SecretsDestination => OriginOf(PagerUrl);

    public override Task<ChannelSettings> ValidateAsync(ChannelSettings? stored, FieldErrors errors, CancellationToken ct)
    {
        var previous = stored as PagerSettings;
        var url = errors.HttpsUrl("pagerUrl", PagerUrl);
        var priority = errors.Optional("pagerPriority", PagerPriority, 10) ?? previous?.PagerPriority ?? "low";
        if (priority is not ("low" or "high"))
        {
            errors.Add("pagerPriority", "must be low or high.");
        }

        // A stored key is kept only for the URL it was given for, so a new URL cannot receive it without knowing it.
        var storedKey = url is not null && previous is not null && previous.PagerUrl == url ? previous.PagerRoutingKey : null;
        return Task.FromResult<ChannelSettings>(new PagerSettings
        {
            PagerUrl = url,
            PagerRoutingKey = errors.Secret("pagerRoutingKey", PagerRoutingKey, storedKey, required: true),
            PagerPriority = priority,
        });
    }
}
