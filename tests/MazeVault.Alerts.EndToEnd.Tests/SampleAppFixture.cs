namespace MazeVault.Alerts.EndToEnd.Tests;

/// <summary>The test host's own sample app: a queue trigger with a queue output, a timer, and HTTP functions.</summary>
public sealed class SampleAppFixture() : AppFixture("SampleAppDirectory")
{
    public const string InputQueue = "sample-input";
    public const string OutputQueue = "sample-output";

    protected override Dictionary<string, string> Settings() => new()
    {
        ["AzureWebJobsStorage"] = Azurite.ConnectionString,
        ["SAMPLE_INPUT_QUEUE"] = InputQueue,
        ["SAMPLE_OUTPUT_QUEUE"] = OutputQueue,
        ["SAMPLE_SCHEDULE"] = "0 0 6 * * *",
        // host.json says 30 s; the real host's override form makes a failed message visible again at once.
        ["AzureFunctionsJobHost__extensions__queues__visibilityTimeout"] = "00:00:00",
    };
}
