using System.Net;
using MazeVault.Alerts.TestHost;

namespace MazeVault.Alerts.EndToEnd.Tests;

/// <summary>Assertions that, when they fail, show what the worker said: failed invocations and error log lines.</summary>
public static class HostAssert
{
    public static async Task StatusAsync(FunctionsAppHost app, HttpStatusCode expected, HttpResponseMessage response)
    {
        if (response.StatusCode == expected)
        {
            return;
        }

        var body = await response.Content.ReadAsStringAsync();
        var failures = app.Invocations.Where(i => !i.Succeeded).TakeLast(5).Select(i => $"  {i.FunctionName} {i.InvocationId}: {i.Error}");
        var errors = app.Logs.Lines.Where(l => l.Level is "Error" or "Critical" || l.Exception is not null).TakeLast(10).Select(l => "  " + l);
        Assert.Fail(
            $"Expected {(int)expected} {expected}, got {(int)response.StatusCode} {response.StatusCode} for {response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}.\n" +
            $"Body: {body}\nFailed invocations:\n{string.Join('\n', failures)}\nWorker errors:\n{string.Join('\n', errors)}");
    }
}
