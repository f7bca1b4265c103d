namespace MazeVault.Alerts.TestHost;

/// <summary>What the host starts, how it runs the app's triggers, and how long each start-up step may take before it fails with a clear message.</summary>
public sealed record FunctionsAppHostOptions
{
    /// <summary>The app's build output: host.json, functions.metadata, worker.config.json and the app's dll.</summary>
    public required string AppDirectory { get; init; }

    /// <summary>App settings, passed to the worker as environment variables and used to resolve <c>%SETTING%</c> and connections.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    public TimeSpan StartStreamTimeout { get; init; } = TimeSpan.FromSeconds(30);
    public TimeSpan StepTimeout { get; init; } = TimeSpan.FromSeconds(30);
    public TimeSpan InvocationTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The clock timer schedules run on, and the one for the schedule status the host sends and for log line timestamps.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>
    /// On, the host fires timers on their schedules and listens on the trigger queues for its whole lifetime, as the real
    /// host does (the development runner). Off, a test fires timers and pumps queues itself, when it chooses.
    /// </summary>
    public bool RunTriggers { get; init; }

    /// <summary>The loopback port of the HTTP routes: 0 picks a free one; a fixed port (7071 for the runner) is served on localhost.</summary>
    public int HttpPort { get; init; }

    /// <summary>Receives each worker log line and process output line as it arrives (the runner prints them).</summary>
    public Action<string>? Echo { get; init; }
}
