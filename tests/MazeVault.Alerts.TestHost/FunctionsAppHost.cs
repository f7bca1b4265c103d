using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Azure.Functions.Worker.Grpc.Messages;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MazeVault.Alerts.TestHost;

/// <summary>
/// Runs a compiled Azure Functions isolated-worker app by playing the host's side of the worker protocol, for the tests
/// and as the development runner: starts the app as its own process, completes the handshake, serves its HTTP routes,
/// fires timers, pumps its queue triggers and captures its logs. Everything it starts it stops by process id on dispose.
/// </summary>
public sealed class FunctionsAppHost : IAsyncDisposable
{
    private const string HttpUriCapability = "HttpUri";
    private const int MaxStartsOnPortTaken = 3;
    // How long stopping waits for the runs under way (queue messages, a timer) before it stops the worker.
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(30);
    private readonly FunctionsAppHostOptions _options;
    private readonly AppSettings _settings;
    private readonly WorkerChannel _channel;
    private WebApplication? _grpcServer;
    private Process? _worker;
    private HttpFront? _front;
    private FunctionInvoker? _invoker;
    private QueuePump? _pump;
    private Dictionary<string, TimerSchedule> _schedules = [];
    private readonly CancellationTokenSource _stopTriggers = new();
    private Task _triggers = Task.CompletedTask;

    private FunctionsAppHost(FunctionsAppHostOptions options)
    {
        _options = options;
        _settings = AppSettings.Load(options.AppDirectory, options.Settings);
        Logs = new WorkerLogs(options.Echo);
        _channel = new WorkerChannel(Logs, options.Clock);
    }

    public WorkerLogs Logs { get; }

    /// <summary>Every function the worker indexed and loaded.</summary>
    public IReadOnlyList<HostedFunction> Functions { get; private set; } = [];

    /// <summary>Where the app's HTTP routes are served, e.g. <c>http://127.0.0.1:PORT/</c>; requests go to <c>api/...</c>.</summary>
    public Uri BaseAddress => Front.BaseAddress;

    /// <summary>The worker process id (it is stopped by this id).</summary>
    public int? WorkerProcessId { get; private set; }

    /// <summary>Completes when the worker process ends, whoever ended it.</summary>
    public Task WorkerExited => _worker?.WaitForExitAsync() ?? Task.CompletedTask;

    /// <summary>The queues the app's queue triggers read (setting references resolved).</summary>
    public IReadOnlyList<string> TriggerQueues => Pump.QueueNames;

    private HttpFront Front => _front ?? throw new InvalidOperationException("The host has not started.");
    private QueuePump Pump => _pump ?? throw new InvalidOperationException("The host has not started.");
    private FunctionInvoker Invoker => _invoker ?? throw new InvalidOperationException("The host has not started.");

    /// <summary>Every invocation the host made (HTTP, timer, queue), with the worker's error text for failed ones.</summary>
    public IReadOnlyList<FunctionInvocationResult> Invocations => Invoker.History;

    public HttpClient CreateClient() => new() { BaseAddress = BaseAddress };

    /// <summary>Starts the app and completes the handshake, or fails naming the step that did not complete.</summary>
    public static async Task<FunctionsAppHost> StartAsync(FunctionsAppHostOptions options)
    {
        for (var start = 1; ; start++)
        {
            var host = new FunctionsAppHost(options);
            try
            {
                await host.StartCoreAsync();
                return host;
            }
            catch (Exception e)
            {
                await host.DisposeAsync();
                if (e is FunctionsHostException failure)
                {
                    failure.WorkerProcessId ??= host.WorkerProcessId;
                }

                // The worker picks its HTTP port by finding one free and binding it later; with many apps starting at
                // once another process can take it in between. A new worker picks another port.
                if (host.PortWasTaken && start < MaxStartsOnPortTaken)
                {
                    continue;
                }

                throw;
            }
        }
    }

