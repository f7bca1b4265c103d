using System.Globalization;

namespace MazeVault.Alerts.EndToEnd.Tests;

/// <summary>The compiled app with a 10 s delivery lease (5 s vendor timeout), so a worker that dies mid-send costs seconds.</summary>
public sealed class WorkerRestartAppFixture : DeliveryAppFixture
{
    public const int LeaseSeconds = 10;

    protected override void Configure(Dictionary<string, string> settings)
    {
        base.Configure(settings);
        settings["DELIVERY_LEASE_SECONDS"] = LeaseSeconds.ToString(CultureInfo.InvariantCulture);
        settings["CHANNEL_TIMEOUT_SECONDS"] = "5";
        settings["DELIVERY_FIRST_BACKOFF_SECONDS"] = "1";
    }
}
