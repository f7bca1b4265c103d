using System.Diagnostics;
using Azure.Storage.Queues;

namespace MazeVault.Alerts.Bench;

/// <summary>
/// (6) End to end: incidents' deliveries handled by the compiled app (queue trigger through the test host, the real
/// webhook channel, the local vendor server), against a bare receive-and-delete loop over the same number of messages
/// on the same queue, with the host pump's concurrency. Two rounds, order alternating.
/// </summary>
internal static class EndToEndRun
{
    // host.json's extensions.queues.batchSize and newBatchThreshold, by which the host's pump receives and runs messages.
    private const int BatchSize = 16;
    private const int NewBatchThreshold = 8;
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(10);

    public static async Task MeasureAsync(AppUnderTest app, BenchSettings settings, Results results)
    {
        var queue = app.Azurite.CreateQueueClient(app.DeliveryQueue);
        // Round one handles what the intake (5) left queued; round two queues as many again.
        var queued = (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount;
        var incidents = queued / settings.IncidentTargets;
        if (queued != incidents * settings.IncidentTargets)
        {
            throw new InvalidOperationException($"End to end: {queued} messages queued, not a whole number of incidents of {settings.IncidentTargets} targets.");
        }

        TimeSpan appTime = TimeSpan.Zero, bareTime = TimeSpan.Zero;
        int appMessages = 0, bareMessages = 0;
        for (var round = 0; round < 2; round++)
        {
            var refill = round == 1;
            Func<Task> runApp = async () =>
            {
                if (refill)
                {
                    // Queued just before the app handles them, so that the bare loop before it ran on an empty queue.
                    await Parallel.ForEachAsync(Enumerable.Range(0, incidents), new ParallelOptions { MaxDegreeOfParallelism = settings.Concurrency },
                        async (i, _) => await IncidentIntakeRun.PostIncidentAsync(app, settings.IncidentTargets, 1_000_000 + i));
                }

                appTime += await HandleInAppAsync(app, queued);
                appMessages += queued;
            };
            Func<Task> runBare = async () =>
            {
                bareTime += await ReceiveAndDeleteAsync(queue, queued);
                bareMessages += queued;
            };
            foreach (var run in round == 0 ? new[] { runApp, runBare } : [runBare, runApp])
            {
                await run();
            }
        }

        var appRate = appMessages / appTime.TotalSeconds;
        var bareRate = bareMessages / bareTime.TotalSeconds;
        Console.WriteLine($"(6) End to end: {appMessages:N0} deliveries (webhooks to a local HTTPS server answering 200 at once) through the compiled app and the test host's queue pump, "
            + $"against a bare receive ({BatchSize} at a time, the next batch at {NewBatchThreshold} in flight, as the pump) and delete loop over as many messages on the same queue; 2 rounds, order alternating");
        Console.WriteLine("| Path | Messages | Seconds | Per second | Ratio to bare |");
        Console.WriteLine("| --- | --- | --- | --- | --- |");
        Console.WriteLine($"| Bare receive and delete | {bareMessages:N0} | {bareTime.TotalSeconds:F1} | {bareRate:F0} | 1.00 |");
        Console.WriteLine($"| Compiled app: queue trigger, delivery, vendor POST, delete | {appMessages:N0} | {appTime.TotalSeconds:F1} | {appRate:F0} | {appRate / bareRate:F2} |");
        results.Add("end_to_end_vs_bare", appRate / bareRate);
    }

    private static async Task<TimeSpan> HandleInAppAsync(AppUnderTest app, int queued)
    {
        var sentBefore = app.Vendor.Requests.Count;
        var pump = Stopwatch.StartNew();
        var pumped = await app.App.PumpQueuesUntilIdleAsync(TimeSpan.FromMinutes(30));
        pump.Stop();
        var delivered = app.Vendor.Requests.Count - sentBefore;
        if (pumped.Succeeded != queued || delivered != queued)
        {
            throw new InvalidOperationException($"End to end: {queued} queued, {pumped.Succeeded} handled ({pumped.Failed} failed, {pumped.Poisoned} poisoned), {delivered} reached the vendor server.");
        }

        return pump.Elapsed;
    }

    /// <summary>
    /// The loop the host's pump runs, minus the function: messages of about an envelope's size, received in batches,
    /// deleted concurrently, the next batch received once <see cref="NewBatchThreshold"/> or fewer deletes are in flight.
    /// </summary>
    private static async Task<TimeSpan> ReceiveAndDeleteAsync(QueueClient queue, int count)
    {
        var body = $$"""{"o":"{{IncidentIntakeRun.Organization}}","a":"inc-{{new string('0', 24)}}","d":"d-{{new string('0', 24)}}","t":"integration:webhook-0","n":1}""";
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (_, ct) => await queue.SendMessageAsync(body, ct));
        var loop = Stopwatch.StartNew();
        var received = 0;
        var deleting = new List<Task>();
        // Every message was sent before the loop, so an empty receive means all of them were received.
        while ((await queue.ReceiveMessagesAsync(BatchSize, Lease)).Value is { Length: > 0 } batch)
        {
            received += batch.Length;
            deleting.AddRange(batch.Select(message => (Task)queue.DeleteMessageAsync(message.MessageId, message.PopReceipt)));
            while (deleting.Count > NewBatchThreshold)
            {
                var deleted = await Task.WhenAny(deleting);
                deleting.Remove(deleted);
                await deleted;
            }
        }

        await Task.WhenAll(deleting);

        loop.Stop();
        if (received != count)
        {
            throw new InvalidOperationException($"End to end: the bare loop received {received} messages, not {count}.");
        }

        return loop.Elapsed;
    }
}
