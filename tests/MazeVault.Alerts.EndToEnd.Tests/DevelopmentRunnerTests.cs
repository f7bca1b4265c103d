using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MazeVault.Alerts.TestSupport;

namespace MazeVault.Alerts.EndToEnd.Tests;

/// <summary>
/// The development runner started as <c>npm start</c> starts it where Core Tools is missing (its own process, the app's
/// build output and a local.settings.json), here on a free port and the test's Azurite instead of 7071 and 10000-10002.
/// </summary>
public sealed partial class DevelopmentRunnerTests : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private readonly AzuriteFixture _azurite = new();
    private readonly string _settingsFile = Path.Combine(Directory.CreateTempSubdirectory("runner-settings-").FullName, "local.settings.json");
    private readonly List<string> _output = [];

    public async Task InitializeAsync()
    {
        await _azurite.InitializeAsync();
        var values = new JsonObject();
        foreach (var (name, value) in SampleAppSettings.On(_azurite))
        {
            values[name] = value;
        }

        await File.WriteAllTextAsync(_settingsFile, new JsonObject { ["IsEncrypted"] = false, ["Values"] = values }.ToJsonString());
    }

    public async Task DisposeAsync()
    {
        await _azurite.DisposeAsync();
        Directory.Delete(Path.GetDirectoryName(_settingsFile)!, recursive: true);
    }

    [Fact]
    public async Task Runner_serves_the_app_on_its_port_prints_the_console_url_and_stops_its_worker_on_SIGINT()
    {
        var port = FreePort.Next();
        using var runner = Start(port);
        try
        {
            await UntilOutputAsync("Press Ctrl+C to stop.", runner);
            Assert.Contains($"Console: http://localhost:{port}/api/console/", Output());
            var workerId = int.Parse(WorkerPid().Match(Output()).Groups[1].Value, CultureInfo.InvariantCulture);

            using var client = new HttpClient { BaseAddress = new Uri($"http://localhost:{port}/") };
            using var health = await client.GetAsync("api/health");
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
            Assert.Equal("ok", JsonDocument.Parse(await health.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetString());
            using var dailyCheck = await client.PostAsync("admin/functions/DailyCheck", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.Accepted, dailyCheck.StatusCode);

            using (var interrupt = Process.Start("kill", ["-INT", runner.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await interrupt.WaitForExitAsync();
            }

            using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await runner.WaitForExitAsync(stopping.Token);
            Assert.Equal(0, runner.ExitCode);
            Assert.Throws<ArgumentException>(() => Process.GetProcessById(workerId));
        }
        finally
        {
            if (!runner.HasExited)
            {
                runner.Kill(entireProcessTree: true);
            }
        }
    }

    private Process Start(int port)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { AppFixture.BuiltApp("DevelopmentRunner"), "--app", AppFixture.BuiltApp("AlertsAppDirectory"), "--settings", _settingsFile, "--port", port.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }

        var runner = Process.Start(start)!;
        runner.OutputDataReceived += (_, e) => Add(e.Data);
        runner.ErrorDataReceived += (_, e) => Add(e.Data);
        runner.BeginOutputReadLine();
        runner.BeginErrorReadLine();
        return runner;
    }

    private void Add(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.Add(line);
            }
        }
    }

    private string Output()
    {
        lock (_output)
        {
            return string.Join('\n', _output);
        }
    }

    private Task UntilOutputAsync(string line, Process runner) => Until.TrueAsync(
        () =>
        {
            Assert.False(runner.HasExited, $"The runner exited early:\n{Output()}");
            return Output().Contains(line, StringComparison.Ordinal);
        },
        StartTimeout,
        Output);

    [GeneratedRegex(@"worker pid (\d+)")]
    private static partial Regex WorkerPid();
}
