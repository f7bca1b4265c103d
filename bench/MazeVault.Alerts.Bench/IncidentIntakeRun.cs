using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Data.Tables;
using MazeVault.Alerts.TestSupport.Vendors;

namespace MazeVault.Alerts.Bench;

/// <summary>
/// (5) <c>POST incidents</c> through the compiled app and the test host, at a given concurrency, against the bare
/// storage writes an intake must do (one table write, then one enqueue per target in order) at the same concurrency.
/// </summary>
internal static class IncidentIntakeRun
{
    public const string Organization = "bench-intake";

    public static async Task MeasureAsync(AppUnderTest app, BenchSettings settings, Results results)
    {
        await CreateTargetsAsync(app, settings.IncidentTargets);
        var table = app.Azurite.CreateTableServiceClient().GetTableClient("BenchIntake");
        await table.CreateIfNotExistsAsync();
        var queue = app.Azurite.CreateQueueClient("bench-intake");
        await queue.CreateIfNotExistsAsync();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = settings.Concurrency };

        // Warm both paths (connections, the worker's JIT, table and queue creation) before timing.
        var sequence = 0;
        await RunAsync(settings.Concurrency, parallel, _ => PostIncidentAsync(app, settings.IncidentTargets, Interlocked.Increment(ref sequence)));
        await RunAsync(settings.Concurrency, parallel, i => BareWritesAsync(table, queue, settings.IncidentTargets, -1 - i));

        var intake = new List<TimeSpan>();
        var bare = new List<TimeSpan>();
        const int rounds = 2;
        TimeSpan intakeWall = TimeSpan.Zero, bareWall = TimeSpan.Zero;
        for (var round = 0; round < rounds; round++)
        {
            var count = settings.Incidents / rounds;
            Func<Task> runIntake = async () =>
            {
                var started = Stopwatch.StartNew();
                intake.AddRange(await RunAsync(count, parallel, _ => PostIncidentAsync(app, settings.IncidentTargets, Interlocked.Increment(ref sequence))));
                intakeWall += started.Elapsed;
            };
            Func<Task> runBare = async () =>
            {
                var started = Stopwatch.StartNew();
                bare.AddRange(await RunAsync(count, parallel, i => BareWritesAsync(table, queue, settings.IncidentTargets, round * count + i)));
                bareWall += started.Elapsed;
            };
            foreach (var run in round % 2 == 0 ? new[] { runBare, runIntake } : [runIntake, runBare])
            {
                await run();
            }
        }

