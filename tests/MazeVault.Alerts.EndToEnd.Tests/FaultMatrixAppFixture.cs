namespace MazeVault.Alerts.EndToEnd.Tests;

/// <summary>The compiled app with retries one second apart, so vendor faults play out in seconds.</summary>
public sealed class FaultMatrixAppFixture : DeliveryAppFixture
{
    protected override void Configure(Dictionary<string, string> settings)
    {
        base.Configure(settings);
        settings["DELIVERY_FIRST_BACKOFF_SECONDS"] = "1";
        settings["DELIVERY_MAX_ATTEMPTS"] = "3";
        // Short, but not 1 s: the host runs 16 deliveries at once, and on a loaded machine a 1 s timeout cut off sends the
        // receiver had already taken, whose retries it then saw twice.
        settings["CHANNEL_TIMEOUT_SECONDS"] = "3";
        // A storm of 200 incidents of one organization is what a test here sends on purpose, past the default quota of 60 a minute.
        settings["QUOTA_INCIDENTS_PER_MINUTE"] = "1000";
    }
}
