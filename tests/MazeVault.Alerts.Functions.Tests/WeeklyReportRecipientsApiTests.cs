
namespace MazeVault.Alerts.Functions.Tests;

public sealed class WeeklyReportRecipientsApiTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private readonly ApiHarness _api = new(azurite);
    private WeeklyReportRecipientsApi Api => _api.Function<WeeklyReportRecipientsApi>();

    private Task<ApiResponse> GetAsync(string org) => ApiHarness.SendAsync(_api.Request(), r => Api.Get(r, org, CancellationToken.None));

    private static List<string?> Recipients(ApiResponse response) =>
        response.Json.GetProperty("recipients").EnumerateArray().Select(e => e.GetString()).ToList();

    [Fact]
    public async Task Recipients_start_empty_and_are_replaced_as_a_whole()
    {
        var org = ApiHarness.NewOrganization();
        var empty = await GetAsync(org);
        Assert.Equal(200, empty.Status);
        Assert.Empty(Recipients(empty));

        var first = await ApiHarness.SendAsync(_api.Request("""{"recipients":["a@example.com","b@example.com"]}"""), r => Api.Replace(r, org, CancellationToken.None));
        var second = await ApiHarness.SendAsync(_api.Request("""{"recipients":["c@example.com","C@example.com"]}""", first.ETag), r => Api.Replace(r, org, CancellationToken.None));

        Assert.Equal(200, first.Status);
        Assert.Equal(200, second.Status);
        var read = await GetAsync(org);
        Assert.Equal(["c@example.com"], Recipients(read));
        Assert.Equal(second.ETag, read.ETag);
    }

    [Fact]
    public async Task Replace_with_a_stale_etag_answers_412_and_keeps_the_list()
    {
        var org = ApiHarness.NewOrganization();
        var first = await ApiHarness.SendAsync(_api.Request("""{"recipients":["a@example.com"]}"""), r => Api.Replace(r, org, CancellationToken.None));
        await ApiHarness.SendAsync(_api.Request("""{"recipients":["b@example.com"]}""", first.ETag), r => Api.Replace(r, org, CancellationToken.None));

        var stale = await ApiHarness.SendAsync(_api.Request("""{"recipients":[]}""", first.ETag), r => Api.Replace(r, org, CancellationToken.None));

        stale.AssertProblem(412);
        Assert.Equal(["b@example.com"], Recipients(await GetAsync(org)));
    }

    [Theory]
    [InlineData("""{}""", "recipients")]
    [InlineData("""{"recipients":null}""", "recipients")]
    [InlineData("""{"recipients":"a@example.com"}""", "recipients")]
    [InlineData("""{"recipients":["a@example.com","nope"]}""", "recipients[1]")]
    [InlineData("""{"recipients":[true]}""", "recipients[0]")]
    [InlineData("""[""", "body")]
    public async Task Invalid_recipients_answer_400_naming_the_field_and_change_nothing(string json, string field)
    {
        var org = ApiHarness.NewOrganization();
        await ApiHarness.SendAsync(_api.Request("""{"recipients":["keep@example.com"]}"""), r => Api.Replace(r, org, CancellationToken.None));

        var response = await ApiHarness.SendAsync(_api.Request(json), r => Api.Replace(r, org, CancellationToken.None));

        Assert.Contains(field, response.ProblemFields());
        Assert.Equal(["keep@example.com"], Recipients(await GetAsync(org)));
    }
}