    private async Task StartCoreAsync()
    {
        var (executable, workerPath) = ReadWorkerConfig(_options.AppDirectory);
        await StartGrpcServerAsync();
        StartWorker(executable, workerPath);

        await StepAsync("StartStream", _options.StartStreamTimeout, _ => _channel.Started);

        var init = await StepAsync("WorkerInitRequest", _options.StepTimeout, ct => _channel.RequestAsync(
            WorkerChannel.Keys.Init,
            Message(new StreamingMessage
            {
                WorkerInitRequest = new WorkerInitRequest
                {
                    HostVersion = "4.0.0-testhost",
                    FunctionAppDirectory = _options.AppDirectory,
                    WorkerDirectory = _options.AppDirectory,
                },
            }),
            ct));
        EnsureSuccess("WorkerInitRequest", init.WorkerInitResponse.Result);

        var metadata = await StepAsync("FunctionsMetadataRequest", _options.StepTimeout, ct => _channel.RequestAsync(
            WorkerChannel.Keys.Metadata,
            Message(new StreamingMessage { FunctionsMetadataRequest = new FunctionsMetadataRequest { FunctionAppDirectory = _options.AppDirectory } }),
            ct));
        EnsureSuccess("FunctionsMetadataRequest", metadata.FunctionMetadataResponse.Result);
        Functions = Index(metadata.FunctionMetadataResponse);

        foreach (var function in Functions)
        {
            var step = $"FunctionLoadRequest for {function.Name}";
            var load = await StepAsync(step, _options.StepTimeout, ct => _channel.RequestAsync(
                WorkerChannel.Keys.Load(function.FunctionId),
                Message(new StreamingMessage { FunctionLoadRequest = new FunctionLoadRequest { FunctionId = function.FunctionId, Metadata = function.Metadata } }),
                ct));
            EnsureSuccess(step, load.FunctionLoadResponse.Result);
        }

        // The real host refuses to start a timer whose schedule setting is missing or not a schedule; so does this one.
        _schedules = Functions
            .Where(f => f.Trigger.Type.Equals("timerTrigger", StringComparison.OrdinalIgnoreCase))
            .ToDictionary(f => f.Name, f => TimerSchedule.Parse(
                _settings.Resolve(f.Trigger["schedule"] ?? "", $"timer trigger of {f.Name}"), _settings.TimerTimeZone, $"timer trigger of {f.Name}"));

        var outputs = new QueueOutputWriter(_settings);
        _invoker = new FunctionInvoker(_channel, outputs, _options.InvocationTimeout);
        _pump = new QueuePump(Functions, new QueueMessageProcessor(_invoker, outputs, _settings), outputs, _settings);
        if (Functions.Any(f => f.Trigger.Type.Equals("httpTrigger", StringComparison.OrdinalIgnoreCase))
            && !init.WorkerInitResponse.Capabilities.ContainsKey(HttpUriCapability))
        {
            throw new FunctionsHostException("WorkerInitRequest", $"the worker has HTTP functions but did not advertise {HttpUriCapability}: is ConfigureFunctionsWebApplication() called?");
        }

        var httpUri = init.WorkerInitResponse.Capabilities.TryGetValue(HttpUriCapability, out var uri) ? new Uri(uri) : null;
        if (httpUri is not null)
        {
            // The worker advertises HttpUri before its Kestrel listens: a request forwarded too early is refused. Its own
            // "Now listening" line, not a connection, proves it is the worker that listens there.
            await StepAsync($"worker HTTP server at {httpUri}", _options.StepTimeout, ct => ListensAsync(httpUri, ct));
        }

        _front = new HttpFront(Functions, _settings, _options.HttpPort, _invoker, httpUri ?? new Uri("http://127.0.0.1:1/"), InvokeByNameAsync, Logs, _options.Clock);
        await _front.StartAsync();

        if (_options.RunTriggers)
        {
            var timers = new TimerScheduler(
                _schedules.Select(s => (Find(s.Key), s.Value)).ToList(),
                (timer, due) => FireTimerAsync(timer, due, isPastDue: false, CancellationToken.None),
                _options.Clock);
            _triggers = Task.WhenAll(
                timers.RunAsync(ReportTriggerError, _stopTriggers.Token),
                _pump.ListenAsync(ReportTriggerError, _stopTriggers.Token, CancellationToken.None));
        }
    }

