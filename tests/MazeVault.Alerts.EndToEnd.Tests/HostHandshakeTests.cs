using System.Net;
using System.Text.Json;

namespace MazeVault.Alerts.EndToEnd.Tests;

public sealed class HostHandshakeTests(AlertsAppFixture fixture) : IClassFixture<AlertsAppFixture>
{
    [Fact]
    public void Every_function_in_functions_metadata_is_indexed_and_loaded()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(fixture.AppDirectory, "functions.metadata")));
        var onDisk = document.RootElement.EnumerateArray().Select(f => f.GetProperty("name").GetString()!).Order().ToList();

        Assert.NotEmpty(onDisk);
        Assert.Equal(onDisk, fixture.App.Functions.Select(f => f.Name).Order().ToList());
        Assert.All(fixture.App.Functions, f => Assert.False(string.IsNullOrEmpty(f.FunctionId)));
    }

    [Fact]
    public async Task Health_answers_ok_through_the_worker_http_pipeline()
    {
        using var response = await fixture.Client.GetAsync("api/health");

        await HostAssert.StatusAsync(fixture.App, HttpStatusCode.OK, response);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("ok", body.RootElement.GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_path_no_function_routes_gets_404()
    {
        using var response = await fixture.Client.GetAsync("api/no-such-route");

        await HostAssert.StatusAsync(fixture.App, HttpStatusCode.NotFound, response);
    }

    [Fact]
    public async Task A_method_the_function_does_not_accept_gets_404()
    {
        using var response = await fixture.Client.DeleteAsync("api/health");

        await HostAssert.StatusAsync(fixture.App, HttpStatusCode.NotFound, response);
    }

    [Fact]
    public async Task Worker_log_lines_are_captured_with_their_category()
    {
        using var response = await fixture.Client.GetAsync("api/health");
        response.EnsureSuccessStatusCode();

        // The worker's ASP.NET Core pipeline logs each endpoint it runs; the line must reach the test over RpcLog.
        var line = await fixture.App.Logs.WaitForAsync(l => l.Message == "Executed endpoint 'Health'", TimeSpan.FromSeconds(10));
        Assert.Equal("Microsoft.AspNetCore.Routing.EndpointMiddleware", line.Category);
        Assert.Equal("Information", line.Level);
    }
}
