using System.Collections.Concurrent;
using Grpc.Core;
using Microsoft.Azure.Functions.Worker.Grpc.Messages;

namespace MazeVault.Alerts.TestHost;

/// <summary>
/// The host's end of the worker's one bidirectional stream: a send queue, and replies matched to their
/// requests (init and metadata by kind, loads by function id, invocations by invocation id).
/// </summary>
internal sealed class WorkerChannel(WorkerLogs logs, TimeProvider clock)
{
    private readonly TaskCompletionSource<StartStream> _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentDictionary<string, TaskCompletionSource<StreamingMessage>> _pending = new();
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly CancellationTokenSource _closed = new();
    private IServerStreamWriter<StreamingMessage>? _writer;

    public Task<StartStream> Started => _started.Task;

    /// <summary>Runs for the lifetime of the worker's EventStream call.</summary>
    public async Task RunAsync(IAsyncStreamReader<StreamingMessage> requests, IServerStreamWriter<StreamingMessage> responses, CancellationToken callEnded)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(callEnded, _closed.Token);
        try
        {
            await foreach (var message in requests.ReadAllAsync(linked.Token))
            {
                if (message.ContentCase == StreamingMessage.ContentOneofCase.StartStream)
                {
                    _writer = responses;
                    _started.TrySetResult(message.StartStream);
                    continue;
                }

                Dispatch(message);
            }
        }
        catch (OperationCanceledException)
        {
            // The host is shutting down or the worker went away.
        }
        catch (IOException)
        {
            // The worker process was killed mid-stream.
        }
        finally
        {
            FailPending(new FunctionsHostException("worker stream", "the worker closed its EventStream."));
        }
    }

    public async Task<StreamingMessage> RequestAsync(string key, StreamingMessage request, CancellationToken ct)
    {
        var reply = new TaskCompletionSource<StreamingMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_pending.TryAdd(key, reply))
        {
            throw new InvalidOperationException($"A request for {key} is already waiting for its reply.");
        }

        try
        {
            await SendAsync(request, ct);
            return await reply.Task.WaitAsync(ct);
        }
        finally
        {
            _pending.TryRemove(key, out _);
        }
    }

    public async Task SendAsync(StreamingMessage message, CancellationToken ct)
    {
        var writer = _writer ?? throw new InvalidOperationException("The worker has not started its stream.");
        await _writeLock.WaitAsync(ct);
        try
        {
            await writer.WriteAsync(message, ct);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public void Close() => _closed.Cancel();

    private void Dispatch(StreamingMessage message)
    {
        switch (message.ContentCase)
        {
            case StreamingMessage.ContentOneofCase.RpcLog:
                var log = message.RpcLog;
                logs.Add(new WorkerLogLine(
                    clock.GetUtcNow(), log.Level.ToString(), log.Category, log.Message,
                    log.Exception is null ? null : $"{log.Exception.Message}\n{log.Exception.StackTrace}",
                    string.IsNullOrEmpty(log.InvocationId) ? null : log.InvocationId));
                break;
            case StreamingMessage.ContentOneofCase.WorkerInitResponse:
                Complete(Keys.Init, message);
                break;
            case StreamingMessage.ContentOneofCase.FunctionMetadataResponse:
                Complete(Keys.Metadata, message);
                break;
            case StreamingMessage.ContentOneofCase.FunctionLoadResponse:
                Complete(Keys.Load(message.FunctionLoadResponse.FunctionId), message);
                break;
            case StreamingMessage.ContentOneofCase.InvocationResponse:
                Complete(Keys.Invocation(message.InvocationResponse.InvocationId), message);
                break;
        }
    }

    private void Complete(string key, StreamingMessage message)
    {
        if (_pending.TryGetValue(key, out var reply))
        {
            reply.TrySetResult(message);
        }
    }

    private void FailPending(Exception error)
    {
        _started.TrySetException(error);
        foreach (var reply in _pending.Values)
        {
            reply.TrySetException(error);
        }
    }

    public static class Keys
    {
        public const string Init = "init";
        public const string Metadata = "metadata";
        public static string Load(string functionId) => "load:" + functionId;
        public static string Invocation(string invocationId) => "invocation:" + invocationId;
    }
}
