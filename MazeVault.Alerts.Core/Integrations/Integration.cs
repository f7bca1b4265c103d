using MazeVault.Alerts.Core.Channels;
using MazeVault.Alerts.Core.Routing;

namespace MazeVault.Alerts.Core.Integrations;

/// <summary>
/// A notification integration of one organization, as stored (PartitionKey = organization, RowKey = id): the fields every
/// channel shares, and the settings document of its channel. Secret settings are write-only through the API.
/// </summary>
public sealed record Integration
{
    /// <summary>The one category the spec defines for alert delivery.</summary>
    public const string NotificationCategory = "notification";

    public required string Id { get; init; }
    public required string OrganizationId { get; init; }
    /// <summary>The registered channel type (jira, teams, slack, webhook, email, or a plug-in's).</summary>
    public required string Type { get; init; }
    public required string Name { get; init; }
    public string Category { get; init; } = NotificationCategory;
    public bool Active { get; init; } = true;
    public bool WeeklyReport { get; init; }

    /// <summary>Noise control: the daily check sends this integration one digest per run instead of a message per item (not JIRA).</summary>
    public bool Digest { get; init; }

    /// <summary>Noise control: when the organization's policy sends "resolved" notifications, whether this integration gets them.</summary>
    public bool NotifyResolved { get; init; } = true;

    /// <summary>Noise control: sends to this integration's destination keep to the vendor's documented rate, across instances.</summary>
    public bool Paced { get; init; }

    /// <summary>Which alerts it takes; <see cref="AlertRoute.Everything"/> unless one was set.</summary>
    public AlertRoute Route { get; init; } = AlertRoute.Everything;

    /// <summary>The channel's own fields: an instance of its registration's settings type.</summary>
    public required ChannelSettings Settings { get; init; }

    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>The storage ETag this instance was read with; updates must present it.</summary>
    public string? ETag { get; init; }
}
