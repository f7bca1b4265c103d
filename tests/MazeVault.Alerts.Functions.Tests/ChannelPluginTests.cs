using System.Security.Cryptography.X509Certificates;
using MazeVault.Alerts.Core.Channels;
using MazeVault.Alerts.Core.Delivery;
using MazeVault.Alerts.Core.Egress;
using MazeVault.Alerts.TestSupport.Pager;
using MazeVault.Alerts.TestSupport.Vendors;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace MazeVault.Alerts.Functions.Tests;

/// <summary>
/// The test-only pager channel (tests/MazeVault.Alerts.TestSupport/Pager), plugged in with the same one registration line
/// as the built-in ones, and driven through the HTTP functions: create, masked read, validation, the Test action and
/// delivery of an incident, each page reaching a local HTTPS server. Nothing in the product knows it.
/// </summary>
public sealed class ChannelPluginTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private const string RoutingKey = "pager-routing-key-0123456789-ZXCV";
    private const string PagesPath = "/pager/pages";

    // Kept for the server's lifetime: its TLS handshakes use the private key.
    private readonly X509Certificate2 _certificate = TestCertificates.CreateLoopbackServer();
    private FakeVendorServer _pagerServer = null!;

    public async Task InitializeAsync() => _pagerServer = (await FakeVendorServer.StartAsync(_certificate)).On("POST", PagesPath, new FakeResponse(202));

    public async Task DisposeAsync()
    {
        await _pagerServer.DisposeAsync();
        _certificate.Dispose();
    }

    [Fact]
    public async Task A_test_only_channel_plugged_in_by_registration_works_through_the_http_api()
    {
        var queueName = "plugin-" + Guid.NewGuid().ToString("N")[..12];
        var api = new ApiHarness(azurite, new Dictionary<string, string?>
        {
            ["DELIVERY_QUEUE_NAME"] = queueName, ["ADMIN_EMAIL"] = "", ["TEAMS_WEBHOOK_URL"] = "",
        }, (services, _) =>
        {
            // The one registration line of the plug-in.
            services.AddChannel<PagerChannel, PagerSettings>(PagerChannel.Type, PagerChannel.DisplayName);
            // The channels' client, still behind the egress guard, trusts the pager server's self-signed certificate and no other.
            services.AddHttpClient(HttpDelivery.ClientName).ConfigurePrimaryHttpMessageHandler(sp =>
            {
                var handler = sp.GetRequiredService<EgressGuard>().CreateHandler();
                handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate?.GetCertHashString() == _certificate.GetCertHashString();
                return handler;
            });
        });
        var pagerUrl = _pagerServer.Url(PagesPath).AbsoluteUri;
        var org = ApiHarness.NewOrganization();
        var integrations = api.Function<IntegrationsApi>();

        // Its form, from its declarations alone: the channel list names it last, with its fields.
        var channels = await ApiHarness.SendAsync(api.Request(), r => Task.FromResult(api.Function<ChannelsApi>().List(r)));
        var described = channels.Json.GetProperty("items").EnumerateArray().Last();
        Assert.Equal(("pager", "Pager"), (described.GetProperty("type").GetString(), described.GetProperty("displayName").GetString()));
        Assert.Equal(
            ["pagerUrl url required", "pagerRoutingKey secret required", "pagerPriority text optional"],
            described.GetProperty("fields").EnumerateArray().Select(f =>
                $"{f.GetProperty("name").GetString()} {f.GetProperty("kind").GetString()} {(f.GetProperty("required").GetBoolean() ? "required" : "optional")}"));

        var invalid = await ApiHarness.SendAsync(api.Request(new { type = "pager", name = "On call", pagerUrl, pagerPriority = "urgent" }), r => integrations.Create(r, org, CancellationToken.None));
        Assert.Equal(["pagerPriority", "pagerRoutingKey"], invalid.ProblemFields().Order());

        var created = await ApiHarness.SendAsync(
            api.Request(new { type = "PAGER", name = "On call", pagerUrl, pagerRoutingKey = RoutingKey, pagerPriority = "high" }),
            r => integrations.Create(r, org, CancellationToken.None));
        Assert.Equal(201, created.Status);
        var id = created.Json.GetProperty("id").GetString()!;
        Assert.Equal("pager", created.Json.GetProperty("type").GetString());

        var read = await ApiHarness.SendAsync(api.Request(), r => integrations.Get(r, org, id, CancellationToken.None));
        Assert.Equal(200, read.Status);
        Assert.True(read.Json.GetProperty("pagerRoutingKey").GetProperty("set").GetBoolean());
        Assert.Equal("••••ZXCV", read.Json.GetProperty("pagerRoutingKey").GetProperty("hint").GetString());
        Assert.Equal("high", read.Json.GetProperty("pagerPriority").GetString());
        Assert.All(new[] { invalid, created, read }, response => Assert.DoesNotContain("routing-key-0123456789", response.Body));

        var tested = await ApiHarness.SendAsync(api.Request(), r => api.Function<IntegrationTestApi>().Run(r, org, id, CancellationToken.None));
        Assert.Equal(200, tested.Status);
        Assert.True(tested.Json.GetProperty("success").GetBoolean(), tested.Body);
        Assert.Equal("paged", tested.Json.GetProperty("detail").GetString());
        var testPage = Assert.Single(_pagerServer.RequestsTo("POST", PagesPath));
        Assert.Equal((RoutingKey, "high"), (testPage.Header(PagerChannel.RoutingKeyHeader), testPage.Json["priority"]!.GetValue<string>()));
        Assert.True(testPage.Json["test"]!.GetValue<bool>());

        var incident = await ApiHarness.SendAsync(
            api.Request(new { type = "unauthorized_access", severity = "high", affectedResourceName = "prod-db", detectedAt = ApiHarness.Start, changeDetails = "read" }),
            r => api.Function<Incidents>().Create(r, org, CancellationToken.None));
        Assert.Equal(202, incident.Status);
        Assert.Equal(1, incident.Json.GetProperty("deliveriesQueued").GetInt32());
        var deliveries = new Deliveries(api.Services.GetRequiredService<DeliveryProcessor>(), NullLogger<Deliveries>.Instance);
        foreach (var message in (await azurite.CreateQueueClient(queueName).ReceiveMessagesAsync(32)).Value)
        {
            await deliveries.Send(message.MessageText, CancellationToken.None);
        }

        var pages = _pagerServer.RequestsTo("POST", PagesPath);
        Assert.Equal(2, pages.Count);
        Assert.Equal(RoutingKey, pages[1].Header(PagerChannel.RoutingKeyHeader));
        Assert.False(pages[1].Json["test"]!.GetValue<bool>());
        Assert.Contains("prod-db", pages[1].Json["summary"]!.GetValue<string>());
        var record = Assert.Single(await api.Services.GetRequiredService<DeliveryLedger>().QueryAsync(org, new DeliveryQuery(), CancellationToken.None).ToListAsync());
        Assert.Equal((DeliveryStatus.Delivered, "Pager"), (record.Status, record.Channel));
        Assert.Empty(await StorageScan.FindAsync(azurite.ConnectionString, [RoutingKey]));
    }
}
