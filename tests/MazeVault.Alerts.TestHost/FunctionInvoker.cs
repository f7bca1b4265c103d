using System.Diagnostics;
using Microsoft.Azure.Functions.Worker.Grpc.Messages;

namespace MazeVault.Alerts.TestHost;

/// <summary>Sends one InvocationRequest, waits for its response, and writes the queue outputs of a successful one.</summary>
internal sealed class FunctionInvoker(WorkerChannel channel, QueueOutputWriter outputs, TimeSpan timeout)
{
    private readonly List<FunctionInvocationResult> _history = [];

    /// <summary>Every finished invocation, in completion order.</summary>
    public IReadOnlyList<FunctionInvocationResult> History
    {
        get
        {
            lock (_history)
            {
                return [.. _history];
            }
        }
    }

    public async Task<(FunctionInvocationResult Result, InvocationResponse Response)> InvokeAsync(
        HostedFunction function, string invocationId, TypedData triggerData, IReadOnlyDictionary<string, TypedData> triggerMetadata, CancellationToken ct)
    {
        var request = new InvocationRequest
        {
            InvocationId = invocationId,
            FunctionId = function.FunctionId,
            InputData = { new ParameterBinding { Name = function.Trigger.Name, Data = triggerData } },
            TraceContext = new RpcTraceContext
            {
                TraceParent = $"00-{ActivityTraceId.CreateRandom()}-{ActivitySpanId.CreateRandom()}-00",
                TraceState = "",
            },
        };
        foreach (var (key, value) in triggerMetadata)
        {
            request.TriggerMetadata[key] = value;
        }

        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(timeout);
        InvocationResponse response;
        try
        {
            var reply = await channel.RequestAsync(
                WorkerChannel.Keys.Invocation(invocationId),
                new StreamingMessage { RequestId = Guid.NewGuid().ToString(), InvocationRequest = request },
                cts.Token);
            response = reply.InvocationResponse;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new FunctionsHostException($"invoke {function.Name}", $"no InvocationResponse within {timeout.TotalSeconds:0.#} s (invocation {invocationId}).");
        }
        catch (FunctionsHostException e)
        {
            // The worker died mid-invocation: the real host fails the invocation (a queue message is released for a retry).
            response = new InvocationResponse
            {
                InvocationId = invocationId,
                Result = new StatusResult { Status = StatusResult.Types.Status.Failure, Result = e.Message },
            };
        }

        var succeeded = response.Result?.Status == StatusResult.Types.Status.Success;
        if (succeeded)
        {
            await outputs.WriteAsync(function, response, ct);
        }

        var error = succeeded ? null : response.Result?.Exception?.Message ?? response.Result?.Result ?? "failed without a status";
        var result = new FunctionInvocationResult(function.Name, invocationId, succeeded, error);
        lock (_history)
        {
            _history.Add(result);
        }

        return (result, response);
    }
}
