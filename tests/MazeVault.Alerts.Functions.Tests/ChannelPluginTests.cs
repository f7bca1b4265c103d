using System.Collections.Concurrent;
using MazeVault.Alerts.Core.Channels;
using MazeVault.Alerts.Core.Delivery;
using MazeVault.Alerts.Core.Integrations;
using MazeVault.Alerts.Core.Secrets;
using MazeVault.Alerts.Core.Validation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace MazeVault.Alerts.Functions.Tests;

/// <summary>
/// A channel that exists only in this test, plugged in with the same one registration line as the built-in ones, and
/// driven through the HTTP functions: create, masked read, validation, the Test action and delivery of an incident.
/// Nothing outside this file knows it.
/// </summary>
public sealed class ChannelPluginTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const string RoutingKey = "pager-routing-key-0123456789-ZXCV";

    /// <summary>The plug-in's settings: a secret routing key and a plain priority.</summary>
    public sealed record PagerSettings : ChannelSettings
    {
        [ChannelField("Routing key", Required = true)]
        public Secret? PagerRoutingKey { get; init; }

        [ChannelField("Priority", Help = "low or high")]
        public string? PagerPriority { get; init; }

        public override Task<ChannelSettings> ValidateAsync(ChannelSettings? stored, FieldErrors errors, CancellationToken ct)
        {
            var previous = stored as PagerSettings;
            var priority = errors.Optional("pagerPriority", PagerPriority, 10) ?? previous?.PagerPriority ?? "low";
            if (priority is not ("low" or "high"))
            {
                errors.Add("pagerPriority", "must be low or high.");
            }

            return Task.FromResult<ChannelSettings>(new PagerSettings
            {
                PagerRoutingKey = errors.Secret("pagerRoutingKey", PagerRoutingKey, previous?.PagerRoutingKey, required: true),
                PagerPriority = priority,
            });
        }
    }

    /// <summary>The plug-in's sender: records what it would page, with the routing key it opened.</summary>
    public sealed class PagerChannel : INotificationChannel
    {
        public ConcurrentQueue<(string RoutingKey, string Priority, Notification Notification)> Pages { get; } = new();

        public async Task<DeliveryOutcome> SendAsync(Notification notification, Integration target, CancellationToken ct)
        {
            var settings = (PagerSettings)target.Settings;
            Pages.Enqueue((await settings.PagerRoutingKey!.RevealAsync(ct), settings.PagerPriority!, notification));
            return new DeliveryOutcome.Delivered("paged");
        }
    }

    [Fact]
    public async Task A_test_only_channel_plugged_in_by_registration_works_through_the_http_api()
    {
        var queueName = "plugin-" + Guid.NewGuid().ToString("N")[..12];
        var api = new ApiHarness(azurite, new Dictionary<string, string?>
        {
            ["DELIVERY_QUEUE_NAME"] = queueName, ["ADMIN_EMAIL"] = "", ["TEAMS_WEBHOOK_URL"] = "",
        // The one registration line of the plug-in.
        }, (services, _) => services.AddChannel<PagerChannel, PagerSettings>("pager", "Pager"));
        var org = ApiHarness.NewOrganization();
        var integrations = api.Function<IntegrationsApi>();

        // Its form, from its declarations alone: the channel list names it last, with its fields.
        var channels = await ApiHarness.SendAsync(api.Request(), r => Task.FromResult(api.Function<ChannelsApi>().List(r)));
        var described = channels.Json.GetProperty("items").EnumerateArray().Last();
        Assert.Equal(("pager", "Pager"), (described.GetProperty("type").GetString(), described.GetProperty("displayName").GetString()));
        Assert.Equal(
            ["pagerRoutingKey secret required", "pagerPriority text optional"],
            described.GetProperty("fields").EnumerateArray().Select(f =>
                $"{f.GetProperty("name").GetString()} {f.GetProperty("kind").GetString()} {(f.GetProperty("required").GetBoolean() ? "required" : "optional")}"));

        var invalid = await ApiHarness.SendAsync(api.Request(new { type = "pager", name = "On call", pagerPriority = "urgent" }), r => integrations.Create(r, org, CancellationToken.None));
        Assert.Equal(["pagerPriority", "pagerRoutingKey"], invalid.ProblemFields().Order());

        var created = await ApiHarness.SendAsync(
            api.Request(new { type = "PAGER", name = "On call", pagerRoutingKey = RoutingKey, pagerPriority = "high" }),
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

        var pager = (PagerChannel)api.Services.GetRequiredKeyedService<INotificationChannel>("pager");
        var tested = await ApiHarness.SendAsync(api.Request(), r => api.Function<IntegrationTestApi>().Run(r, org, id, CancellationToken.None));
        Assert.Equal(200, tested.Status);
        Assert.True(tested.Json.GetProperty("success").GetBoolean(), tested.Body);
        Assert.Equal("paged", tested.Json.GetProperty("detail").GetString());
        var testPage = Assert.Single(pager.Pages);
        Assert.Equal((RoutingKey, "high"), (testPage.RoutingKey, testPage.Priority));
        Assert.True(testPage.Notification.IsTest);

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

        Assert.Equal(2, pager.Pages.Count);
        Assert.Contains("prod-db", pager.Pages.Last().Notification.Subject);
        var record = Assert.Single(await api.Services.GetRequiredService<DeliveryLedger>().QueryAsync(org, new DeliveryQuery(), CancellationToken.None).ToListAsync());
        Assert.Equal((DeliveryStatus.Delivered, "Pager"), (record.Status, record.Channel));
        Assert.Empty(await StorageScan.FindAsync(azurite.ConnectionString, [RoutingKey]));
    }
}
