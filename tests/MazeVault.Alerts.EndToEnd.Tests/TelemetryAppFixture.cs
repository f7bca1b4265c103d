using MazeVault.Alerts.TestSupport.Vendors;

namespace MazeVault.Alerts.EndToEnd.Tests;

/// <summary>
/// The compiled app with <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> pointed at a local ingestion endpoint, as Bicep
/// sets it in Azure, so that its OpenTelemetry reaches Application Insights' track API.
/// </summary>
public sealed class TelemetryAppFixture : DeliveryAppFixture
{
    public FakeApplicationInsights Ingestion { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        Ingestion = await FakeApplicationInsights.StartAsync();
        await base.InitializeAsync();
    }

    protected override void Configure(Dictionary<string, string> settings)
    {
        base.Configure(settings);
        settings["APPLICATIONINSIGHTS_CONNECTION_STRING"] = Ingestion.ConnectionString;
        foreach (var (name, value) in FakeApplicationInsights.LoopbackOnlySettings)
        {
            settings[name] = value;
        }
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (Ingestion is not null)
        {
            await Ingestion.DisposeAsync();
        }
    }
}
