using System.Collections.Concurrent;
using Azure.Storage.Queues;
using MazeVault.Alerts.Core.Channels;
using MazeVault.Alerts.Core.Delivery;
using MazeVault.Alerts.Core.Integrations;
using MazeVault.Alerts.Core.Inventory;
using MazeVault.Alerts.Core.Rules;
using MazeVault.Alerts.Core.Storage;
using MazeVault.Alerts.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace MazeVault.Alerts.Core.Tests.Delivery;

/// <summary>A channel that records what it was asked to send and answers as the test programs it.</summary>
internal sealed class RecordingChannel(IntegrationType type, ConcurrentQueue<(IntegrationType Type, Integration Target, Notification Notification)> all)
    : INotificationChannel
{
    private int _calls;

    /// <summary>Answer for the n-th call (from 1) to this channel for the given target.</summary>
    public Func<Integration, int, DeliveryOutcome> Respond { get; set; } = (_, _) => new DeliveryOutcome.Delivered();
    public TimeSpan Delay { get; set; }
    public int Calls => _calls;
    public IntegrationType Type => type;

    public async Task<DeliveryOutcome> SendAsync(Notification notification, Integration target, CancellationToken ct)
    {
        all.Enqueue((type, target, notification));
        var n = all.Count(s => s.Target.Id == target.Id && s.Type == type);
        Interlocked.Increment(ref _calls);
        if (Delay > TimeSpan.Zero)
        {
            await Task.Delay(Delay, ct);
        }

        return Respond(target, n);
    }
}

/// <summary>
/// The real engine (options, plan, ledger, queue, dispatcher, processor, rules) on Azurite with its own queue, and
/// Moq stand-ins for the stores another branch owns and recording channels instead of vendor servers.
/// </summary>
internal sealed class EngineHarness : IAsyncDisposable
{
    /// <summary>Placeholder organization of the static helpers; <see cref="Configure"/> moves them to <see cref="Org"/>.</summary>
    private const string OrgId = "org";

    private EngineHarness(ServiceProvider services, QueueClient queue, ConcurrentQueue<(IntegrationType, Integration, Notification)> sends,
        Mock<IIntegrationStore> integrations, Mock<IIncidentContactStore> contacts, Mock<IInventoryStore> inventory, FakeTimeProvider clock)
    {
        Services = services;
        Queue = queue;
        Sends = sends;
        Integrations = integrations;
        Contacts = contacts;
        Inventory = inventory;
        Clock = clock;
        Channels = services.GetServices<INotificationChannel>().Cast<RecordingChannel>().ToDictionary(c => c.Type);
    }

    /// <summary>Each test its own organization: the tables are shared by the tests of one Azurite.</summary>
    public string Org { get; } = "org-" + Guid.NewGuid().ToString("N")[..10];
    public ServiceProvider Services { get; }
    public QueueClient Queue { get; }
    public ConcurrentQueue<(IntegrationType Type, Integration Target, Notification Notification)> Sends { get; }
    public Mock<IIntegrationStore> Integrations { get; }
    public Mock<IIncidentContactStore> Contacts { get; }
    public Mock<IInventoryStore> Inventory { get; }
    public FakeTimeProvider Clock { get; }
    public IReadOnlyDictionary<IntegrationType, RecordingChannel> Channels { get; }
    public FakeLogCollector Logs => Services.GetFakeLogCollector();

    public DeliveryProcessor Processor => Services.GetRequiredService<DeliveryProcessor>();
    public DeliveryLedger Ledger => Services.GetRequiredService<DeliveryLedger>();
    public IncidentService Incidents => Services.GetRequiredService<IncidentService>();
    public DailyCheckService DailyCheck => Services.GetRequiredService<DailyCheckService>();

