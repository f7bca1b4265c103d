using System.Runtime.InteropServices;

namespace MazeVault.Alerts.TestHost;

/// <summary>
/// <c>npm start</c> where Core Tools is missing: runs the compiled app under this host with local.settings.json, its
/// HTTP routes on localhost, timers on their schedules and queues pumped as host.json says, until Ctrl+C or SIGTERM.
/// </summary>
internal static class DevelopmentRunner
{
    private const int DefaultPort = 7071;

    public static async Task<int> RunAsync(RunnerArguments arguments)
    {
        var local = LocalSettingsFile.Load(arguments.SettingsFile);
        var settings = AppSettings.Load(arguments.AppDirectory, local.Values);
        using var stop = new CancellationTokenSource();
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);

        await using var host = await FunctionsAppHost.StartAsync(new FunctionsAppHostOptions
        {
            AppDirectory = arguments.AppDirectory,
            Settings = local.Values,
            HttpPort = arguments.Port ?? local.LocalHttpPort ?? DefaultPort,
            RunTriggers = true,
            InvocationTimeout = settings.FunctionTimeout,
            Echo = Console.WriteLine,
        });
        Console.WriteLine(RunnerBanner.For(host, settings.RoutePrefix, settings.TimerTimeZone));

        var stopped = Task.Delay(Timeout.Infinite, stop.Token);
        if (await Task.WhenAny(stopped, host.WorkerExited) != stopped)
        {
            Console.Error.WriteLine($"The worker process (pid {host.WorkerProcessId}) exited; stopping.");
            return 1;
        }

        Console.WriteLine($"Stopping the worker (pid {host.WorkerProcessId}) and the host.");
        return 0;

        void Stop(PosixSignalContext context)
        {
            // Handled here, so the host stops its worker before the process ends.
            context.Cancel = true;
            stop.Cancel();
        }
    }
}
