namespace MazeVault.Alerts.TestHost;

/// <summary>What the test host starts and how long each start-up step may take before it fails with a clear message.</summary>
public sealed record FunctionsAppHostOptions
{
    /// <summary>The app's build output: host.json, functions.metadata, worker.config.json and the app's dll.</summary>
    public required string AppDirectory { get; init; }

    /// <summary>App settings, passed to the worker as environment variables and used to resolve <c>%SETTING%</c> and connections.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    public TimeSpan StartStreamTimeout { get; init; } = TimeSpan.FromSeconds(30);
    public TimeSpan StepTimeout { get; init; } = TimeSpan.FromSeconds(30);
    public TimeSpan InvocationTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The clock for the timer schedule status the host sends and for log line timestamps.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;
}
