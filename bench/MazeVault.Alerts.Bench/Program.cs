using MazeVault.Alerts.Bench;
using MazeVault.Alerts.TestSupport;

// Prints the engine's figures against a private Azurite: see docs/benchmarks.md. Sizes are parameters so a run stays bounded.
var settings = BenchSettings.Parse(args);
Console.WriteLine($"MazeVault Alerts benchmark: {settings}");
Console.WriteLine($".NET {Environment.Version}, {Environment.ProcessorCount} cores, Azurite (in-memory) from node_modules, started {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC, load average {LoadAverage()}");

// Up to 2,000,000 rows and the queues live in Azurite's in-memory store: give node room so it does not stall in GC.
Environment.SetEnvironmentVariable("NODE_OPTIONS", "--max-old-space-size=8192");
var results = new Results();
var azurite = new AzuriteFixture();
await azurite.InitializeAsync();
try
{
    if (settings.PacingOnly)
    {
        await PacingRun.MeasureAsync(azurite, settings);
        return;
    }

    if (settings.RetentionOnly)
    {
        await RetentionRun.MeasureAsync(settings, results);
        return;
    }

    if (settings.TransactionsOnly)
    {
        await using var transactionServices = BenchServices.Build(azurite.ConnectionString);
        await FanOut.MeasureTransactionsAsync(transactionServices, settings, results);
        return;
    }

    if (settings.FanOutOnly)
    {
        await FanOut.MeasureEnqueueAsync(settings, results);
        return;
    }

    if (!settings.DailyCheckOnly)
    {
        // (5) and (6) through the compiled app, on an Azurite of their own that does not hold the large inventory.
        await using (var app = await AppUnderTest.StartAsync())
        {
            await IncidentIntakeRun.MeasureAsync(app, settings, results);
            Console.WriteLine();
            if (!settings.IntakeOnly)
            {
                await EndToEndRun.MeasureAsync(app, settings, results);
                Console.WriteLine();
            }
        }

        if (settings.AppOnly || settings.IntakeOnly)
        {
            return;
        }
    }

    // (1) Daily check vs a bare scan, at the small, full and large sizes, on an Azurite of its own: the 2,000,000 rows
    // of the large size are gone before the timed queue figures below.
    var scanAzurite = new AzuriteFixture();
    await scanAzurite.InitializeAsync();
    try
    {
        await DailyCheckRun.MeasureAsync(scanAzurite, settings, results);
    }
    finally
    {
        await scanAzurite.DisposeAsync();
    }

    Console.WriteLine();
    if (settings.DailyCheckOnly)
    {
        return;
    }

    await using var services = BenchServices.Build(azurite.ConnectionString);
    // (3) Storage transactions per delivery, counted from the Azure SDK's own request events.
    await FanOut.MeasureTransactionsAsync(services, settings, results);

    // (4) Pacing: one paced Slack webhook that enforces its rate, several instances.
    Console.WriteLine();
    await PacingRun.MeasureAsync(azurite, settings);

    Console.WriteLine();
    await FanOut.MeasureEnqueueAsync(settings, results);

    // (7) Retention, each side on an Azurite of its own.
    Console.WriteLine();
    await RetentionRun.MeasureAsync(settings, results);
}
finally
{
    await azurite.DisposeAsync();
    Console.WriteLine($"Finished {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC, load average {LoadAverage()}");
    results.Print();
}

// The machine's load is part of every figure: print it beside them.
static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