    /// <summary>Fires a timer function now, as the real host's <c>POST /admin/functions/{name}</c> does.</summary>
    public Task<FunctionInvocationResult> InvokeTimerAsync(string functionName, bool isPastDue = false, CancellationToken ct = default) =>
        FireTimerAsync(Find(functionName), _options.Clock.GetUtcNow(), isPastDue, ct);

    /// <summary>Runs a timer for the occurrence <paramref name="due"/>, with the schedule status the host sends.</summary>
    private async Task<FunctionInvocationResult> FireTimerAsync(HostedFunction function, DateTimeOffset due, bool isPastDue, CancellationToken ct)
    {
        var timerInfo = new JsonObject
        {
            ["ScheduleStatus"] = new JsonObject { ["Last"] = due, ["Next"] = _schedules[function.Name].NextAfter(due), ["LastUpdated"] = _options.Clock.GetUtcNow() },
            ["IsPastDue"] = isPastDue,
        };
        var (result, _) = await Invoker.InvokeAsync(function, Guid.NewGuid().ToString(), new TypedData { Json = timerInfo.ToJsonString() }, new Dictionary<string, TypedData>(), ct);
        return result;
    }

    // The real host logs a listener's or a timer's failure and carries on; so does this one, in the host's own category.
    private void ReportTriggerError(Exception e) =>
        Logs.Add(new WorkerLogLine(_options.Clock.GetUtcNow(), "Error", "TestHost", $"A trigger failed in the host: {e.Message}", e.ToString(), null));

    /// <summary>Processes the trigger queues until they are empty and nothing is in flight; throws <see cref="TimeoutException"/> after <paramref name="timeout"/>.</summary>
    public Task<QueuePumpResult> PumpQueuesUntilIdleAsync(TimeSpan timeout, CancellationToken ct = default) => Pump.PumpUntilIdleAsync(timeout, ct);

    /// <summary>One receive-and-process pass over every trigger queue.</summary>
    public Task<QueuePumpResult> PumpQueuesOnceAsync(CancellationToken ct = default) => Pump.PumpOnceAsync(ct);

    public static string PoisonQueueName(string queueName) => QueueMessageProcessor.PoisonQueueName(queueName);

    /// <summary>
    /// Kills the worker process at once, as a crash or a recycled instance does: its in-flight invocations fail (their queue
    /// messages come back after host.json's visibilityTimeout) and nothing more is served.
    /// </summary>
    public void KillWorker() => StopWorker();

    private Task<FunctionInvocationResult> InvokeByNameAsync(string name, string? input, CancellationToken ct)
    {
        var function = Find(name);
        return function.Trigger.Type.Equals("timerTrigger", StringComparison.OrdinalIgnoreCase)
            ? InvokeTimerAsync(name, ct: ct)
            : InvokeWithInputAsync(function, input, ct);
    }

    private async Task<FunctionInvocationResult> InvokeWithInputAsync(HostedFunction function, string? input, CancellationToken ct)
    {
        var (result, _) = await Invoker.InvokeAsync(function, Guid.NewGuid().ToString(), new TypedData { String = input ?? "" }, new Dictionary<string, TypedData>(), ct);
        return result;
    }

