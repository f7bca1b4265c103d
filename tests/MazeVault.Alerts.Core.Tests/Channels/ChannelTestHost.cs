using MazeVault.Alerts.Core.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;

namespace MazeVault.Alerts.Core.Tests.Channels;

/// <summary>
/// The product's registrations (<see cref="TestServices"/>) with a fake clock, a log collector that sees every
/// log line (including the HTTP client factory's), and a short HTTP timeout so timeout tests run quickly.
/// </summary>
internal sealed class ChannelTestHost : IDisposable
{
    public static readonly DateTimeOffset Now = new(2026, 4, 15, 9, 30, 0, TimeSpan.Zero);

    private ChannelTestHost(ServiceProvider services, FakeTimeProvider time)
    {
        Services = services;
        Time = time;
    }

    public ServiceProvider Services { get; }
    public FakeTimeProvider Time { get; }
    public FakeLogCollector Logs => Services.GetFakeLogCollector();

    public static ChannelTestHost Create(
        string storageConnectionString = "UseDevelopmentStorage=true",
        IDictionary<string, string?>? settings = null,
        TimeSpan? httpTimeout = null,
        Action<IServiceCollection>? configure = null)
    {
        var time = new FakeTimeProvider(Now);
        var services = TestServices.On(storageConnectionString)
            .With(settings)
            .WithClock(time)
            .After(s => s.AddHttpClient(HttpDelivery.ClientName, client => client.Timeout = httpTimeout ?? TimeSpan.FromSeconds(10)))
            .After(s => configure?.Invoke(s))
            .Build();
        return new ChannelTestHost(services, time);
    }

    public INotificationChannel Channel(string type) => Services.GetRequiredService<ChannelCatalog>().ChannelFor(type);

    /// <summary>Every log line and its structured state, for "no secret in any log" assertions.</summary>
    public string AllLogText() =>
        string.Join('\n', Logs.GetSnapshot().Select(r => $"{r.Category} {r.Message} {string.Join(' ', r.StructuredState?.Select(s => s.Value) ?? [])} {r.Exception}"));

    public void Dispose() => Services.Dispose();
}
