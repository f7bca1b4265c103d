using MazeVault.Alerts.Core.Channels;
using MazeVault.Alerts.Core.Delivery;
using MazeVault.Alerts.Core.Email;
using MazeVault.Alerts.Core.Reports;
using MazeVault.Alerts.Core.Rules;
using MazeVault.Alerts.Core.Storage;
using MazeVault.Alerts.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace MazeVault.Alerts.Core.Tests.Reports;

/// <summary>Every Core area's real registrations on Azurite, with the test's clock and a log collector.</summary>
internal static class ReportServices
{
    public static ServiceProvider Build(AzuriteFixture azurite, string queueName, TimeProvider clock, IDictionary<string, string?>? settings = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["DELIVERY_QUEUE_NAME"] = queueName,
            ["REPORT_TIME_ZONE"] = "Europe/Prague",
            ["EGRESS_ALLOWED_NETWORKS"] = TestNetworks.Loopback,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton(clock);
        services.AddLogging(b => b.AddFakeLogging());
        services.AddAlertsStorage(configuration);
        services.AddAlertsEmail(configuration);
        services.AddAlertsChannels(configuration);
        services.AddAlertsDelivery(configuration);
        services.AddAlertsRules(configuration);
        services.AddWeeklyReport(configuration);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }
}
