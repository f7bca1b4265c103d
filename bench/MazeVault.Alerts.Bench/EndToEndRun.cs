using System.Diagnostics;
using Azure.Storage.Queues.Models;

namespace MazeVault.Alerts.Bench;

/// <summary>
/// (6) End to end: the deliveries the intake queued, handled by the compiled app (queue trigger through the test host,
/// the real channel, the local vendor server), against a bare receive-and-delete loop over the same number of messages
/// on the same queue, receiving in the host's batch size as the host's pump does.
/// </summary>
internal static class EndToEndRun
{
    // host.json's extensions.queues.batchSize, which the test host's pump receives by.
    private const int BatchSize = 16;
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(10);

    public static async Task MeasureAsync(AppUnderTest app, Results results)
    {
        var queue = app.Azurite.CreateQueueClient(app.DeliveryQueue);
        var queued = (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount;
        var sentBefore = app.Vendor.Requests.Count;

        var pump = Stopwatch.StartNew();
        var pumped = await app.App.PumpQueuesUntilIdleAsync(TimeSpan.FromMinutes(30));
        pump.Stop();
        var delivered = app.Vendor.Requests.Count - sentBefore;
        if (pumped.Succeeded != queued || delivered != queued)
        {
            throw new InvalidOperationException($"End to end: {queued} queued, {pumped.Succeeded} handled ({pumped.Failed} failed, {pumped.Poisoned} poisoned), {delivered} reached the vendor server.");
        }

        // The same number of messages of about an envelope's size on the same queue, then the loop the host's pump runs minus the function.
        var body = $$"""{"o":"{{IncidentIntakeRun.Organization}}","a":"inc-{{new string('0', 24)}}","d":"d-{{new string('0', 24)}}","t":"integration:webhook-0","n":1}""";
        await Parallel.ForEachAsync(Enumerable.Range(0, queued), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (_, ct) => await queue.SendMessageAsync(body, ct));
        var bare = Stopwatch.StartNew();
        var received = 0;
        while ((await queue.ReceiveMessagesAsync(BatchSize, Lease)).Value is { Length: > 0 } batch)
        {
            foreach (QueueMessage message in batch)
            {
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
                received++;
            }
        }

        bare.Stop();
        var appRate = queued / pump.Elapsed.TotalSeconds;
        var bareRate = received / bare.Elapsed.TotalSeconds;
        Console.WriteLine($"(6) End to end: {queued:N0} deliveries (webhooks to a local HTTPS server answering 200 at once) through the compiled app and the test host's queue pump, "
            + $"against a bare receive ({BatchSize} at a time) and delete loop over {received:N0} messages on the same queue");
        Console.WriteLine("| Path | Messages | Seconds | Per second | Ratio to bare |");
        Console.WriteLine("| --- | --- | --- | --- | --- |");
        Console.WriteLine($"| Bare receive and delete | {received:N0} | {bare.Elapsed.TotalSeconds:F1} | {bareRate:F0} | 1.00 |");
        Console.WriteLine($"| Compiled app: queue trigger, delivery, vendor POST, delete | {queued:N0} | {pump.Elapsed.TotalSeconds:F1} | {appRate:F0} | {appRate / bareRate:F2} |");
        results.Add("end_to_end_vs_bare", appRate / bareRate);
    }
}
