using System.Text;
using System.Text.Json;
using MazeVault.Alerts.Core.Channels;
using MazeVault.Alerts.Core.Channels.Jira;
using MazeVault.Alerts.Core.Channels.Slack;
using MazeVault.Alerts.Core.Delivery;
using MazeVault.Alerts.Core.Integrations;
using MazeVault.Alerts.Core.Rules;
using MazeVault.Alerts.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace MazeVault.Alerts.Functions.Tests;

/// <summary>
/// The engine's HTTP and queue functions over the real composition root and stores on Azurite. The channels answer as
/// programmed, so these tests exercise the adapters and the engine; vendor protocols are tested against local servers elsewhere.
/// </summary>
public sealed class EngineFunctionsTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IDisposable
{
    private readonly string _org = "org-" + Guid.NewGuid().ToString("N")[..10];
    private ServiceProvider? _services;

    private sealed class ProgrammedChannel(Func<DeliveryOutcome> answer) : INotificationChannel
    {
        public Task<DeliveryOutcome> SendAsync(Notification notification, Integration target, CancellationToken ct) => Task.FromResult(answer());
    }

    private async Task<ServiceProvider> ServicesAsync(Dictionary<string, string?>? overrides = null)
    {
        var services = Services(overrides);
        var store = services.GetRequiredService<IIntegrationStore>();
        await store.CreateAsync(new Integration { Id = "jira1", OrganizationId = _org, Type = JiraChannel.Type, Name = "Jira", Settings = new JiraSettings() }, CancellationToken.None);
        await store.CreateAsync(new Integration { Id = "slack1", OrganizationId = _org, Type = SlackChannel.Type, Name = "Slack", Settings = new SlackSettings() }, CancellationToken.None);
        return services;
    }

    private ServiceProvider Services(Dictionary<string, string?>? overrides = null) => _services = TestServices.On(azurite)
        .With("DELIVERY_MAX_ATTEMPTS", "8")
        .With("ADMIN_EMAIL", "")
        .With("TEAMS_WEBHOOK_URL", "")
        .With(overrides)
        .WithHttpResults()
        .After(services =>
        {
            // The last keyed registration of a type is the channel the catalog resolves.
            services.AddKeyedSingleton<INotificationChannel>(JiraChannel.Type, new ProgrammedChannel(() => new DeliveryOutcome.Permanent("jira api error: 401")));
            services.AddKeyedSingleton<INotificationChannel>(SlackChannel.Type, new ProgrammedChannel(() => new DeliveryOutcome.Delivered()));
        })
        .Build();

    private static HttpRequest Post(string json) => new DefaultHttpContext { Request = { Method = "POST", Body = new MemoryStream(Encoding.UTF8.GetBytes(json)) } }.Request;

    private static HttpRequest Get(Dictionary<string, StringValues> query) => new DefaultHttpContext { Request = { Method = "GET", Query = new QueryCollection(query) } }.Request;

    private static JsonElement Body(IActionResult result) =>
        JsonSerializer.SerializeToElement(result switch { ObjectResult o => o.Value, JsonResult j => j.Value, _ => throw new InvalidCastException(result.GetType().Name) },
            new JsonSerializerOptions(JsonSerializerDefaults.Web));

    private const string ValidIncident =
        """{"type":"unauthorized_access","severity":"high","affectedResourceName":"prod-db","detectedAt":"2026-03-16T05:30:00Z","changeDetails":"read from unknown IP"}""";

    [Fact]
    public async Task Posting_an_incident_answers_202_with_its_id_and_the_deliveries_queued()
    {
        var services = await ServicesAsync();
        var function = new Incidents(services.GetRequiredService<IncidentService>());

        var result = await function.Create(Post(ValidIncident), _org, CancellationToken.None);

        Assert.Equal(202, ((ObjectResult)result).StatusCode);
        var body = Body(result);
        Assert.StartsWith("inc-", body.GetProperty("incidentId").GetString());
        Assert.Equal(2, body.GetProperty("deliveriesQueued").GetInt32());
    }

