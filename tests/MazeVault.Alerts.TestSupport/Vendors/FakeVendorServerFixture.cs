using Xunit;

namespace MazeVault.Alerts.TestSupport.Vendors;

/// <summary>One <see cref="FakeVendorServer"/> shared by a test class (<c>IClassFixture</c>); call <c>Reset()</c> per test.</summary>
public sealed class FakeVendorServerFixture : IAsyncLifetime
{
    public FakeVendorServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await FakeVendorServer.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
