namespace MazeVault.Alerts.EndToEnd.Tests;

/// <summary>The compiled app with paced webhooks at 5 messages/s (instead of one) and retries one second apart.</summary>
public sealed class PacingAppFixture : DeliveryAppFixture
{
    protected override void Configure(Dictionary<string, string> settings)
    {
        base.Configure(settings);
        settings["PACING_WEBHOOK_PER_MINUTE"] = "300";
        settings["DELIVERY_FIRST_BACKOFF_SECONDS"] = "1";
    }
}