    [Theory]
    [InlineData("""{"type":"x","affectedResourceName":"db","detectedAt":"2026-03-16T05:30:00Z"}""", "severity")]
    [InlineData("""{"type":"x","severity":"high","affectedResourceName":"db","detectedAt":"yesterday"}""", "detectedAt")]
    [InlineData("""{"severity":"high","affectedResourceName":"db","detectedAt":"2026-03-16T05:30:00Z"}""", "type")]
    [InlineData("""{"type":"x","severity":"high","detectedAt":"2026-03-16T05:30:00Z"}""", "affectedResourceName")]
    [InlineData("", "body")]
    // Real Table Storage refuses dates before 1601 (Azurite does not), so this would be a 500 after validation.
    [InlineData("""{"type":"x","severity":"high","affectedResourceName":"db","detectedAt":"0001-01-01T00:00:00Z"}""", "detectedAt")]
    public async Task Posting_a_bad_incident_answers_400_problem_naming_the_field_and_queues_nothing(string json, string field)
    {
        var services = await ServicesAsync();
        var function = new Incidents(services.GetRequiredService<IncidentService>());

        var result = (ObjectResult)await function.Create(Post(json), _org, CancellationToken.None);

        Assert.Equal(400, result.StatusCode);
        Assert.Contains(ProblemResults.ContentType, result.ContentTypes);
        Assert.True(Assert.IsType<ValidationProblemDetails>(result.Value).Errors.ContainsKey(field));
        Assert.Empty(await services.GetRequiredService<DeliveryLedger>().QueryAsync(_org, new DeliveryQuery(), CancellationToken.None).ToListAsync());
    }

    [Fact]
    public async Task Delivery_history_shows_each_outcome_by_incident_and_status()
    {
        var services = await ServicesAsync();
        var accepted = Body(await new Incidents(services.GetRequiredService<IncidentService>()).Create(Post(ValidIncident), _org, CancellationToken.None));
        var incidentId = accepted.GetProperty("incidentId").GetString()!;
        var history = new DeliveryHistory(services.GetRequiredService<DeliveryLedger>());

        var queued = Body(await history.List(Get(new() { ["incidentId"] = incidentId }), _org, CancellationToken.None));
        Assert.All(queued.GetProperty("items").EnumerateArray(), i => Assert.Equal("queued", i.GetProperty("status").GetString()));

        // What the queue trigger does with each message.
        var deliveries = new Deliveries(services.GetRequiredService<DeliveryProcessor>(), NullLogger<Deliveries>.Instance);
        var queue = azurite.CreateQueueClient(services.GetRequiredService<IOptions<DeliveryOptions>>().Value.QueueName);
        foreach (var message in (await queue.ReceiveMessagesAsync(32)).Value)
        {
            await deliveries.Send(message.MessageText, CancellationToken.None);
        }

        var all = Body(await history.List(Get(new() { ["incidentId"] = incidentId }), _org, CancellationToken.None)).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(2, all.Count);
        var failed = Assert.Single(Body(await history.List(Get(new() { ["incidentId"] = incidentId, ["status"] = "failed" }), _org, CancellationToken.None))
            .GetProperty("items").EnumerateArray());
        Assert.Equal("JIRA", failed.GetProperty("channel").GetString());
        Assert.Equal("jira api error: 401", failed.GetProperty("lastError").GetString());
        var delivered = Assert.Single(Body(await history.List(Get(new() { ["alertId"] = incidentId, ["status"] = "Delivered" }), _org, CancellationToken.None))
            .GetProperty("items").EnumerateArray());
        Assert.Equal("integration:slack1", delivered.GetProperty("target").GetString());
        Assert.False(delivered.TryGetProperty("attempts", out _));

        Task<ApiResponse> GetOneAsync(string organization, string deliveryId)
        {
            var context = new DefaultHttpContext { RequestServices = services };
            context.Response.Body = new MemoryStream();
            return ApiHarness.SendAsync(context.Request, r => history.Get(r, organization, deliveryId, CancellationToken.None));
        }

        var one = await GetOneAsync(_org, failed.GetProperty("deliveryId").GetString()!);
        Assert.Equal(200, one.Status);
        var attempt = Assert.Single(one.Json.GetProperty("attempts").EnumerateArray());
        Assert.Equal("permanent", attempt.GetProperty("outcome").GetString());
        Assert.Equal("jira api error: 401", attempt.GetProperty("reason").GetString());
        Assert.Equal(1, attempt.GetProperty("number").GetInt32());
        (await GetOneAsync(_org, "d-unknown")).AssertProblem(404);
        (await GetOneAsync(_org, "a/b")).AssertProblem(404);
        Assert.Equal(["organizationId"], (await GetOneAsync("a/b", "d-unknown")).ProblemFields());
    }

