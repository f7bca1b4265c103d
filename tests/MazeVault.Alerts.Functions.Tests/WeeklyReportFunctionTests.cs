using MazeVault.Alerts.Core.Reports;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace MazeVault.Alerts.Functions.Tests;

/// <summary>The manual report trigger over the real composition root on Azurite.</summary>
public sealed class WeeklyReportFunctionTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private readonly string _org = ApiHarness.NewOrganization();
    private readonly ApiHarness _api = Monday(azurite);

    // A Monday after 07:00 in Prague, so the week's report is due.
    private static ApiHarness Monday(AzuriteFixture azurite)
    {
        var api = new ApiHarness(azurite);
        api.Time.SetUtcNow(new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero));
        return api;
    }

    private Task<ApiResponse> SendAsync(string query = "", string? organization = null)
    {
        var request = _api.Request();
        request.Method = "POST";
        request.QueryString = new QueryString(query);
        var function = _api.Function<WeeklyReport>();
        return ApiHarness.SendAsync(request, r => function.Send(r, organization ?? _org, CancellationToken.None));
    }

    private Task AddRecipientAsync() =>
        _api.Services.GetRequiredService<IWeeklyReportSettingsStore>().ReplaceAsync(
            new WeeklyReportSettings { OrganizationId = _org, Recipients = ["lead@example.com"] }, CancellationToken.None);

    [Fact]
    public async Task Manual_send_queues_the_report_and_a_second_one_the_same_week_says_it_was_already_sent()
    {
        await AddRecipientAsync();

        var first = await SendAsync();
        Assert.Equal(202, first.Status);
        Assert.Equal("sent", first.Json.GetProperty("status").GetString());
        Assert.Equal("2026-W49", first.Json.GetProperty("week").GetString());
        Assert.Equal(1, first.Json.GetProperty("deliveriesQueued").GetInt32());

        var second = await SendAsync();
        Assert.Equal(200, second.Status);
        Assert.Equal("alreadySent", second.Json.GetProperty("status").GetString());
        Assert.Equal(0, second.Json.GetProperty("deliveriesQueued").GetInt32());

        var forced = await SendAsync("?force=true");
        Assert.Equal(202, forced.Status);
        Assert.NotEqual(first.Json.GetProperty("reportId").GetString(), forced.Json.GetProperty("reportId").GetString());
    }

    [Fact]
    public async Task Manual_send_without_recipients_answers_why_nothing_was_sent()
    {
        var response = await SendAsync();

        Assert.Equal(200, response.Status);
        Assert.Equal("noRecipients", response.Json.GetProperty("status").GetString());
        Assert.Equal("Weekly report not sent: no recipients configured.", response.Json.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_force_flag_that_is_not_a_boolean_is_a_400_naming_force()
    {
        var response = await SendAsync("?force=yes");

        Assert.Equal(["force"], response.ProblemFields());
    }

    [Theory]
    [InlineData("bad#org")]
    [InlineData("a/b")]
    [InlineData("tab\there")]
    public async Task An_organization_id_storage_cannot_key_is_a_400_naming_organizationId(string organization)
    {
        var response = await SendAsync(organization: organization);

        Assert.Equal(["organizationId"], response.ProblemFields());
    }
}