    private HostedFunction Find(string name) =>
        Functions.FirstOrDefault(f => f.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
        ?? throw new KeyNotFoundException($"No function named {name}; loaded: {string.Join(", ", Functions.Select(f => f.Name))}.");

    /// <summary>The worker could not listen on the HTTP port it chose: another process bound it first.</summary>
    private bool PortWasTaken => Logs.Lines.Select(l => l.ToString()).Concat(Logs.ProcessOutput)
        .Any(text => text.Contains("address already in use", StringComparison.OrdinalIgnoreCase));

    private async Task<bool> ListensAsync(Uri uri, CancellationToken ct)
    {
        var port = $":{uri.Port}";
        while (!Logs.Lines.Any(line => line.Category == "Microsoft.Hosting.Lifetime"
                                       && line.Message.StartsWith("Now listening on:", StringComparison.Ordinal)
                                       && line.Message.EndsWith(port, StringComparison.Ordinal)))
        {
            if (PortWasTaken)
            {
                throw new FunctionsHostException($"worker HTTP server at {uri}", "another process took the port first.");
            }

            await Task.Delay(50, ct);
        }

        return true;
    }

    private static (string Executable, string WorkerPath) ReadWorkerConfig(string appDirectory)
    {
        var path = Path.Combine(appDirectory, "worker.config.json");
        if (!File.Exists(path))
        {
            throw new FunctionsHostException("locate app", $"no worker.config.json in {appDirectory}: is it the app's build output?");
        }

        var description = JsonNode.Parse(File.ReadAllText(path))?["description"]
                          ?? throw new FunctionsHostException("locate app", $"{path} has no \"description\".");
        return ((string?)description["defaultExecutablePath"] ?? "dotnet",
            (string?)description["defaultWorkerPath"] ?? throw new FunctionsHostException("locate app", $"{path} names no defaultWorkerPath."));
    }

    private async Task StartGrpcServerAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc(grpc =>
        {
            grpc.MaxReceiveMessageSize = null;
            grpc.MaxSendMessageSize = null;
        });
        builder.Services.AddSingleton(_channel);
        _grpcServer = builder.Build();
        _grpcServer.MapGrpcService<FunctionRpcService>();
        await _grpcServer.StartAsync();
    }

    private void StartWorker(string executable, string workerPath)
    {
        var start = new ProcessStartInfo(executable)
        {
            WorkingDirectory = _options.AppDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.IsPathRooted(workerPath) || !workerPath.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)
            ? workerPath
            : Path.Combine(_options.AppDirectory, workerPath));
        foreach (var (name, value) in _options.Settings)
        {
            start.Environment[name] = value;
        }

