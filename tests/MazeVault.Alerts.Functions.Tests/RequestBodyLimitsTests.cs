using MazeVault.Alerts.Functions.Http;

namespace MazeVault.Alerts.Functions.Tests;

/// <summary>Every HTTP function the build produced declares its body limit, and the OpenAPI document states the same one.</summary>
public sealed class RequestBodyLimitsTests
{
    private static readonly OpenApiContract Contract = new(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "MazeVault.Alerts.Functions", "openapi.json")));

    [Fact]
    public void Every_built_http_function_declares_a_body_limit()
    {
        var undeclared = FunctionsMetadataTests.Metadata.Value.Values
            .Where(f => f.GetProperty("bindings").EnumerateArray().Any(b => b.GetProperty("type").GetString() == "httpTrigger"))
            .Select(f => f.GetProperty("name").GetString()!)
            .Where(name => RequestBodyLimits.Of(name) is null)
            .ToList();

        Assert.True(undeclared.Count == 0, $"No body limit in RequestBodyLimits: {string.Join(", ", undeclared)}");
    }

    [Fact]
    public void The_openapi_document_states_each_operations_limit_and_its_413()
    {
        var problems = new List<string>();
        foreach (var key in Contract.OperationKeys())
        {
            var parts = key.Split(' ', 2);
            var operation = Contract.Operation(parts[0], parts[1]);
            var name = operation["operationId"]!.GetValue<string>();
            var documented = operation["x-max-body-bytes"]?.GetValue<int>();
            if (documented != RequestBodyLimits.Of(name))
            {
                problems.Add($"{key} ({name}): x-max-body-bytes {documented}, declared {RequestBodyLimits.Of(name)}");
            }

            if (operation["responses"]?["413"] is null)
            {
                problems.Add($"{key} ({name}): no 413 response");
            }
        }

        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }
}
