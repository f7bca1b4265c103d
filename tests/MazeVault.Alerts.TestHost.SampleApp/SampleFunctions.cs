using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace MazeVault.Alerts.TestHost.SampleApp;

public sealed class SampleFunctions(ILogger<SampleFunctions> logger)
{
    private static readonly TimeSpan GatePoll = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan GateLimit = TimeSpan.FromMinutes(2);

    /// <summary>Relays each message to the output queue; a message starting with "fail" throws, so it is retried and poisoned.</summary>
    [Function(nameof(Relay))]
    [QueueOutput("%SAMPLE_OUTPUT_QUEUE%")]
    public string Relay([QueueTrigger("%SAMPLE_INPUT_QUEUE%")] string text, int dequeueCount, string id)
    {
        logger.LogInformation("[Sample] Relay {Text} dequeue={DequeueCount} id={Id}", text, dequeueCount, id);
        if (text.StartsWith("fail", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Relay refused {text}");
        }

        return $"relayed:{text}:{dequeueCount}";
    }

    /// <summary>
    /// Runs until a test releases it by creating the file named like the message in <c>SAMPLE_GATE_DIR</c> (the test
    /// process cannot reach into this one otherwise), so a test can see how many messages the host runs at once.
    /// </summary>
    [Function(nameof(Hold))]
    public async Task Hold([QueueTrigger("%SAMPLE_HOLD_QUEUE%")] string name, CancellationToken ct)
    {
        logger.LogInformation("[Sample] Hold {Name} started", name);
        var gate = Path.Combine(Environment.GetEnvironmentVariable("SAMPLE_GATE_DIR") ?? throw new InvalidOperationException("SAMPLE_GATE_DIR is not set."), name);
        var held = System.Diagnostics.Stopwatch.StartNew();
        while (!File.Exists(gate))
        {
            if (held.Elapsed > GateLimit)
            {
                throw new TimeoutException($"Hold {name} was never released.");
            }

            await Task.Delay(GatePoll, ct);
        }

        logger.LogInformation("[Sample] Hold {Name} released", name);
    }

    [Function(nameof(Tick))]
    public void Tick([TimerTrigger("%SAMPLE_SCHEDULE%")] TimerInfo timer) =>
        logger.LogInformation("[Sample] Tick pastDue={IsPastDue} next={Next:O}", timer.IsPastDue, timer.ScheduleStatus?.Next);

    [Function(nameof(Echo))]
    public IActionResult Echo([HttpTrigger(AuthorizationLevel.Function, "get", "post", Route = "echo/{name}/{id:int}")] HttpRequest request, string name, int id) =>
        new OkObjectResult(new { name, id, query = request.Query["q"].ToString() });

    [Function(nameof(Throw))]
    public IActionResult Throw([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "throw")] HttpRequest request) =>
        throw new InvalidOperationException("Throw always throws.");
}