    [Theory]
    [InlineData("sent")]
    [InlineData("2")]
    // Enum.TryParse reads a comma list as flags: sending|delivered is Retrying.
    [InlineData("sending,delivered")]
    public async Task Delivery_history_with_an_unknown_status_answers_400_naming_status(string status)
    {
        var history = new DeliveryHistory(Services().GetRequiredService<DeliveryLedger>());

        var result = (ObjectResult)await history.List(Get(new() { ["status"] = status }), _org, CancellationToken.None);

        Assert.Equal(400, result.StatusCode);
        Assert.True(Assert.IsType<ValidationProblemDetails>(result.Value).Errors.ContainsKey("status"));
    }

    [Theory]
    [InlineData("status", "sending", "delivered")]
    [InlineData("alertId", "a", "b")]
    public async Task Delivery_history_with_a_repeated_query_parameter_answers_400_naming_it(string name, string first, string second)
    {
        var history = new DeliveryHistory(Services().GetRequiredService<DeliveryLedger>());

        var result = (ObjectResult)await history.List(Get(new() { [name] = new StringValues([first, second]) }), _org, CancellationToken.None);

        Assert.Equal(400, result.StatusCode);
        Assert.Equal([name], Assert.IsType<ValidationProblemDetails>(result.Value).Errors.Keys);
    }

    [Fact]
    public async Task Reporting_an_execution_of_an_unknown_rotation_config_answers_404_and_a_bad_status_400()
    {
        var function = new RotationExecutions(Services().GetRequiredService<RotationExecutionService>());

        var missing = (ObjectResult)await function.Report(Post("""{"status":"failed","error":"boom"}"""), _org, "nope", CancellationToken.None);
        var bad = (ObjectResult)await function.Report(Post("""{"status":"exploded"}"""), _org, "nope", CancellationToken.None);

        Assert.Equal(404, missing.StatusCode);
        Assert.Equal(400, bad.StatusCode);
        Assert.True(Assert.IsType<ValidationProblemDetails>(bad.Value).Errors.ContainsKey("status"));
    }

    [Fact]
    public async Task A_malformed_message_in_the_poison_queue_is_dropped_without_throwing()
    {
        var deliveries = new Deliveries(Services().GetRequiredService<DeliveryProcessor>(), NullLogger<Deliveries>.Instance);

        await deliveries.RecordPoison("not json", CancellationToken.None);
        await Assert.ThrowsAsync<FormatException>(() => deliveries.Send("{\"alertId\":\"a\"}", CancellationToken.None));
    }

    [Theory]
    [InlineData("DELIVERY_MAX_ATTEMPTS", "0")]
    [InlineData("DELIVERY_QUEUE_NAME", "Not_A_Queue")]
    [InlineData("ADMIN_EMAIL", "not-an-address")]
    [InlineData("TEAMS_WEBHOOK_URL", "teams.example.com/hook")]
    [InlineData("DELIVERY_LEASE_SECONDS", "9")]
    // Shorter than two vendor calls of CHANNEL_TIMEOUT_SECONDS (30 s by default).
    [InlineData("DELIVERY_LEASE_SECONDS", "59")]
    public void Invalid_delivery_settings_fail_options_validation(string key, string value)
    {
        var services = Services(new() { [key] = value });

        Assert.Throws<OptionsValidationException>(() =>
        {
            _ = services.GetRequiredService<IOptions<DeliveryOptions>>().Value;
            _ = services.GetRequiredService<IOptions<LegacyRecipientsOptions>>().Value;
        });
    }

    [Fact]
    public void The_delivery_lease_is_read_from_its_setting()
    {
        var options = Services(new() { ["DELIVERY_LEASE_SECONDS"] = "60" }).GetRequiredService<IOptions<DeliveryOptions>>().Value;

        Assert.Equal(TimeSpan.FromMinutes(1), options.Lease);
    }

    public void Dispose() => _services?.Dispose();
}
