
namespace MazeVault.Alerts.Functions.Tests;

public sealed class IncidentContactsApiTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private readonly ApiHarness _api = new(azurite);
    private IncidentContactsApi Api => _api.Function<IncidentContactsApi>();

    private Task<ApiResponse> CreateAsync(string org, string json) =>
        ApiHarness.SendAsync(_api.Request(json), r => Api.Create(r, org, CancellationToken.None));

    private async Task<List<string?>> ListNamesAsync(string org)
    {
        var listed = await ApiHarness.SendAsync(_api.Request(), r => Api.List(r, org, CancellationToken.None));
        Assert.Equal(200, listed.Status);
        return listed.Json.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("name").GetString()).ToList();
    }

    [Fact]
    public async Task Contacts_are_created_and_listed_with_their_priority()
    {
        var org = ApiHarness.NewOrganization();

        var devops = await CreateAsync(org, """{"name":"Dev Ops","email":"devops@example.com","role":"DevOps","priority":2}""");
        await CreateAsync(org, """{"name":"Sec Lead","email":"lead@example.com","role":"Security Lead","priority":1}""");
        await CreateAsync(org, """{"name":"Default","email":"default@example.com"}""");

        Assert.Equal(201, devops.Status);
        var id = devops.Json.GetProperty("id").GetString();
        Assert.Equal($"/api/organizations/{org}/incident-contacts/{id}", devops.Location);
        Assert.Equal(devops.ETag, devops.Json.GetProperty("etag").GetString());
        Assert.Equal("DevOps", devops.Json.GetProperty("role").GetString());
        var listed = await ApiHarness.SendAsync(_api.Request(), r => Api.List(r, org, CancellationToken.None));
        var priorities = listed.Json.GetProperty("items").EnumerateArray()
            .ToDictionary(c => c.GetProperty("name").GetString()!, c => c.GetProperty("priority").GetInt32());
        Assert.Equal(new Dictionary<string, int> { ["Default"] = 0, ["Sec Lead"] = 1, ["Dev Ops"] = 2 }, priorities);
    }

    [Fact]
    public async Task Update_needs_the_current_etag_and_delete_removes()
    {
        var org = ApiHarness.NewOrganization();
        var created = await CreateAsync(org, """{"name":"Lead","email":"lead@example.com","priority":1}""");
        var id = created.Json.GetProperty("id").GetString()!;
        const string change = """{"name":"Lead","email":"lead@example.com","priority":9}""";

        var missingEtag = await ApiHarness.SendAsync(_api.Request(change), r => Api.Update(r, org, id, CancellationToken.None));
        var updated = await ApiHarness.SendAsync(_api.Request(change, created.ETag), r => Api.Update(r, org, id, CancellationToken.None));
        var stale = await ApiHarness.SendAsync(_api.Request("""{"name":"Stale","email":"lead@example.com"}""", created.ETag), r => Api.Update(r, org, id, CancellationToken.None));
        var staleDelete = await ApiHarness.SendAsync(_api.Request(ifMatch: created.ETag), r => Api.Delete(r, org, id, CancellationToken.None));

        Assert.Equal(["If-Match"], missingEtag.ProblemFields());
        Assert.Equal(200, updated.Status);
        Assert.Equal(9, updated.Json.GetProperty("priority").GetInt32());
        stale.AssertProblem(412);
        staleDelete.AssertProblem(412);
        Assert.Equal(["Lead"], await ListNamesAsync(org));

        var deleted = await ApiHarness.SendAsync(_api.Request(ifMatch: updated.ETag), r => Api.Delete(r, org, id, CancellationToken.None));
        Assert.Equal(204, deleted.Status);
        Assert.Empty(await ListNamesAsync(org));
        var again = await ApiHarness.SendAsync(_api.Request(ifMatch: "*"), r => Api.Delete(r, org, id, CancellationToken.None));
        again.AssertProblem(404);
        var updateGone = await ApiHarness.SendAsync(_api.Request(change, "*"), r => Api.Update(r, org, id, CancellationToken.None));
        updateGone.AssertProblem(404);
    }

    [Theory]
    [InlineData("""{"email":"a@example.com"}""", "name")]
    [InlineData("""{"name":"","email":"a@example.com"}""", "name")]
    [InlineData("""{"name":"A"}""", "email")]
    [InlineData("""{"name":"A","email":"not an email"}""", "email")]
    [InlineData("""{"name":"A","email":"a@example.com","priority":-1}""", "priority")]
    [InlineData("""{"name":"A","email":"a@example.com","priority":10001}""", "priority")]
    [InlineData("""{"name":"A","email":"a@example.com","priority":"high"}""", "priority")]
    [InlineData("""{"name":"A","email":"a@example.com","priority":1.5}""", "priority")]
    [InlineData("""{"name":"A","email":"a@example.com","role":7}""", "role")]
    [InlineData("""{"name":"A",""", "body")]
    [InlineData("", "body")]
    public async Task Invalid_contact_answers_400_naming_the_field_and_stores_nothing(string json, string field)
    {
        var org = ApiHarness.NewOrganization();

        var response = await CreateAsync(org, json);

        Assert.Contains(field, response.ProblemFields());
        Assert.Empty(await ListNamesAsync(org));
    }
}
