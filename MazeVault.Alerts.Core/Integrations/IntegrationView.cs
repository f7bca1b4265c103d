using System.Text.Json;
using System.Text.Json.Serialization;
using MazeVault.Alerts.Core.Channels;
using MazeVault.Alerts.Core.Routing;
using MazeVault.Alerts.Core.Secrets;

namespace MazeVault.Alerts.Core.Integrations;

/// <summary>
/// An integration as the API shows it: the common fields and its channel's fields, each secret as
/// <c>{"set":…,"hint":…}</c> (never the value).
/// </summary>
public sealed record IntegrationView
{
    public required string Id { get; init; }
    public required string OrganizationId { get; init; }
    public required string Type { get; init; }
    public required string Name { get; init; }
    public required string Category { get; init; }
    public bool Active { get; init; }
    public bool WeeklyReport { get; init; }
    public bool Digest { get; init; }
    public bool NotifyResolved { get; init; }
    public bool Paced { get; init; }

    /// <summary>The route, or null when the integration takes every alert.</summary>
    public RouteDocument? Route { get; init; }

    /// <summary>The route in words (<see cref="AlertRoute.Description"/>), so that clients show it without rules of their own.</summary>
    public required string RouteDescription { get; init; }

    /// <summary>The channel's fields, written beside the common ones as the API has always shown them.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement> Settings { get; init; } = [];

    /// <summary>The last delivery attempt to it (only in the list; absent when it was never used).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IntegrationHealth? Health { get; init; }

    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
    public string? ETag { get; init; }

    private static readonly JsonElement Unset = JsonSerializer.SerializeToElement(new { set = false });

    public static IntegrationView From(Integration integration)
    {
        var settings = JsonSerializer.SerializeToElement(integration.Settings, integration.Settings.GetType(), ChannelSettingsJson.Options)
            .EnumerateObject()
            .ToDictionary(p => p.Name, p => p.Value.Clone());
        foreach (var secret in SecretFields.Of(integration.Settings.GetType()))
        {
            settings.TryAdd(secret.Name, Unset);
        }

        return new IntegrationView
        {
            Id = integration.Id,
            OrganizationId = integration.OrganizationId,
            Type = integration.Type,
            Name = integration.Name,
            Category = integration.Category,
            Active = integration.Active,
            WeeklyReport = integration.WeeklyReport,
            Digest = integration.Digest,
            NotifyResolved = integration.NotifyResolved,
            Paced = integration.Paced,
            Route = integration.Route.IsEverything ? null : integration.Route.ToDocument(),
            RouteDescription = integration.Route.Description,
            Settings = settings,
            CreatedAt = integration.CreatedAt,
            UpdatedAt = integration.UpdatedAt,
            ETag = integration.ETag,
        };
    }
}
