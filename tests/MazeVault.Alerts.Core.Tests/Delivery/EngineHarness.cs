using System.Collections.Concurrent;
using Azure.Storage.Queues;
using MazeVault.Alerts.Core.Channels;
using MazeVault.Alerts.Core.Delivery;
using MazeVault.Alerts.Core.Integrations;
using MazeVault.Alerts.Core.Inventory;
using MazeVault.Alerts.Core.Rules;
using MazeVault.Alerts.Core.Secrets;
using MazeVault.Alerts.Core.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;

namespace MazeVault.Alerts.Core.Tests.Delivery;

/// <summary>
/// The real engine (options, stores, plan, ledger, queue, dispatcher, processor, rules) on Azurite with its own queue and
/// organization, and recording channels in place of the vendor protocols (those are tested against local servers elsewhere).
/// </summary>
internal sealed class EngineHarness : IAsyncDisposable
{
    private EngineHarness(ServiceProvider services, QueueClient queue, ConcurrentQueue<(string, Integration, Notification)> sends, FakeTimeProvider clock)
    {
        Services = services;
        Queue = queue;
        Sends = sends;
        Clock = clock;
        Channels = TestIntegrations.AllTypes.Select(t => services.GetRequiredKeyedService<INotificationChannel>(t)).OfType<RecordingChannel>().ToDictionary(c => c.Type);
    }

    /// <summary>Each test its own organization (the tables are shared by the tests of one Azurite), unless it names one.</summary>
    public required string Org { get; init; }
    public ServiceProvider Services { get; }
    public QueueClient Queue { get; }
    private ConcurrentQueue<(string Type, Integration Target, Notification Notification)> Sends { get; }
    public FakeTimeProvider Clock { get; }
    public IReadOnlyDictionary<string, RecordingChannel> Channels { get; }
    public FakeLogCollector Logs => Services.GetFakeLogCollector();

    /// <summary>What the channels were asked to send for this test's organization, in order.</summary>
    public IReadOnlyList<(string Type, Integration Target, Notification Notification)> Sent => Sends.Where(s => s.Target.OrganizationId == Org).ToList();

    public IIntegrationStore Integrations => Services.GetRequiredService<IIntegrationStore>();
    public IIncidentContactStore Contacts => Services.GetRequiredService<IIncidentContactStore>();
    public IInventoryStore Inventory => Services.GetRequiredService<IInventoryStore>();
    public DeliveryProcessor Processor => Services.GetRequiredService<DeliveryProcessor>();
    public DeliveryLedger Ledger => Services.GetRequiredService<DeliveryLedger>();
    public IncidentService Incidents => Services.GetRequiredService<IncidentService>();
    public DailyCheckService DailyCheck => Services.GetRequiredService<DailyCheckService>();