        start.Environment["FUNCTIONS_WORKER_RUNTIME"] = "dotnet-isolated";
        start.Environment["FUNCTIONS_APPLICATION_DIRECTORY"] = _options.AppDirectory;
        start.Environment["AzureWebJobsScriptRoot"] = _options.AppDirectory;
        start.Environment["Functions__Worker__HostEndpoint"] = _grpcServer!.Urls.Single().TrimEnd('/');
        start.Environment["Functions__Worker__WorkerId"] = Guid.NewGuid().ToString();
        start.Environment["Functions__Worker__RequestId"] = Guid.NewGuid().ToString();
        start.Environment["Functions__Worker__GrpcMaxMessageLength"] = int.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture);

        try
        {
            _worker = Process.Start(start) ?? throw new FunctionsHostException("start worker", $"{executable} did not start.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new FunctionsHostException("start worker", $"could not run '{executable}': {e.Message}", e);
        }

        WorkerProcessId = _worker.Id;
        _worker.OutputDataReceived += (_, e) => Logs.AddOutput(e.Data);
        _worker.ErrorDataReceived += (_, e) => Logs.AddOutput(e.Data);
        _worker.BeginOutputReadLine();
        _worker.BeginErrorReadLine();
    }

    /// <summary>Waits for one handshake step, failing at once if the worker exits and after <paramref name="timeout"/> if it stays silent.</summary>
    private async Task<T> StepAsync<T>(string step, TimeSpan timeout, Func<CancellationToken, Task<T>> action)
    {
        using var cts = new CancellationTokenSource(timeout);
        var work = action(cts.Token);
        var exited = _worker!.WaitForExitAsync(cts.Token);
        var first = await Task.WhenAny(work, exited, Task.Delay(timeout, cts.Token));
        if (first == work && work.IsCompletedSuccessfully)
        {
            return await work;
        }

        if (_worker.HasExited)
        {
            await _worker.WaitForExitAsync(CancellationToken.None); // flushes the redirected output
            throw new FunctionsHostException(step, $"the worker process (pid {WorkerProcessId}) exited with code {_worker.ExitCode} before it answered.{OutputTail()}");
        }

        if (first == work && work.Exception?.InnerException is FunctionsHostException inner)
        {
            throw new FunctionsHostException(step, inner.Message, inner);
        }

        throw new FunctionsHostException(step, $"no reply within {timeout.TotalSeconds:0.#} s from the worker process (pid {WorkerProcessId}).{OutputTail()}");
    }

    private void EnsureSuccess(string step, StatusResult? result)
    {
        if (result is null || result.Status != StatusResult.Types.Status.Success)
        {
            var reason = result?.Exception?.Message ?? result?.Result ?? "no status";
            throw new FunctionsHostException(step, $"the worker answered {result?.Status.ToString() ?? "nothing"}: {reason}{OutputTail()}");
        }
    }

    private string OutputTail()
    {
        var tail = Logs.ProcessOutput.TakeLast(20).ToList();
        return tail.Count == 0 ? "" : "\nLast worker output:\n" + string.Join('\n', tail);
    }

    private List<HostedFunction> Index(FunctionMetadataResponse response)
    {
        // The worker answers from its source-generated index; functions.metadata on disk is the fallback.
        var metadata = response.UseDefaultMetadataIndexing || response.FunctionMetadataResults.Count == 0
            ? ReadFunctionsMetadataFile()
            : response.FunctionMetadataResults.ToList();
        try
        {
            return metadata.Select(HostedFunction.From).ToList();
        }
        catch (FormatException e)
        {
            throw new FunctionsHostException("FunctionsMetadataRequest", e.Message, e);
        }
    }

    private List<RpcFunctionMetadata> ReadFunctionsMetadataFile()
    {
        var path = Path.Combine(_options.AppDirectory, "functions.metadata");
        if (!File.Exists(path))
        {
            throw new FunctionsHostException("FunctionsMetadataRequest", $"the worker asked for default indexing and there is no {path}.");
        }

        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.EnumerateArray().Select(f => new RpcFunctionMetadata
        {
            Name = f.GetProperty("name").GetString(),
            ScriptFile = f.TryGetProperty("scriptFile", out var script) ? script.GetString() : "",
            EntryPoint = f.TryGetProperty("entryPoint", out var entry) ? entry.GetString() : "",
            Language = f.TryGetProperty("language", out var language) ? language.GetString() : "",
            Directory = _options.AppDirectory,
            RawBindings = { f.GetProperty("bindings").EnumerateArray().Select(b => b.GetRawText()) },
        }).ToList();
    }

    private static StreamingMessage Message(StreamingMessage message)
    {
        message.RequestId = Guid.NewGuid().ToString();
        return message;
    }

    public async ValueTask DisposeAsync()
    {
        // Stop receiving and firing first, and let the runs under way end while the worker still serves them.
        await _stopTriggers.CancelAsync();
        await Task.WhenAny(_triggers, Task.Delay(DrainTimeout));
        _stopTriggers.Dispose();
        if (_front is not null)
        {
            await _front.DisposeAsync();
        }

        StopWorker();
        _channel.Close();
        if (_grpcServer is not null)
        {
            using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await _grpcServer.StopAsync(stopping.Token);
            await _grpcServer.DisposeAsync();
        }
    }

    private void StopWorker()
    {
        if (_worker is null)
        {
            return;
        }

        try
        {
            if (!_worker.HasExited)
            {
                _worker.Kill(entireProcessTree: true);
                _worker.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        _worker.Dispose();
        _worker = null;
    }
}
