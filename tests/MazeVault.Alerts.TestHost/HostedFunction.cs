using Microsoft.Azure.Functions.Worker.Grpc.Messages;

namespace MazeVault.Alerts.TestHost;

/// <summary>A function the worker indexed and loaded: its id for invocations, its trigger and its other bindings.</summary>
public sealed record HostedFunction(string Name, string FunctionId, FunctionBinding Trigger, IReadOnlyList<FunctionBinding> Bindings)
{
    internal RpcFunctionMetadata Metadata { get; init; } = new();

    internal static HostedFunction From(RpcFunctionMetadata metadata)
    {
        var bindings = metadata.RawBindings.Select(FunctionBinding.Parse).ToList();
        var trigger = bindings.SingleOrDefault(b => b.IsTrigger)
                      ?? throw new FormatException($"Function {metadata.Name} has no trigger binding.");
        var functionId = string.IsNullOrEmpty(metadata.FunctionId) ? Guid.NewGuid().ToString() : metadata.FunctionId;
        var loaded = metadata.Clone();
        loaded.FunctionId = functionId;
        if (loaded.Bindings.Count == 0)
        {
            foreach (var binding in bindings)
            {
                loaded.Bindings[binding.Name] = binding.ToBindingInfo();
            }
        }

        return new HostedFunction(metadata.Name, functionId, trigger, bindings) { Metadata = loaded };
    }
}
