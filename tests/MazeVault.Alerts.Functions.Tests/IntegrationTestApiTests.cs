using MazeVault.Alerts.Core.Channels;
using MazeVault.Alerts.Core.Channels.Teams;
using MazeVault.Alerts.Core.Integrations;
using MazeVault.Alerts.Core.Secrets;
using MazeVault.Alerts.TestSupport.Vendors;
using Microsoft.Extensions.DependencyInjection;

namespace MazeVault.Alerts.Functions.Tests;

public sealed class IntegrationTestApiTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private const string HookSecret = "hooks-path-s3cret";
    private FakeVendorServer _vendor = null!;
    private ApiHarness _api = null!;

    public async Task InitializeAsync()
    {
        _vendor = await FakeVendorServer.StartAsync();
        _api = new ApiHarness(azurite);
    }

    public async Task DisposeAsync() => await _vendor.DisposeAsync();

    private async Task<Integration> StoreTeamsAsync(string org) =>
        await _api.Services.GetRequiredService<IIntegrationStore>().CreateAsync(new Integration
        {
            Id = "teams-1", OrganizationId = org, Type = TeamsChannel.Type, Name = "Teams",
            Settings = new TeamsSettings { TeamsWebhookUrl = Secret.Of(_vendor.Url($"/workflows/{HookSecret}").ToString()) },
        }, CancellationToken.None);

    private Task<ApiResponse> TestAsync(string org, string id) =>
        ApiHarness.SendAsync(_api.Request(), r => _api.Function<IntegrationTestApi>().Run(r, org, id, CancellationToken.None));

    [Fact]
    public async Task A_successful_test_answers_200_with_success()
    {
        var org = ApiHarness.NewOrganization();
        await StoreTeamsAsync(org);
        _vendor.On("POST", $"/workflows/{HookSecret}", new FakeResponse(202));

        var response = await TestAsync(org, "teams-1");

        Assert.Equal(200, response.Status);
        Assert.True(response.Json.GetProperty("success").GetBoolean());
        Assert.Equal("teams", response.Json.GetProperty("type").GetString());
        var card = Assert.Single(_vendor.Requests).Json["attachments"]![0]!["content"]!["body"]![0]!["inlines"]![0]!["text"]!.GetValue<string>();
        Assert.Equal(IntegrationTester.TestSubject, card);
    }

    [Fact]
    public async Task A_failed_test_answers_200_with_the_specific_error_and_no_secret()
    {
        var org = ApiHarness.NewOrganization();
        await StoreTeamsAsync(org);
        _vendor.On("POST", $"/workflows/{HookSecret}", new FakeResponse(410));

        var response = await TestAsync(org, "teams-1");

        Assert.Equal(200, response.Status);
        Assert.False(response.Json.GetProperty("success").GetBoolean());
        Assert.Equal("teams webhook failed: rejected by the destination with status 410", response.Json.GetProperty("error").GetString());
        Assert.DoesNotContain(HookSecret, response.Body);
    }

    [Fact]
    public async Task An_unknown_integration_answers_404_problem()
    {
        var response = await TestAsync(ApiHarness.NewOrganization(), "missing");

        response.AssertProblem(404);
    }

    [Fact]
    public async Task Testing_one_integration_too_often_answers_429_problem_with_retry_after()
    {
        var api = new ApiHarness(azurite, new Dictionary<string, string?> { ["INTEGRATION_TEST_LIMIT"] = "1", ["INTEGRATION_TEST_WINDOW_SECONDS"] = "60" });
        var org = ApiHarness.NewOrganization();
        await api.Services.GetRequiredService<IIntegrationStore>().CreateAsync(new Integration
        {
            Id = "teams-1", OrganizationId = org, Type = TeamsChannel.Type, Name = "Teams",
            Settings = new TeamsSettings { TeamsWebhookUrl = Secret.Of(_vendor.Url($"/workflows/{HookSecret}").ToString()) },
        }, CancellationToken.None);
        _vendor.On("POST", $"/workflows/{HookSecret}", new FakeResponse(202));
        Task<ApiResponse> Test() => ApiHarness.SendAsync(api.Request(), r => api.Function<IntegrationTestApi>().Run(r, org, "teams-1", CancellationToken.None));

        Assert.Equal(200, (await Test()).Status);
        var throttled = await Test();

        throttled.AssertProblem(429);
        Assert.Equal("60", throttled.RetryAfter);
        Assert.Single(_vendor.Requests);
    }
}
