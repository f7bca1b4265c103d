using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace MazeVault.Alerts.Functions.Tests;

/// <summary>
/// The OpenAPI document against the built app: every HTTP route in functions.metadata is in it with its methods and
/// nothing else is, and its examples fit its own schemas. (The running app answering them: the EndToEnd tests.)
/// </summary>
public sealed class OpenApiDocumentTests
{
    private static readonly string Document = Served();

    private static readonly OpenApiContract Contract = new(Document);

    [Fact]
    public void Every_http_route_in_functions_metadata_is_in_the_document_with_its_methods_and_nothing_else()
    {
        var built = FunctionsMetadataTests.Metadata.Value.Values
            .SelectMany(f => f.GetProperty("bindings").EnumerateArray())
            .Where(b => b.GetProperty("type").GetString() == "httpTrigger")
            // OpenAPI has no catch-all parameter: the console's {*path} is documented as {path}.
            .SelectMany(b => b.GetProperty("methods").EnumerateArray().Select(m => $"{m.GetString()!.ToUpperInvariant()} /{b.GetProperty("route").GetString()!.Replace("{*", "{", StringComparison.Ordinal)}"))
            .ToHashSet();
        var documented = Contract.OperationKeys().ToHashSet();

        Assert.True(built.SetEquals(documented),
            $"Routes not in openapi.json: [{string.Join(", ", built.Except(documented).Order())}]; documented but not built: [{string.Join(", ", documented.Except(built).Order())}].");
    }

    [Fact]
    public void Every_operation_that_takes_a_body_has_an_example_that_fits_its_schema()
    {
        var problems = new List<string>();
        foreach (var key in Contract.OperationKeys())
        {
            var (method, path) = Split(key);
            if (Contract.Operation(method, path)["requestBody"] is null)
            {
                continue;
            }

            if (Contract.RequestExample(method, path) is not { } example)
            {
                problems.Add($"{key}: no example request body.");
                continue;
            }

            problems.AddRange(Contract.RequestErrors(method, path, example).Select(e => $"{key}: {e}"));
        }

        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    [Fact]
    public void Schemas_refuse_what_the_api_never_answers()
    {
        // The validator must be able to fail: an undocumented member and a wrong problem status are refused.
        Assert.NotEmpty(Contract.ResponseErrors("GET", "/health", 200, "application/json", """{"status":"ok","extra":1}"""));
        Assert.NotEmpty(Contract.ResponseErrors("GET", "/organizations/{organizationId}/integrations", 400, "application/problem+json", """{"title":"Not found.","status":404}"""));
        Assert.NotEmpty(Contract.ResponseErrors("GET", "/organizations/{organizationId}/integrations", 200, "application/json", """[{"id":"x"}]"""));
        Assert.Empty(Contract.ResponseErrors("GET", "/health", 200, "application/json", """{"status":"ok"}"""));
    }

    [Fact]
    public void Every_error_response_is_problem_json()
    {
        var problems = new List<string>();
        foreach (var key in Contract.OperationKeys())
        {
            var (method, path) = Split(key);
            foreach (var (status, _) in Contract.Operation(method, path)["responses"]!.AsObject().Where(r => r.Key.StartsWith('4') || r.Key.StartsWith('5')))
            {
                var title = status == "400" ? "The request is invalid." : "Not found.";
                var errors = Contract.ResponseErrors(method, path, int.Parse(status, System.Globalization.CultureInfo.InvariantCulture), "application/problem+json",
                    $$$"""{"title":"{{{title}}}","status":{{{status}}},"detail":"d","errors":{"name":["is required."]}}""");
                problems.AddRange(errors.Select(e => $"{key} {status}: {e}"));
            }
        }

        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    private static (string Method, string Path) Split(string key) => (key[..key.IndexOf(' ')], key[(key.IndexOf(' ') + 1)..]);

    /// <summary>What GET /api/openapi.json answers: the function's own response, so the test reads what clients read.</summary>
    private static string Served()
    {
        var result = Assert.IsType<ContentResult>(new OpenApi(TestIntegrations.Catalog()).Run(new DefaultHttpContext().Request));
        Assert.StartsWith("application/json", result.ContentType, StringComparison.Ordinal);
        using var parsed = JsonDocument.Parse(result.Content!);
        Assert.Equal("3.1.0", parsed.RootElement.GetProperty("openapi").GetString());
        return result.Content!;
    }
}
