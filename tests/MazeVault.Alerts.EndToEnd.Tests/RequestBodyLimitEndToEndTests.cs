using System.Net.Http.Headers;
using System.Text.Json;
using MazeVault.Alerts.TestSupport;

namespace MazeVault.Alerts.EndToEnd.Tests;

/// <summary>
/// Each route of the OpenAPI document, sent a body one byte over its <c>x-max-body-bytes</c>, answers 413 problem+json
/// naming the limit and writes nothing; a body without Content-Length (chunked) is refused the same way once it passes it.
/// </summary>
public sealed class RequestBodyLimitEndToEndTests(AlertsAppFixture fixture) : IClassFixture<AlertsAppFixture>
{
    [Fact]
    public async Task Every_route_refuses_a_body_over_its_limit_with_413_and_writes_nothing()
    {
        var contract = new OpenApiContract(await fixture.Client.GetStringAsync("api/openapi.json"));
        var organizationId = AlertsAppFixture.NewOrganizationId();
        var before = await StorageSnapshot.OfOrganizationAsync(fixture.Azurite.ConnectionString, organizationId);
        var problems = new List<string>();
        foreach (var key in contract.OperationKeys())
        {
            var (method, path) = (key[..key.IndexOf(' ')], key[(key.IndexOf(' ') + 1)..]);
            var limit = contract.Operation(method, path)["x-max-body-bytes"]!.GetValue<int>();
            var url = contract.Parameters(method, path).Where(p => p["in"]!.GetValue<string>() == "path")
                .Aggregate(path, (current, p) => current.Replace($"{{{p["name"]}}}", p["name"]!.GetValue<string>() == "organizationId" ? organizationId : p["example"]?.GetValue<string>() ?? "x", StringComparison.Ordinal));

            var (status, limitNamed) = await SendAsync(method, url, new ByteArrayContent(new byte[limit + 1]));

            if (status != 413 || limitNamed != limit)
            {
                problems.Add($"{key}: {status}, limit named {limitNamed} (declared {limit})");
            }
        }

        Assert.True(problems.Count == 0, string.Join('\n', problems));
        Assert.Equal(before, await StorageSnapshot.OfOrganizationAsync(fixture.Azurite.ConnectionString, organizationId));
    }

    [Theory]
    [InlineData("/incident-contacts", 16 * 1024)]
    [InlineData("/incidents", 64 * 1024)]
    [InlineData("/inventory/import", 4 * 1024 * 1024)]
    public async Task A_chunked_body_is_refused_once_it_passes_the_limit_and_nothing_is_written(string route, int limit)
    {
        var organizationId = AlertsAppFixture.NewOrganizationId();
        // Valid JSON as far as it goes, so that only its size can refuse it.
        var body = new MemoryStream(System.Text.Encoding.UTF8.GetBytes("{\"name\":\"" + new string('x', limit) + "\"}"));
        var content = new StreamContent(body);
        content.Headers.ContentLength = null;

        var (status, limitNamed) = await SendAsync("POST", $"/organizations/{organizationId}{route}", content);

        Assert.Equal((413, limit), (status, limitNamed));
        // The audit trail records the refused request (with its 413), as it records every state-changing request; nothing else.
        var written = await StorageSnapshot.OfOrganizationAsync(fixture.Azurite.ConnectionString, organizationId);
        Assert.Single(written);
        Assert.StartsWith($"{Core.Storage.TableNames.AuditEvents}/", written[0], StringComparison.Ordinal);
    }

    private async Task<(int Status, int? Limit)> SendAsync(string method, string url, HttpContent content)
    {
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(new HttpMethod(method), "api" + url) { Content = content };
        if (content is StreamContent)
        {
            request.Headers.TransferEncodingChunked = true;
        }

        using var response = await fixture.Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json" || text.Length == 0)
        {
            return ((int)response.StatusCode, null);
        }

        using var problem = JsonDocument.Parse(text);
        return ((int)response.StatusCode, problem.RootElement.TryGetProperty("maxBodyBytes", out var named) ? named.GetInt32() : null);
    }
}
