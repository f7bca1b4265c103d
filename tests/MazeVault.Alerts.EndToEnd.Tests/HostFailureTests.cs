using System.Diagnostics;
using System.Text.Json.Nodes;
using MazeVault.Alerts.TestHost;

namespace MazeVault.Alerts.EndToEnd.Tests;

/// <summary>A test host that cannot start the app says which step failed, quickly, and leaves no process behind.</summary>
public sealed class HostFailureTests : IDisposable
{
    private readonly string _appDirectory = Directory.CreateTempSubdirectory("testhost-").FullName;

    [Fact]
    public async Task App_directory_without_worker_config_fails_at_locate_app()
    {
        var error = await Assert.ThrowsAsync<FunctionsHostException>(() => StartAsync(TimeSpan.FromSeconds(5)));

        Assert.Equal("locate app", error.Step);
        Assert.Contains("worker.config.json", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Worker_path_that_does_not_exist_fails_at_StartStream_with_the_process_output()
    {
        WriteWorkerConfig("dotnet", "Missing.App.dll");
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<FunctionsHostException>(() => StartAsync(TimeSpan.FromSeconds(30)));

        Assert.Equal("StartStream", error.Step);
        Assert.Contains("exited with code", error.Message, StringComparison.Ordinal);
        Assert.Contains("Missing.App.dll", error.Message, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"took {clock.Elapsed}: it should fail when the process exits, not at the timeout");
    }

    [Fact]
    public async Task Worker_that_never_connects_fails_at_StartStream_after_the_timeout_and_is_stopped()
    {
        WriteWorkerConfig("sleep", "120");
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<FunctionsHostException>(() => StartAsync(TimeSpan.FromSeconds(2)));

        Assert.Equal("StartStream", error.Step);
        Assert.Contains("no reply within 2 s", error.Message, StringComparison.Ordinal);
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(15));
        AssertStopped(error);
    }

    [Fact]
    public async Task Missing_queue_name_setting_fails_naming_the_trigger_and_the_setting_and_stops_the_worker()
    {
        var options = new FunctionsAppHostOptions
        {
            AppDirectory = AppFixture.BuiltApp("SampleAppDirectory"),
            Settings = new Dictionary<string, string>
            {
                ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true",
                ["SAMPLE_OUTPUT_QUEUE"] = "out",
                ["SAMPLE_SCHEDULE"] = "0 0 6 * * *",
            },
        };

        var error = await Assert.ThrowsAsync<FunctionsHostException>(() => FunctionsAppHost.StartAsync(options));

        Assert.Equal("queue trigger of Relay", error.Step);
        Assert.Contains("'SAMPLE_INPUT_QUEUE'", error.Message, StringComparison.Ordinal);
        AssertStopped(error);
    }

    private static void AssertStopped(FunctionsHostException error)
    {
        Assert.NotNull(error.WorkerProcessId);
        Assert.Throws<ArgumentException>(() => Process.GetProcessById(error.WorkerProcessId.Value));
    }

    private Task<FunctionsAppHost> StartAsync(TimeSpan startStreamTimeout) =>
        FunctionsAppHost.StartAsync(new FunctionsAppHostOptions { AppDirectory = _appDirectory, StartStreamTimeout = startStreamTimeout });

    private void WriteWorkerConfig(string executable, string workerPath) =>
        File.WriteAllText(Path.Combine(_appDirectory, "worker.config.json"), new JsonObject
        {
            ["description"] = new JsonObject { ["defaultExecutablePath"] = executable, ["defaultWorkerPath"] = workerPath },
        }.ToJsonString());

    public void Dispose() => Directory.Delete(_appDirectory, recursive: true);
}