    public static EngineHarness Create(
        AzuriteFixture azurite,
        string? adminEmail = "admin@example.com",
        string? teamsWebhook = "https://teams.invalid/workflows/legacy?sig=legacy-secret",
        int maxAttempts = 8,
        TimeSpan? firstBackoff = null)
    {
        var queueName = "deliveries-" + Guid.NewGuid().ToString("N")[..12];
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [StorageClients.ConnectionName] = azurite.ConnectionString,
            ["DELIVERY_QUEUE_NAME"] = queueName,
            ["DELIVERY_MAX_ATTEMPTS"] = maxAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["ADMIN_EMAIL"] = adminEmail,
            ["TEAMS_WEBHOOK_URL"] = teamsWebhook,
        }).Build();

        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 16, 6, 0, 0, TimeSpan.Zero));
        var integrations = new Mock<IIntegrationStore>();
        var contacts = new Mock<IIncidentContactStore>();
        var inventory = new Mock<IInventoryStore>();
        contacts.Setup(s => s.ListByPriorityAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).ReturnsAsync([]);
        integrations.Setup(s => s.ListAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).Returns(() => AsyncEnumerable.Empty<Integration>());
        var sends = new ConcurrentQueue<(IntegrationType, Integration, Notification)>();

        var services = new ServiceCollection();
        services.AddLogging(b => b.AddFakeLogging().SetMinimumLevel(LogLevel.Debug));
        services.AddSingleton<TimeProvider>(clock);
        services.AddSingleton(integrations.Object);
        services.AddSingleton(contacts.Object);
        services.AddSingleton(inventory.Object);
        foreach (var type in Enum.GetValues<IntegrationType>())
        {
            services.AddSingleton<INotificationChannel>(new RecordingChannel(type, sends));
        }

        services.AddAlertsStorage(configuration);
        services.AddSingleton<ChannelCatalog>();
        services.AddAlertsDelivery(configuration);
        services.AddAlertsRules(configuration);
        services.PostConfigure<DeliveryOptions>(o => o.FirstBackoff = firstBackoff ?? TimeSpan.FromSeconds(30));
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
        return new EngineHarness(provider, azurite.CreateQueueClient(queueName), sends, integrations, contacts, inventory, clock);
    }

    /// <summary>Configures the organization's integrations (list and get) and incident contacts.</summary>
    public void Configure(IReadOnlyList<Integration> integrations, IReadOnlyList<IncidentContact>? contacts = null)
    {
        integrations = integrations.Select(i => i with { OrganizationId = Org }).ToList();
        contacts = contacts?.Select(c => c with { OrganizationId = Org }).ToList();
        Integrations.Setup(s => s.ListAsync(Org, It.IsAny<CancellationToken>())).Returns(() => integrations.ToAsyncEnumerable());
        foreach (var integration in integrations)
        {
            Integrations.Setup(s => s.GetAsync(Org, integration.Id, It.IsAny<CancellationToken>())).ReturnsAsync(integration);
        }

        Contacts.Setup(s => s.ListByPriorityAsync(Org, It.IsAny<CancellationToken>())).ReturnsAsync(contacts ?? []);
        foreach (var contact in contacts ?? [])
        {
            Contacts.Setup(s => s.GetAsync(Org, contact.Id, It.IsAny<CancellationToken>())).ReturnsAsync(contact);
        }
    }

    /// <summary>Does what the queue trigger does, one message at a time: receive, process, delete. Returns the messages handled.</summary>
    public async Task<int> DrainAsync()
    {
        var handled = 0;
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

    /// <summary>Messages in the queue, visible or not (Azurite's count is exact).</summary>
    public async Task<int> QueuedMessageCountAsync() => (await Queue.GetPropertiesAsync()).Value.ApproximateMessagesCount;

    public async Task<IReadOnlyList<DeliveryRecord>> DeliveriesAsync(DeliveryQuery? query = null) =>
        await Ledger.QueryAsync(Org, query ?? new DeliveryQuery(), CancellationToken.None).ToListAsync();

    public static Integration Integration(string id, IntegrationType type) => new()
    {
        Id = id,
        OrganizationId = OrgId,
        Type = type,
        Name = $"{type} {id}",
        JiraBaseUrl = type == IntegrationType.Jira ? "https://jira.invalid" : null,
        JiraApiToken = type == IntegrationType.Jira ? "jira-token-secret" : null,
        SlackWebhookUrl = type == IntegrationType.Slack ? "https://hooks.slack.invalid/services/slack-secret" : null,
        TeamsWebhookUrl = type == IntegrationType.Teams ? "https://teams.invalid/workflows/teams-secret" : null,
        WebhookUrl = type == IntegrationType.Webhook ? "https://hooks.invalid/webhook-secret" : null,
        EmailRecipients = type == IntegrationType.Email ? ["ops@example.com"] : [],
    };

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
