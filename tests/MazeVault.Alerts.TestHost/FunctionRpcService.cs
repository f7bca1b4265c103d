using Grpc.Core;
using Microsoft.Azure.Functions.Worker.Grpc.Messages;

namespace MazeVault.Alerts.TestHost;

/// <summary>The gRPC service the worker connects to; it hands the stream to the one <see cref="WorkerChannel"/>.</summary>
internal sealed class FunctionRpcService(WorkerChannel channel) : FunctionRpc.FunctionRpcBase
{
    public override Task EventStream(IAsyncStreamReader<StreamingMessage> requestStream, IServerStreamWriter<StreamingMessage> responseStream, ServerCallContext context)
        => channel.RunAsync(requestStream, responseStream, context.CancellationToken);
}
