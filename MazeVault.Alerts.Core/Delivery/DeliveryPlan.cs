using MazeVault.Alerts.Core.Channels;
using MazeVault.Alerts.Core.Channels.Email;
using MazeVault.Alerts.Core.Channels.Teams;
using MazeVault.Alerts.Core.Integrations;
using MazeVault.Alerts.Core.Inventory;
using MazeVault.Alerts.Core.Reports;
using MazeVault.Alerts.Core.Routing;
using MazeVault.Alerts.Core.Secrets;
using Microsoft.Extensions.Options;

namespace MazeVault.Alerts.Core.Delivery;

/// <summary>
/// The one place that knows who receives an alert and in what order: legacy ADMIN_EMAIL and
/// TEAMS_WEBHOOK_URL, then incident contacts by priority (email), then active notification integrations in the
/// channels' registration order (JIRA, Teams, Slack, Webhook, Email, then any plug-in); which of them take one alert (an
/// integration's route; legacy recipients and contacts take every alert, as the spec says), and why not, for delivery and
/// explain alike. It also turns a target reference from a queue message back into its target.
/// </summary>
public sealed class DeliveryPlan(
    IIntegrationStore integrations,
    IIncidentContactStore contacts,
    IInventoryStore inventory,
    IWeeklyReportSettingsStore weeklyReportSettings,
    ChannelCatalog channels,
    IOptions<LegacyRecipientsOptions> legacy,
    IOptions<DeliveryOptions> delivery,
    TimeProvider clock)
{
    private readonly RecentCache<Integration> _recent = new(clock, capacity: 10_000);

    private const string AdminEmailRef = "legacy:admin-email";
    private const string TeamsWebhookRef = "legacy:teams-webhook";
    private const string ContactPrefix = "contact:";
    private const string IntegrationPrefix = "integration:";
    private const string RotationPrefix = "rotation:";
    private const string WeeklyRecipientPrefix = "weekly-recipient:";

    /// <summary>Every target of an organization's alerts, in delivery order, before routes (see <see cref="Route"/>).</summary>
    public async Task<IReadOnlyList<DeliveryTarget>> ForOrganizationAsync(string organizationId, CancellationToken ct) =>
        (await CandidatesAsync(organizationId, ct)).Where(t => t.Integration.Active).ToList();

    /// <summary>The targets that take <paramref name="alert"/>, in delivery order.</summary>
    public async Task<IReadOnlyList<DeliveryTarget>> ForAlertAsync(string organizationId, AlertTraits alert, CancellationToken ct) =>
        Route(await ForOrganizationAsync(organizationId, ct), alert);

    /// <summary>Those of <paramref name="targets"/> that take <paramref name="alert"/>, in their order.</summary>
    public static IReadOnlyList<DeliveryTarget> Route(IReadOnlyList<DeliveryTarget> targets, AlertTraits alert) =>
        targets.Where(t => Takes(t, alert)).ToList();

    public static bool Takes(DeliveryTarget target, AlertTraits alert) => Exclusion(target.Integration, alert) is null;

    /// <summary>
    /// Every target of the organization in delivery order, inactive integrations included, with whether it would take
    /// <paramref name="alert"/> and if not which rule keeps it out: the decision <see cref="Route"/> makes for delivery.
    /// </summary>
    public async Task<IReadOnlyList<RoutingDecision>> ExplainAsync(string organizationId, AlertTraits alert, CancellationToken ct) =>
        (await CandidatesAsync(organizationId, ct))
            .Select(t => RoutingDecision.Of(t, channels.Get(t.Integration.Type).DisplayName, Exclusion(t.Integration, alert)))
            .ToList();

    /// <summary>The one routing decision: inactive, no resolved notices wanted, or the integration's route.</summary>
    private static RouteExclusion? Exclusion(Integration target, AlertTraits alert) =>
        !target.Active ? RouteExclusion.Inactive
        : alert.Kind == AlertKind.Resolved && !target.NotifyResolved ? RouteExclusion.NoResolvedNotices
        : target.Route.Exclusion(alert);

    /// <summary>Legacy recipients, contacts by priority, then the notification integrations (inactive ones too), in delivery order.</summary>
    private async Task<IReadOnlyList<DeliveryTarget>> CandidatesAsync(string organizationId, CancellationToken ct)
    {
        var targets = new List<DeliveryTarget>();
        if (AdminEmail(organizationId) is { } admin)
        {
            targets.Add(new DeliveryTarget(AdminEmailRef, admin));
        }

        if (TeamsWebhook(organizationId) is { } teams)
        {
            targets.Add(new DeliveryTarget(TeamsWebhookRef, teams));
        }

        foreach (var contact in (await contacts.ListByPriorityAsync(organizationId, ct)).OrderBy(c => c.Priority))
        {
            targets.Add(new DeliveryTarget(ContactPrefix + contact.Id, FromContact(contact)));
        }

        targets.AddRange(await IntegrationTargetsAsync(organizationId, i => i.Category == Integration.NotificationCategory, ct));
        return targets;
    }

    /// <summary>
    /// The daily check's targets split for noise control: those that get a message per item, and those that get the
    /// run's one digest (integrations with <see cref="Integration.Digest"/>; ADMIN_EMAIL and the incident contacts when
    /// the organization digests them). Order within each is kept.
    /// </summary>
    public static (IReadOnlyList<DeliveryTarget> PerItem, IReadOnlyList<DeliveryTarget> Digest) SplitForDigest(IReadOnlyList<DeliveryTarget> targets, bool digestContacts)
    {
        bool Digests(DeliveryTarget target) => target.Ref.StartsWith(IntegrationPrefix, StringComparison.Ordinal)
            ? target.Integration.Digest
            : digestContacts && (target.Ref == AdminEmailRef || target.Ref.StartsWith(ContactPrefix, StringComparison.Ordinal));

        return (targets.Where(t => !Digests(t)).ToList(), targets.Where(Digests).ToList());
    }

    /// <summary>
    /// The weekly report goes by email to the organization's report recipients, then to every active
    /// integration with the weekly-report flag, in the same integration order as alerts.
    /// </summary>
    public async Task<IReadOnlyList<DeliveryTarget>> ForWeeklyReportAsync(string organizationId, CancellationToken ct)
    {
        var settings = await weeklyReportSettings.GetAsync(organizationId, ct);
        var targets = settings.Recipients
            .Select(address => new DeliveryTarget(WeeklyRecipientRef(address), FromWeeklyRecipient(organizationId, address)))
            .ToList();
        targets.AddRange(await IntegrationTargetsAsync(organizationId, i => IsDeliverable(i) && i.WeeklyReport, ct));
        return targets;
    }

    private async Task<IEnumerable<DeliveryTarget>> IntegrationTargetsAsync(string organizationId, Func<Integration, bool> include, CancellationToken ct)
    {
        var selected = new List<Integration>();
        await foreach (var integration in integrations.ListAsync(organizationId, ct))
        {
            if (include(integration))
            {
                selected.Add(integration);
            }
        }

        return selected
            .OrderBy(i => channels.Get(i.Type).Order)
            .ThenBy(i => i.CreatedAt)
            .ThenBy(i => i.Id, StringComparer.Ordinal)
            .Select(i => new DeliveryTarget(IntegrationPrefix + i.Id, i));
    }

    /// <summary>
    /// Who hears that a delivery failed: ADMIN_EMAIL and the organization's incident contacts, by email only (the
    /// integrations may be what is failing).
    /// </summary>
    public async Task<IReadOnlyList<DeliveryTarget>> ForFailureNoticeAsync(string organizationId, CancellationToken ct)
    {
        var targets = new List<DeliveryTarget>();
        if (AdminEmail(organizationId) is { } admin)
        {
            targets.Add(new DeliveryTarget(AdminEmailRef, admin));
        }

        foreach (var contact in (await contacts.ListByPriorityAsync(organizationId, ct)).OrderBy(c => c.Priority))
        {
            targets.Add(new DeliveryTarget(ContactPrefix + contact.Id, FromContact(contact)));
        }

        return targets;
    }

    /// <summary>A rotation config's own notification addresses, email only, as one delivery.</summary>
    public static DeliveryTarget ForRotationConfig(RotationConfig config) =>
        new(RotationPrefix + config.Id, FromRotationConfig(config));

    /// <summary>
    /// Whether the target's addresses came from the vault's feed (a rotation config's notification emails) rather than an
    /// admin: the organization's recipient policy must still allow them when the delivery is sent.
    /// </summary>
    public static bool IsFeedSupplied(string targetRef) => targetRef.StartsWith(RotationPrefix, StringComparison.Ordinal);

    /// <summary>The target a queue message refers to as it is configured now, or null when it is gone or inactive.</summary>
    public async Task<Integration?> ResolveAsync(string organizationId, string targetRef, CancellationToken ct)
    {
        if (targetRef == AdminEmailRef)
        {
            return AdminEmail(organizationId);
        }

        if (targetRef == TeamsWebhookRef)
        {
            return TeamsWebhook(organizationId);
        }

        if (targetRef.StartsWith(ContactPrefix, StringComparison.Ordinal))
        {
            var contact = await contacts.GetAsync(organizationId, targetRef[ContactPrefix.Length..], ct);
            return contact is null ? null : FromContact(contact);
        }

        if (targetRef.StartsWith(IntegrationPrefix, StringComparison.Ordinal))
        {
            var integration = await integrations.GetAsync(organizationId, targetRef[IntegrationPrefix.Length..], ct);
            return integration is not null && IsDeliverable(integration) ? integration : null;
        }

        if (targetRef.StartsWith(WeeklyRecipientPrefix, StringComparison.Ordinal))
        {
            // Still a recipient now? Someone removed from the list no longer gets the report.
            var settings = await weeklyReportSettings.GetAsync(organizationId, ct);
            var address = settings.Recipients.FirstOrDefault(a => WeeklyRecipientRef(a) == targetRef);
            return address is null ? null : FromWeeklyRecipient(organizationId, address);
        }

        if (targetRef.StartsWith(RotationPrefix, StringComparison.Ordinal))
        {
            var config = await inventory.GetRotationConfigAsync(organizationId, targetRef[RotationPrefix.Length..], ct);
            return config is { NotificationEmails.Count: > 0 } ? FromRotationConfig(config) : null;
        }

        return null;
    }

    /// <summary>
    /// <see cref="ResolveAsync"/>'s answer as read at most DELIVERY_TARGET_CACHE_SECONDS ago on this instance: the
    /// deliveries of an organization's alerts read each of its targets once in that time, not once each.
    /// </summary>
    public Task<Integration?> ResolveRecentAsync(string organizationId, string targetRef, CancellationToken ct) =>
        _recent.GetOrReadAsync(organizationId + "\n" + targetRef, delivery.Value.TargetCacheAge, () => ResolveAsync(organizationId, targetRef, ct));

    /// <summary>The id the spec's log lines show: the integration id, or the synthetic reference (contact:..., legacy:...).</summary>
    public static string LogId(string targetRef) =>
        targetRef.StartsWith(IntegrationPrefix, StringComparison.Ordinal) ? targetRef[IntegrationPrefix.Length..] : targetRef;

    /// <summary>The integration a target reference names; null for legacy recipients, contacts and report recipients.</summary>
    public static string? IntegrationIdOf(string targetRef) =>
        targetRef.StartsWith(IntegrationPrefix, StringComparison.Ordinal) ? targetRef[IntegrationPrefix.Length..] : null;

    private static bool IsDeliverable(Integration integration) =>
        integration.Active && integration.Category == Integration.NotificationCategory;

    private Integration? AdminEmail(string organizationId) =>
        string.IsNullOrWhiteSpace(legacy.Value.AdminEmail)
            ? null
            : Synthetic(organizationId, AdminEmailRef, "ADMIN_EMAIL", EmailTo(legacy.Value.AdminEmail.Trim()));

    private Integration? TeamsWebhook(string organizationId) =>
        string.IsNullOrWhiteSpace(legacy.Value.TeamsWebhookUrl)
            ? null
            : Synthetic(organizationId, TeamsWebhookRef, "TEAMS_WEBHOOK_URL", new TeamsSettings { TeamsWebhookUrl = Secret.Of(legacy.Value.TeamsWebhookUrl.Trim()) });

    private static Integration FromContact(IncidentContact contact) =>
        Synthetic(contact.OrganizationId, ContactPrefix + contact.Id, contact.Name, EmailTo(contact.Email));

    // A hash, not the address: queue messages and ledger keys carry no personal data.
    private static string WeeklyRecipientRef(string address) => WeeklyRecipientPrefix + AlertIds.Hash(address.Trim().ToLowerInvariant());

    private static Integration FromWeeklyRecipient(string organizationId, string address) =>
        Synthetic(organizationId, WeeklyRecipientRef(address), "Weekly report recipient", EmailTo(address));

    private static Integration FromRotationConfig(RotationConfig config) =>
        Synthetic(config.OrganizationId, RotationPrefix + config.Id, $"Rotation notifications of {config.SecretName}",
            new EmailSettings { EmailRecipients = config.NotificationEmails });

    private static EmailSettings EmailTo(string address) => new() { EmailRecipients = [address] };

    /// <summary>A recipient that is not a stored integration, given the shape of one so that channels need no special case.</summary>
    private static Integration Synthetic(string organizationId, string id, string name, ChannelSettings settings) => new()
    {
        Id = id,
        OrganizationId = organizationId,
        Type = settings is TeamsSettings ? TeamsChannel.Type : EmailChannel.Type,
        Name = name,
        Settings = settings,
    };
}
