namespace MazeVault.Alerts.TestHost;

/// <summary>The worker's log lines, in arrival order, and its process output (for start-up failures).</summary>
public sealed class WorkerLogs(Action<string>? echo = null)
{
    private const int MaxOutputLines = 400;
    private readonly List<WorkerLogLine> _lines = [];
    private readonly Queue<string> _output = new();
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IReadOnlyList<WorkerLogLine> Lines
    {
        get
        {
            lock (_lines)
            {
                return [.. _lines];
            }
        }
    }

    /// <summary>The last lines the worker process wrote to stdout/stderr.</summary>
    public IReadOnlyList<string> ProcessOutput
    {
        get
        {
            lock (_output)
            {
                return [.. _output];
            }
        }
    }

    /// <summary>Waits until a line matching <paramref name="match"/> has arrived; log lines can trail the response they belong to.</summary>
    public async Task<WorkerLogLine> WaitForAsync(Func<WorkerLogLine, bool> match, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        while (true)
        {
            Task changed;
            lock (_lines)
            {
                var found = _lines.FirstOrDefault(match);
                if (found is not null)
                {
                    return found;
                }

                changed = _changed.Task;
            }

            try
            {
                await changed.WaitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"No worker log line matched within {timeout.TotalSeconds:0.#} s. Lines:\n{string.Join('\n', Lines)}");
            }
        }
    }

    internal void Add(WorkerLogLine line)
    {
        echo?.Invoke(line.ToString());
        TaskCompletionSource changed;
        lock (_lines)
        {
            _lines.Add(line);
            changed = _changed;
            _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        changed.TrySetResult();
    }

    internal void AddOutput(string? line)
    {
        if (line is null)
        {
            return;
        }

        echo?.Invoke(line);
        lock (_output)
        {
            _output.Enqueue(line);
            if (_output.Count > MaxOutputLines)
            {
                _output.Dequeue();
            }
        }
    }
}
