using MazeVault.Alerts.Core.Reports;
using MazeVault.Alerts.Core.Storage;
using MazeVault.Alerts.TestSupport;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace MazeVault.Alerts.Functions.Tests;

/// <summary>The manual report trigger over the real composition root on Azurite.</summary>
public sealed class WeeklyReportFunctionTests : IClassFixture<AzuriteFixture>, IDisposable
{
    private readonly string _org = ApiHarness.NewOrganization();
    private readonly ServiceProvider _services;

    public WeeklyReportFunctionTests(AzuriteFixture azurite)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [StorageClients.ConnectionName] = azurite.ConnectionString,
            ["DELIVERY_QUEUE_NAME"] = "report-fn-" + Guid.NewGuid().ToString("N")[..12],
            ["REPORT_TIME_ZONE"] = "Europe/Prague",
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddMvcCore();
        Composition.AddAlertServices(services, configuration);
        services.AddSingleton<TimeProvider>(new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero)));
        _services = services.BuildServiceProvider();
    }

    public void Dispose() => _services.Dispose();

    private Task<ApiResponse> SendAsync(string query = "", string? organization = null)
    {
        var context = new DefaultHttpContext { RequestServices = _services };
        context.Response.Body = new MemoryStream();
        context.Request.Method = "POST";
        context.Request.QueryString = new QueryString(query);
        var function = ActivatorUtilities.CreateInstance<WeeklyReport>(_services);
        return ApiHarness.SendAsync(context.Request, r => function.Send(r, organization ?? _org, CancellationToken.None));
    }

    private Task AddRecipientAsync() =>
        _services.GetRequiredService<IWeeklyReportSettingsStore>().ReplaceAsync(
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
