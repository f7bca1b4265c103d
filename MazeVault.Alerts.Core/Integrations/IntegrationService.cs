using System.Text.Json;
using MazeVault.Alerts.Core.Channels;
using MazeVault.Alerts.Core.Egress;
using MazeVault.Alerts.Core.Quotas;
using MazeVault.Alerts.Core.Routing;
using MazeVault.Alerts.Core.Storage;
using MazeVault.Alerts.Core.Validation;

namespace MazeVault.Alerts.Core.Integrations;

/// <summary>The management operations on integrations: validation by the channel's settings, secret merging and storage.</summary>
public sealed class IntegrationService(IIntegrationStore store, ChannelCatalog channels, EgressPolicy destinations, IOrganizationCapacity capacity, TimeProvider time)
{
    public const int MaxNameLength = 200;

    public async Task<Integration> CreateAsync(string organizationId, IntegrationInput input, CancellationToken ct)
    {
        FieldErrors.RequireOrganization(organizationId);
        var integration = await BuildAsync(organizationId, NewId(), input, stored: null, ct);
        await capacity.RequireRoomForIntegrationAsync(organizationId, ct);
        return await store.CreateAsync(integration, ct);
    }

    public Task<Integration?> GetAsync(string organizationId, string id, CancellationToken ct) =>
        TableKeys.IsValid(organizationId) && TableKeys.IsValid(id) ? store.GetAsync(organizationId, id, ct) : Task.FromResult<Integration?>(null);

    /// <summary>One page of the organization's integrations, in id order (the order a page can resume from).</summary>
    public Task<ListPage<Integration>> ListAsync(string organizationId, PageRequest page, CancellationToken ct)
    {
        FieldErrors.RequireOrganization(organizationId);
        return store.ListAsync(organizationId, page, ct);
    }

    /// <summary>Null when there is no such integration. Omitted secrets keep their stored values.</summary>
    public async Task<Integration?> UpdateAsync(string organizationId, string id, IntegrationInput input, string etag, CancellationToken ct)
    {
        var stored = await GetAsync(organizationId, id, ct);
        if (stored is null)
        {
            return null;
        }

        var integration = await BuildAsync(organizationId, id, input, stored, ct);
        // The caller's ETag, not the one just read: a change since the caller's read must conflict.
        return await store.UpdateAsync(integration with { ETag = etag }, ct);
    }

    public Task<bool> DeleteAsync(string organizationId, string id, string etag, CancellationToken ct) =>
        TableKeys.IsValid(organizationId) && TableKeys.IsValid(id) ? store.DeleteAsync(organizationId, id, etag, ct) : Task.FromResult(false);

    internal static string NewId() => Guid.NewGuid().ToString("N");

    /// <summary>
    /// The integration as it will be stored: common fields checked here, the channel's fields by its settings type.
    /// Throws <see cref="ValidationException"/> naming every invalid field.
    /// </summary>
    private async Task<Integration> BuildAsync(string organizationId, string id, IntegrationInput input, Integration? stored, CancellationToken ct)
    {
        var errors = new FieldErrors(destinations);
        var name = errors.Required("name", input.Name, MaxNameLength);
        if (input.Category is not null && input.Category != Integration.NotificationCategory)
        {
            errors.Add("category", $"must be '{Integration.NotificationCategory}' (the only category alerts use).");
        }

        var registration = ParseType(errors, input.Type);
        ChannelSettings? settings = null;
        if (registration is not null)
        {
            // Another type's stored settings have nothing to merge (and their secrets must not carry over).
            var previous = stored is not null && stored.Type == registration.Type ? stored.Settings : null;
            settings = await ReadSettings(registration, input).ValidateAsync(previous, errors, ct);
        }

        var digest = input.Digest ?? stored?.Digest ?? false;
        if (digest && registration is { Digests: false })
        {
            errors.Add("digest", $"is not available for {registration.DisplayName}, which keeps one item per message (e.g. one issue per resource).");
        }

        var route = input.Route is null ? stored?.Route ?? AlertRoute.Everything : AlertRoute.From(input.Route, errors);
        errors.ThrowIfAny();
        return new Integration
        {
            Id = id,
            OrganizationId = organizationId,
            Type = registration!.Type,
            Name = name!,
            Active = input.Active ?? stored?.Active ?? true,
            WeeklyReport = input.WeeklyReport ?? stored?.WeeklyReport ?? false,
            Digest = digest,
            NotifyResolved = input.NotifyResolved ?? stored?.NotifyResolved ?? true,
            Paced = input.Paced ?? stored?.Paced ?? false,
            Route = route,
            Settings = settings!,
            CreatedAt = stored?.CreatedAt ?? time.GetUtcNow(),
            UpdatedAt = time.GetUtcNow(),
            ETag = stored?.ETag,
        };
    }

    private ChannelRegistration? ParseType(FieldErrors errors, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add("type", $"is required: one of {channels.TypeList}.");
            return null;
        }

        var registration = channels.Find(value);
        if (registration is null)
        {
            errors.Add("type", $"is not a known integration type: use one of {channels.TypeList}.");
        }

        return registration;
    }

    private static ChannelSettings ReadSettings(ChannelRegistration registration, IntegrationInput input)
    {
        var fields = JsonSerializer.SerializeToUtf8Bytes(input.Settings ?? []);
        try
        {
            return (ChannelSettings?)JsonSerializer.Deserialize(fields, registration.SettingsType, ChannelSettingsJson.Options)
                   ?? throw new ValidationException("body", "A JSON object is required.");
        }
        catch (JsonException e)
        {
            throw ValidationException.FromJson(e);
        }
    }
}
