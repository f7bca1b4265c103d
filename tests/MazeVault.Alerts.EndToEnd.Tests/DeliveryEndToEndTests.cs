using MazeVault.Alerts.TestHost;

namespace MazeVault.Alerts.EndToEnd.Tests;

/// <summary>The engine's queue and timer triggers through the compiled app: the real delivery queue and its poison queue, the daily check timer.</summary>
public sealed class DeliveryEndToEndTests(AlertsAppFixture fixture) : IClassFixture<AlertsAppFixture>
{
    private static readonly TimeSpan PumpTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Delivery_message_that_always_fails_is_poisoned_after_maxDequeueCount_and_handled_by_the_poison_trigger()
    {
        // host.json maxDequeueCount is 5; an unreadable envelope makes SendDelivery throw every time.
        var queue = fixture.Azurite.CreateQueueClient("alert-deliveries");
        await queue.CreateIfNotExistsAsync();
        await queue.SendMessageAsync("not a delivery envelope");

        var pumped = await fixture.App.PumpQueuesUntilIdleAsync(PumpTimeout);

        Assert.Equal(new QueuePumpResult(Succeeded: 1, Failed: 4, Poisoned: 1), pumped);
        // Five runs failed: four made the message visible again, the fifth moved it to the poison queue.
        Assert.Equal(5, fixture.App.Invocations.Count(i => i.FunctionName == "SendDelivery" && !i.Succeeded));
        Assert.Contains(fixture.App.Invocations, i => i.FunctionName == "RecordPoisonDelivery" && i.Succeeded);
        await fixture.App.Logs.WaitForAsync(l => l.Message.StartsWith("A malformed delivery message (23 characters) reached the poison queue", StringComparison.Ordinal), TimeSpan.FromSeconds(5));
        var poison = fixture.Azurite.CreateQueueClient(FunctionsAppHost.PoisonQueueName("alert-deliveries"));
        Assert.Equal(0, (await poison.GetPropertiesAsync()).Value.ApproximateMessagesCount);
    }

    [Fact]
    public async Task Daily_check_fired_as_a_timer_runs_and_logs_with_the_NotificationScheduler_prefix()
    {
        var result = await fixture.App.InvokeTimerAsync("DailyCheck");

        Assert.True(result.Succeeded, result.Error);
        await fixture.App.Logs.WaitForAsync(
            l => l.InvocationId == result.InvocationId && l.Message.StartsWith("[NotificationScheduler] Daily check done:", StringComparison.Ordinal),
            TimeSpan.FromSeconds(5));
    }
}
