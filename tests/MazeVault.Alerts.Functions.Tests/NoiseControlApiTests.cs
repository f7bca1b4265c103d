using MazeVault.Alerts.Core.Inventory;
using Microsoft.Extensions.DependencyInjection;

namespace MazeVault.Alerts.Functions.Tests;

/// <summary>The alert policy and snooze routes through the function classes over Azurite: answers, problems, storage unchanged on refusal.</summary>
public sealed class NoiseControlApiTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private readonly ApiHarness _api = new(azurite);

    private AlertPolicyApi Policies => _api.Function<AlertPolicyApi>();
    private SnoozesApi Snoozes => _api.Function<SnoozesApi>();

    [Fact]
    public async Task The_policy_defaults_to_the_spec_and_a_replace_is_read_back()
    {
        var org = ApiHarness.NewOrganization();

        var initial = await ApiHarness.SendAsync(_api.Request(), r => Policies.Get(r, org, CancellationToken.None));
        var replaced = await ApiHarness.SendAsync(
            _api.Request("""{"reminders":"thresholds","thresholdDays":[7,30,14],"finalStretchDays":2,"resolveNotifications":true,"digestContacts":true}"""),
            r => Policies.Replace(r, org, CancellationToken.None));
        var read = await ApiHarness.SendAsync(_api.Request(), r => Policies.Get(r, org, CancellationToken.None));

        Assert.Equal("daily", initial.Json.GetProperty("reminders").GetString());
        Assert.Equal([30, 14, 7, 3, 1], initial.Json.GetProperty("thresholdDays").EnumerateArray().Select(d => d.GetInt32()));
        Assert.Equal(200, replaced.Status);
        Assert.Equal("thresholds", read.Json.GetProperty("reminders").GetString());
        Assert.Equal([30, 14, 7], read.Json.GetProperty("thresholdDays").EnumerateArray().Select(d => d.GetInt32()));
        Assert.Equal(2, read.Json.GetProperty("finalStretchDays").GetInt32());
        Assert.True(read.Json.GetProperty("resolveNotifications").GetBoolean());
        Assert.True(read.Json.GetProperty("digestContacts").GetBoolean());
        Assert.Equal(replaced.ETag, read.ETag);
    }

    [Theory]
    [InlineData("""{"reminders":"hourly"}""", "reminders")]
    [InlineData("""{"thresholdDays":[]}""", "thresholdDays")]
    [InlineData("""{"thresholdDays":[31]}""", "thresholdDays")]
    [InlineData("""{"thresholdDays":[7,7]}""", "thresholdDays")]
    [InlineData("""{"finalStretchDays":-1}""", "finalStretchDays")]
    [InlineData("""{"resolveNotifications":"yes"}""", "resolveNotifications")]
    public async Task A_bad_policy_is_a_400_naming_the_field_and_changes_nothing(string body, string field)
    {
        var org = ApiHarness.NewOrganization();
        await ApiHarness.SendAsync(_api.Request("""{"reminders":"thresholds"}"""), r => Policies.Replace(r, org, CancellationToken.None));

        var refused = await ApiHarness.SendAsync(_api.Request(body), r => Policies.Replace(r, org, CancellationToken.None));
        var read = await ApiHarness.SendAsync(_api.Request(), r => Policies.Get(r, org, CancellationToken.None));

        Assert.Equal([field], refused.ProblemFields());
        Assert.Equal("thresholds", read.Json.GetProperty("reminders").GetString());
    }

    [Fact]
    public async Task A_snooze_is_set_listed_and_ended_and_unknown_resources_answer_404()
    {
        var org = ApiHarness.NewOrganization();
        await _api.Services.GetRequiredService<IInventoryStore>().UpsertCertificateAsync(
            new Certificate { Id = "web", OrganizationId = org, Subject = "CN=web", NotAfter = ApiHarness.Start.AddDays(10) }, CancellationToken.None);
        var body = new { until = ApiHarness.Start.AddDays(7), reason = "renewal ordered", owner = "ann@example.com" };

        var set = await ApiHarness.SendAsync(_api.Request(body), r => Snoozes.Snooze(r, org, "certificates", "web", CancellationToken.None));
        var listed = await ApiHarness.SendAsync(_api.Request(), r => Snoozes.List(r, org, CancellationToken.None));
        var unknown = await ApiHarness.SendAsync(_api.Request(body), r => Snoozes.Snooze(r, org, "certificates", "nope", CancellationToken.None));
        var badKind = await ApiHarness.SendAsync(_api.Request(body), r => Snoozes.Snooze(r, org, "secrets", "web", CancellationToken.None));
        var tooLong = await ApiHarness.SendAsync(_api.Request(body with { until = ApiHarness.Start.AddDays(31) }), r => Snoozes.Snooze(r, org, "certificates", "web", CancellationToken.None));
        var ended = await ApiHarness.SendAsync(_api.Request(), r => Snoozes.End(r, org, "certificates", "web", CancellationToken.None));
        var endedAgain = await ApiHarness.SendAsync(_api.Request(), r => Snoozes.End(r, org, "certificates", "web", CancellationToken.None));
        var after = await ApiHarness.SendAsync(_api.Request(), r => Snoozes.List(r, org, CancellationToken.None));

        Assert.Equal(200, set.Status);
        Assert.Equal("certificates", set.Json.GetProperty("kind").GetString());
        Assert.Equal("ann@example.com", Assert.Single(listed.Json.GetProperty("items").EnumerateArray()).GetProperty("owner").GetString());
        unknown.AssertProblem(404);
        Assert.Equal(["kind"], badKind.ProblemFields());
        Assert.Equal(["until"], tooLong.ProblemFields());
        Assert.Equal(204, ended.Status);
        endedAgain.AssertProblem(404);
        Assert.Empty(after.Json.GetProperty("items").EnumerateArray());
    }
}
