using System.Net;
using System.Text.Json;
using Azure.Storage.Queues;
using MazeVault.Alerts.TestHost;

namespace MazeVault.Alerts.EndToEnd.Tests;

/// <summary>
/// The test host's queue, timer, HTTP and failure semantics, proven on its sample app. Tests in a class run one at a
/// time, so each starts from empty queues.
/// </summary>
public sealed class SampleAppTests(SampleAppFixture fixture) : IClassFixture<SampleAppFixture>, IAsyncLifetime
{
    private static readonly TimeSpan PumpTimeout = TimeSpan.FromSeconds(30);
    private readonly QueueClient _input = fixture.Azurite.CreateQueueClient(SampleAppFixture.InputQueue);
    private readonly QueueClient _output = fixture.Azurite.CreateQueueClient(SampleAppFixture.OutputQueue);
    private readonly QueueClient _poison = fixture.Azurite.CreateQueueClient(FunctionsAppHost.PoisonQueueName(SampleAppFixture.InputQueue));
    private readonly QueueClient _hold = fixture.Azurite.CreateQueueClient(SampleAppFixture.HoldQueue);

    public async Task InitializeAsync()
    {
        foreach (var queue in new[] { _input, _output, _poison, _hold })
        {
            await queue.CreateIfNotExistsAsync();
            await queue.ClearMessagesAsync();
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static bool IsTick(TestHost.WorkerLogLine line) => line.Message.StartsWith("[Sample] Tick", StringComparison.Ordinal);

    private List<string> HoldsStarted() => fixture.App.Logs.Lines
        .Select(l => l.Message.Split(' '))
        .Where(words => words is ["[Sample]", "Hold", _, "started"])
        .Select(words => words[2])
        .ToList();

    [Fact]
    public void Trigger_queue_names_are_resolved_from_the_app_settings()
    {
        Assert.Equal([SampleAppFixture.HoldQueue, SampleAppFixture.InputQueue], fixture.App.TriggerQueues.Order());
    }

    [Fact]
    public async Task A_batch_of_batchSize_messages_runs_at_once_and_the_next_waits_until_newBatchThreshold_remain_in_flight()
    {
        // host.json: batchSize 16, newBatchThreshold 8, as the app's. Each Hold message runs until the test releases it.
        var names = Enumerable.Range(0, 17).Select(i => $"hold-{i:00}").ToList();
        foreach (var name in names)
        {
            await _hold.SendMessageAsync(name);
        }

        var pumping = fixture.App.PumpQueuesUntilIdleAsync(PumpTimeout);
        try
        {
            await Until.TrueAsync(() => HoldsStarted().Count == 16, PumpTimeout);
            // 16 run and the 17th is still visible in the queue: the host took one batch and no more while over the threshold.
            Assert.Single((await _hold.PeekMessagesAsync(32)).Value);
            Assert.Equal(16, HoldsStarted().Count);

            foreach (var name in HoldsStarted().Take(8))
            {
                fixture.Release(name);
            }

            await Until.TrueAsync(() => HoldsStarted().Count == 17, PumpTimeout);
        }
        finally
        {
            names.ForEach(fixture.Release);
        }

        Assert.Equal(new QueuePumpResult(17, 0, 0), await pumping);
    }

    [Fact]
    public async Task Body_over_the_request_size_limit_gets_413_and_one_at_the_limit_reaches_the_function()
    {
        using var atLimit = await fixture.Client.PostAsync("api/echo/alice/7", new ByteArrayContent(new byte[SampleAppFixture.RequestBodyLimit]));
        await HostAssert.StatusAsync(fixture.App, HttpStatusCode.OK, atLimit);

        using var over = await fixture.Client.PostAsync("api/echo/alice/7", new ByteArrayContent(new byte[SampleAppFixture.RequestBodyLimit + 1]));
        await HostAssert.StatusAsync(fixture.App, HttpStatusCode.RequestEntityTooLarge, over);
    }

    [Fact]
    public async Task Base64_message_reaches_the_function_with_its_metadata_and_its_output_is_written_and_the_message_deleted()
    {
        var sent = await _input.SendMessageAsync("hello");

        var result = await fixture.App.PumpQueuesUntilIdleAsync(PumpTimeout);

        Assert.Equal(new QueuePumpResult(1, 0, 0), result);
        var relayed = Assert.Single((await _output.ReceiveMessagesAsync(10)).Value);
        Assert.Equal("relayed:hello:1", relayed.MessageText);
        Assert.Equal(0, (await _input.GetPropertiesAsync()).Value.ApproximateMessagesCount);
        await fixture.App.Logs.WaitForAsync(l => l.Message == $"[Sample] Relay hello dequeue=1 id={sent.Value.MessageId}", TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Failing_message_is_retried_up_to_maxDequeueCount_then_moved_to_the_poison_queue()
    {
        await _input.SendMessageAsync("fail-once-more");

        var result = await fixture.App.PumpQueuesUntilIdleAsync(PumpTimeout);

        // host.json maxDequeueCount is 3: two failures made visible again, the third goes to poison.
        Assert.Equal(new QueuePumpResult(0, 2, 1), result);
        var poisoned = Assert.Single((await _poison.ReceiveMessagesAsync(10)).Value);
        Assert.Equal("fail-once-more", poisoned.MessageText);
        Assert.Empty((await _output.ReceiveMessagesAsync(10)).Value);
        var attempts = fixture.App.Logs.Lines.Where(l => l.Message.StartsWith("[Sample] Relay fail-once-more", StringComparison.Ordinal)).ToList();
        Assert.Equal(["dequeue=1", "dequeue=2", "dequeue=3"], attempts.Select(l => l.Message.Split(' ')[3]).ToList());
    }

    [Fact]
    public async Task Message_that_is_not_Base64_goes_to_the_poison_queue_without_running_the_function()
    {
        var raw = new QueueClient(fixture.Azurite.ConnectionString, SampleAppFixture.InputQueue);
        await raw.SendMessageAsync("not base64 !");

        var result = await fixture.App.PumpQueuesUntilIdleAsync(PumpTimeout);

        Assert.Equal(new QueuePumpResult(0, 0, 1), result);
        var poison = new QueueClient(fixture.Azurite.ConnectionString, FunctionsAppHost.PoisonQueueName(SampleAppFixture.InputQueue));
        Assert.Equal("not base64 !", Assert.Single((await poison.ReceiveMessagesAsync(10)).Value).MessageText);
        Assert.DoesNotContain(fixture.App.Logs.Lines, l => l.Message.Contains("not base64", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Pumping_until_idle_times_out_naming_the_queue_that_still_holds_a_message()
    {
        await _input.SendMessageAsync("later", visibilityTimeout: TimeSpan.FromMinutes(2));

        var error = await Assert.ThrowsAsync<TimeoutException>(() => fixture.App.PumpQueuesUntilIdleAsync(TimeSpan.FromSeconds(1)));

        Assert.Contains($"{SampleAppFixture.InputQueue}=1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Timer_fired_on_demand_runs_the_function_with_its_schedule_status()
    {
        var result = await fixture.App.InvokeTimerAsync("Tick");

        Assert.True(result.Succeeded, result.Error);
        var line = await fixture.App.Logs.WaitForAsync(l => l.InvocationId == result.InvocationId && l.Message.StartsWith("[Sample] Tick", StringComparison.Ordinal), TimeSpan.FromSeconds(5));
        Assert.StartsWith("[Sample] Tick pastDue=False next=20", line.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Timer_fired_through_the_admin_endpoint_answers_202_after_running()
    {
        var earlier = fixture.App.Logs.Lines.Where(IsTick).Select(l => l.InvocationId).ToHashSet();

        using var response = await fixture.Client.PostAsync("admin/functions/Tick", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));

        await HostAssert.StatusAsync(fixture.App, HttpStatusCode.Accepted, response);
        await fixture.App.Logs.WaitForAsync(l => IsTick(l) && !earlier.Contains(l.InvocationId), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Admin_endpoint_answers_404_for_an_unknown_function()
    {
        using var response = await fixture.Client.PostAsync("admin/functions/NoSuchFunction", null);

        await HostAssert.StatusAsync(fixture.App, HttpStatusCode.NotFound, response);
    }

    [Fact]
    public async Task Function_that_throws_gets_500()
    {
        using var response = await fixture.Client.PostAsync("api/throw", null);

        await HostAssert.StatusAsync(fixture.App, HttpStatusCode.InternalServerError, response);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Route_values_and_query_reach_the_function_and_route_constraints_apply()
    {
        using var response = await fixture.Client.GetAsync("api/echo/alice/7?q=x%20y");

        await HostAssert.StatusAsync(fixture.App, HttpStatusCode.OK, response);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("alice", body.GetProperty("name").GetString());
        Assert.Equal(7, body.GetProperty("id").GetInt32());
        Assert.Equal("x y", body.GetProperty("query").GetString());

        using var notAnInt = await fixture.Client.GetAsync("api/echo/alice/seven");
        await HostAssert.StatusAsync(fixture.App, HttpStatusCode.NotFound, notAnInt);
    }
}