        var ratio = Percentile(intake, 0.95) / Percentile(bare, 0.95);
        Console.WriteLine($"(5) Incident intake: {intake.Count} POST incidents with {settings.IncidentTargets} targets each at concurrency {settings.Concurrency}, through the compiled app and the test host, "
            + $"against the bare writes (one table row, then {settings.IncidentTargets} enqueues in order) at the same concurrency; {rounds} rounds, order alternating");
        Console.WriteLine("| Path | p50 | p95 | p99 | Requests/s | p95 / bare p95 (target <= 2) |");
        Console.WriteLine("| --- | --- | --- | --- | --- | --- |");
        Console.WriteLine($"| Bare: table write + {settings.IncidentTargets} enqueues | {Ms(Percentile(bare, 0.5))} | {Ms(Percentile(bare, 0.95))} | {Ms(Percentile(bare, 0.99))} | {bare.Count / bareWall.TotalSeconds:F0} | 1.00 |");
        Console.WriteLine($"| POST incidents (202) | {Ms(Percentile(intake, 0.5))} | {Ms(Percentile(intake, 0.95))} | {Ms(Percentile(intake, 0.99))} | {intake.Count / intakeWall.TotalSeconds:F0} | {ratio:F2} |");
        results.Add("incident_p95_vs_baseline", ratio);
    }

    /// <summary>The organization's targets: webhook integrations on the local vendor server, which answers 200 at once.</summary>
    private static async Task CreateTargetsAsync(AppUnderTest app, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var path = $"/hooks/{Organization}/{i}";
            app.Vendor.On("POST", path, FakeResponse.Text(200, ""));
            using var response = await app.Client.PostAsJsonAsync($"api/organizations/{Organization}/integrations",
                new { type = "webhook", name = $"Webhook {i}", webhookUrl = app.Vendor.Url(path).AbsoluteUri });
            await RequireAsync(app, response, HttpStatusCode.Created);
        }
    }

    /// <summary>One incident, different from every other (its id derives from its fields), so each is notified and none deduplicated.</summary>
    public static async Task PostIncidentAsync(AppUnderTest app, int targets, int sequence)
    {
        using var response = await app.Client.PostAsJsonAsync($"api/organizations/{Organization}/incidents", new
        {
            type = "unauthorized_access", severity = "high", affectedResourceName = $"prod-db-password-{sequence}",
            detectedAt = DateTimeOffset.UtcNow, changeDetails = "read from an unknown IP",
        });
        await RequireAsync(app, response, HttpStatusCode.Accepted);
        var queued = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("deliveriesQueued").GetInt32();
        if (queued != targets)
        {
            throw new InvalidOperationException($"An incident queued {queued} deliveries, not {targets}.");
        }
    }

    /// <summary>The floor of an intake: its one row (about an audit row's size), then one message per target in order.</summary>
    private static async Task BareWritesAsync(TableClient table, Azure.Storage.Queues.QueueClient queue, int targets, int sequence)
    {
        await table.AddEntityAsync(new TableEntity(Organization, $"incident-{sequence}")
        {
            ["EventType"] = "INCIDENT_DETECTED", ["OccurredAt"] = DateTimeOffset.UtcNow, ["SubjectId"] = $"inc-{sequence:x24}",
            ["IncidentType"] = "unauthorized_access", ["Severity"] = "high", ["AffectedResourceName"] = $"prod-db-password-{sequence}",
            ["ChangeDetails"] = "read from an unknown IP",
        });
        for (var target = 0; target < targets; target++)
        {
            await queue.SendMessageAsync($$"""{"o":"{{Organization}}","a":"inc-{{sequence:x24}}","d":"d-{{sequence:x20}}{{target:x4}}","t":"integration:webhook-{{target}}","n":1}""");
        }
    }

    private static async Task<List<TimeSpan>> RunAsync(int count, ParallelOptions parallel, Func<int, Task> request)
    {
        var latencies = new TimeSpan[count];
        await Parallel.ForEachAsync(Enumerable.Range(0, count), parallel, async (i, _) =>
        {
            var started = Stopwatch.StartNew();
            await request(i);
            latencies[i] = started.Elapsed;
        });
        return [.. latencies];
    }

    /// <summary>A wrong status fails the run with what the worker said (failed invocations, error lines).</summary>
    private static async Task RequireAsync(AppUnderTest app, HttpResponseMessage response, HttpStatusCode expected)
    {
        if (response.StatusCode != expected)
        {
            var failures = app.App.Invocations.Where(i => !i.Succeeded).TakeLast(3).Select(i => $"  {i.FunctionName}: {i.Error}");
            var errors = app.App.Logs.Lines.Where(l => l.Level is "Error" or "Critical" || l.Exception is not null).TakeLast(5).Select(l => "  " + l);
            throw new InvalidOperationException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}, not {(int)expected}: "
                + $"{await response.Content.ReadAsStringAsync()}\n{string.Join('\n', failures)}\n{string.Join('\n', errors)}");
        }
    }

    public static TimeSpan Percentile(IReadOnlyList<TimeSpan> values, double p) => values.Order().ElementAt(Math.Min(values.Count - 1, (int)Math.Ceiling(p * values.Count) - 1));

    private static string Ms(TimeSpan t) => $"{t.TotalMilliseconds:F0} ms";
}
