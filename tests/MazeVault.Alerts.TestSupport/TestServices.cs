using MazeVault.Alerts.Core;
using MazeVault.Alerts.Core.Storage;
using MazeVault.Alerts.Core.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace MazeVault.Alerts.TestSupport;

/// <summary>
/// The one way a test builds the product's services: every Core area as the Functions composition root registers it
/// (<see cref="AlertsServiceCollectionExtensions.AddAlertsCore"/>) over a storage account, with a delivery queue of its
/// own, the egress guard opened to loopback (where the local vendor servers listen), example.com as the deployment's
/// default recipient domain, an unpaced mailbox, the test's clock and a log
/// collector at Debug; then the test's own registrations, which win because they come last.
/// </summary>
public sealed class TestServices
{
    private readonly Dictionary<string, string?> _settings;
    private readonly List<Action<IServiceCollection>> _before = [];
    private readonly List<Action<IServiceCollection, IConfiguration>> _after = [];
    private TimeProvider _clock = TimeProvider.System;
    private bool _collectLogs = true;
    private bool _httpResults;
    private Action<IOpenTelemetryBuilder>? _telemetry;

    private TestServices(string storageConnectionString) => _settings = new Dictionary<string, string?>
    {
        [StorageClients.ConnectionName] = storageConnectionString,
        ["DELIVERY_QUEUE_NAME"] = "test-" + Guid.NewGuid().ToString("N")[..12],
        ["EGRESS_ALLOWED_NETWORKS"] = TestNetworks.Loopback,
        ["ACCESS_MODE"] = "local",
        // The tests' own domain, as an operator names the company's: rotation configs may email it without a saved policy.
        ["RECIPIENT_DEFAULT_DOMAINS"] = "example.com",
        // A mailbox without a limit, as a local mail catcher: tests that are not about pacing (many on a frozen clock)
        // must not wait for the sender mailbox's slots; the pacing tests set a rate.
        ["PACING_EMAIL_PER_MINUTE"] = "0",
        // Nor a recipients-per-day count (one sender address across every test's organizations); the tests of that limit set one.
        ["PACING_EMAIL_RECIPIENTS_PER_DAY"] = "0",
    };

    public static TestServices On(AzuriteFixture azurite) => new(azurite.ConnectionString);

    /// <summary>For tests that never reach storage (the connection string is only parsed).</summary>
    public static TestServices On(string storageConnectionString) => new(storageConnectionString);

    /// <summary>The queue name this provider's delivery queue gets (a new one per builder unless a setting names one).</summary>
    public string QueueName => _settings["DELIVERY_QUEUE_NAME"]!;

    public TestServices With(string key, string? value)
    {
        _settings[key] = value;
        return this;
    }

    public TestServices With(IEnumerable<KeyValuePair<string, string?>>? settings)
    {
        foreach (var (key, value) in settings ?? [])
        {
            _settings[key] = value;
        }

        return this;
    }

    public TestServices WithClock(TimeProvider clock)
    {
        _clock = clock;
        return this;
    }

    /// <summary>Registrations made before the product's, which it keeps (e.g. a key source: storage adds its own only when none is there).</summary>
    public TestServices Before(Action<IServiceCollection> register)
    {
        _before.Add(register);
        return this;
    }

    /// <summary>Registrations after the product's: the last registration of a service (or of a keyed channel) is the one resolved.</summary>
    public TestServices After(Action<IServiceCollection, IConfiguration> register)
    {
        _after.Add(register);
        return this;
    }

    public TestServices After(Action<IServiceCollection> register) => After((services, _) => register(services));

    /// <summary>Logs go nowhere instead of into memory: for long runs such as the benchmark.</summary>
    public TestServices WithoutLogCollector()
    {
        _collectLogs = false;
        return this;
    }

    /// <summary>
    /// ASP.NET Core's result executors, as the worker's ASP.NET Core integration uses them, for calling HTTP function
    /// classes. MVC's controller parts stay unbuilt, so the provider is then not validated on build.
    /// </summary>
    public TestServices WithHttpResults()
    {
        _httpResults = true;
        return this;
    }

    /// <summary>
    /// The product's telemetry as the composition root registers it (<see cref="TelemetryServiceCollectionExtensions.AddAlertsTelemetry"/>),
    /// plus the test's exporters; the providers start with the service provider, as the host would start them.
    /// </summary>
    public TestServices WithTelemetry(Action<IOpenTelemetryBuilder> exporters)
    {
        _telemetry = exporters;
        return this;
    }

    public ServiceProvider Build()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(_settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton(_clock);
        services.AddLogging(logging =>
        {
            if (_collectLogs)
            {
                logging.AddFakeLogging().SetMinimumLevel(LogLevel.Debug);
            }
        });
        foreach (var register in _before)
        {
            register(services);
        }

        services.AddAlertsCore(configuration);
        if (_telemetry is not null)
        {
            _telemetry(services.AddAlertsTelemetry(configuration));
        }

        if (_httpResults)
        {
            services.AddMvcCore();
        }

        foreach (var register in _after)
        {
            register(services, configuration);
        }

        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = !_httpResults, ValidateScopes = true });
        if (_telemetry is not null)
        {
            // Without a host nothing else would create them, and an uncreated provider listens to nothing.
            provider.GetRequiredService<TracerProvider>();
            provider.GetRequiredService<MeterProvider>();
            // The host starts its hosted services; the Azure Monitor exporter adds its trace and log exporters in one.
            foreach (var hosted in provider.GetServices<IHostedService>())
            {
                hosted.StartAsync(CancellationToken.None).GetAwaiter().GetResult();
            }
        }

        return provider;
    }
}
