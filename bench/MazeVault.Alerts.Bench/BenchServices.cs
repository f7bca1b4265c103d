using MazeVault.Alerts.Core.Channels;
using MazeVault.Alerts.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace MazeVault.Alerts.Bench;

/// <summary>The product's services over the bench's Azurite, with the two legacy recipients and accepting channels.</summary>
internal static class BenchServices
{
    public const string QueueName = "bench-deliveries";

    public static ServiceProvider Build(string connectionString, string queueName = QueueName)
    {
        var clock = new ShiftableClock();
        return TestServices.On(connectionString)
            .With("DELIVERY_QUEUE_NAME", queueName)
            .With("ADMIN_EMAIL", "admin@example.com")
            .With("TEAMS_WEBHOOK_URL", "https://teams.invalid/workflows/legacy")
            .WithClock(clock)
            .WithoutLogCollector()
            .After(services =>
            {
                services.AddSingleton(clock);
                foreach (var registration in services.Where(d => d.ServiceType == typeof(ChannelRegistration)).Select(d => (ChannelRegistration)d.ImplementationInstance!).ToList())
                {
                    // The last keyed registration wins: every channel accepts without a vendor.
                    services.AddKeyedSingleton<INotificationChannel>(registration.Type, new AcceptingChannel());
                }
            })
            .Build();
    }
}