    public static EngineHarness Create(
        AzuriteFixture azurite,
        string? adminEmail = "admin@example.com",
        string? teamsWebhook = "https://teams.invalid/workflows/legacy?sig=legacy-secret",
        int maxAttempts = 8,
        TimeSpan? firstBackoff = null,
        IReadOnlyDictionary<string, string?>? realChannelSettings = null,
        IKeyEncryptionKeys? keys = null,
        string? organizationId = null,
        Action<OpenTelemetry.IOpenTelemetryBuilder>? telemetry = null,
        string? queueName = null,
        AzuriteTableProxy? tablesThrough = null,
        IReadOnlyDictionary<string, string?>? settings = null)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 16, 6, 0, 0, TimeSpan.Zero));
        var sends = new ConcurrentQueue<(string, Integration, Notification)>();
        var builder = TestServices.On(azurite)
            .With("DELIVERY_MAX_ATTEMPTS", maxAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .With("ADMIN_EMAIL", adminEmail)
            .With("TEAMS_WEBHOOK_URL", teamsWebhook)
            // The product's own email transport and channels, pointed at local servers by these settings.
            .With(realChannelSettings)
            // Other settings of the test (limits, quotas), with the recording channels unless realChannelSettings is given.
            .With(settings)
            .WithClock(clock)
            .After(services => services.PostConfigure<DeliveryOptions>(o => o.FirstBackoff = firstBackoff ?? TimeSpan.FromSeconds(30)));
        if (queueName is not null)
        {
            // Another instance of the same app: same storage, same queue.
            builder.With("DELIVERY_QUEUE_NAME", queueName);
        }

        if (tablesThrough is not null)
        {
            builder.With(StorageClients.ConnectionName, tablesThrough.ConnectionString);
        }

        if (keys is not null)
        {
            // Storage registers its own key source only when none is there.
            builder.Before(services => services.AddSingleton(keys));
        }

        if (telemetry is not null)
        {
            builder.WithTelemetry(telemetry);
        }

        if (realChannelSettings is null)
        {
            // Registered after the real channels: the last keyed registration is the one resolved.
            builder.After(services =>
            {
                foreach (var type in TestIntegrations.AllTypes)
                {
                    services.AddKeyedSingleton<INotificationChannel>(type, new RecordingChannel(type, sends));
                }
            });
        }

        var provider = builder.Build();
        // Another harness of the same organization (and queue) is the same app started again on the same storage.
        return new EngineHarness(provider, azurite.CreateQueueClient(builder.QueueName), sends, clock) { Org = organizationId ?? NewOrganization() };
    }

    /// <summary>Stores the organization's integrations and incident contacts (the helpers' placeholder organization becomes <see cref="Org"/>).</summary>
    public async Task ConfigureAsync(IReadOnlyList<Integration> integrations, IReadOnlyList<IncidentContact>? contacts = null)
    {
        foreach (var integration in integrations)
        {
            await Integrations.CreateAsync(integration with { OrganizationId = Org }, CancellationToken.None);
        }

        foreach (var contact in contacts ?? [])
        {
            await Contacts.CreateAsync(contact with { OrganizationId = Org }, CancellationToken.None);
        }
    }

    /// <summary>Does what the queue trigger does, one message at a time: receive, process, delete. Returns the messages handled.</summary>
    public async Task<int> DrainAsync()
    {
        var handled = 0;
        // A run that queued nothing has not created the queue.
        await Queue.CreateIfNotExistsAsync();
        while (true)
        {
            var messages = (await Queue.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(1))).Value;
            if (messages.Length == 0)
            {
                return handled;
            }

            foreach (var message in messages)
            {
                await Processor.ProcessAsync(DeliveryEnvelope.Parse(message.MessageText), CancellationToken.None);
                await Queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
                handled++;
            }
        }
    }

    /// <summary>
    /// Drains once a message is visible again (a deferred copy's visibility delay is real time, whatever the clock says),
    /// for up to 10 s; the messages handled, 0 when none came back.
    /// </summary>
    public async Task<int> DrainWhenVisibleAsync()
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (waited.Elapsed < TimeSpan.FromSeconds(10))
        {
            if (await DrainAsync() is > 0 and var handled)
            {
                return handled;
            }

            await Task.Delay(100);
        }

        return 0;
    }

    /// <summary>One day: the daily check, its deliveries drained, the clock a day on; what this organization was sent.</summary>
    public async Task<List<(string Type, Notification Notification)>> RunDayAsync()
    {
        var before = Sent.Count;
        await DailyCheck.RunAsync(CancellationToken.None);
        await DrainAsync();
        Clock.Advance(TimeSpan.FromDays(1));
        return Sent.Skip(before).Select(s => (s.Type, s.Notification)).ToList();
    }

    /// <summary>Messages in the queue, visible or not (Azurite's count is exact).</summary>
    public async Task<int> QueuedMessageCountAsync() => (await Queue.GetPropertiesAsync()).Value.ApproximateMessagesCount;

    public async Task<IReadOnlyList<DeliveryRecord>> DeliveriesAsync(DeliveryQuery? query = null) =>
        await Ledger.QueryAsync(Org, query ?? new DeliveryQuery(), CancellationToken.None).ToListAsync();

    private static string NewOrganization() => "org-" + Guid.NewGuid().ToString("N")[..10];

    // Placeholder organization of the static helpers; ConfigureAsync stores them under the test's own.
    private const string OrgId = "org";

    public static Integration Integration(string id, string type) => TestIntegrations.Of(id, type, TestIntegrations.DefaultSettings(type), OrgId);

    public static IncidentContact Contact(string id, int priority) =>
        new() { Id = id, OrganizationId = OrgId, Name = $"Contact {id}", Email = $"{id}@example.com", Priority = priority };

    public static IncidentRequest IncidentRequest(string resource = "prod-db-password") => new()
    {
        Type = "unauthorized_access",
        Severity = "critical",
        AffectedResourceName = resource,
        DetectedAt = new DateTimeOffset(2026, 3, 16, 5, 30, 0, TimeSpan.Zero),
        ChangeDetails = "Secret read from an unknown IP",
    };

    public ValueTask DisposeAsync() => Services.DisposeAsync();
}
