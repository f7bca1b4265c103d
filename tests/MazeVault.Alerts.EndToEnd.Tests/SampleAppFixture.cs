namespace MazeVault.Alerts.EndToEnd.Tests;

/// <summary>The test host's own sample app: a queue trigger with a queue output, one that holds until released, a timer, and HTTP functions.</summary>
public class SampleAppFixture() : AppFixture("SampleAppDirectory")
{
    public const string InputQueue = "sample-input";
    public const string OutputQueue = "sample-output";
    public const string HoldQueue = "sample-hold";
    public const int RequestBodyLimit = 4096;

    /// <summary>Where the Hold function looks for the file that releases a message of the same name.</summary>
    public string GateDirectory { get; } = Directory.CreateTempSubdirectory("sample-gates-").FullName;

    public void Release(string name) => File.WriteAllText(Path.Combine(GateDirectory, name), "");

    protected override Dictionary<string, string> Settings() => new()
    {
        ["AzureWebJobsStorage"] = Azurite.ConnectionString,
        ["SAMPLE_INPUT_QUEUE"] = InputQueue,
        ["SAMPLE_OUTPUT_QUEUE"] = OutputQueue,
        ["SAMPLE_HOLD_QUEUE"] = HoldQueue,
        ["SAMPLE_GATE_DIR"] = GateDirectory,
        ["SAMPLE_SCHEDULE"] = "0 0 6 * * *",
        // host.json says 30 s; the real host's override form makes a failed message visible again at once.
        ["AzureFunctionsJobHost__extensions__queues__visibilityTimeout"] = "00:00:00",
        // The real host's 100 MB, lowered so a test can send more than the limit.
        ["FUNCTIONS_REQUEST_BODY_SIZE_LIMIT"] = RequestBodyLimit.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Directory.Delete(GateDirectory, recursive: true);
    }
}
