using Azure.Data.Tables;
using MazeVault.Alerts.Core.Access;
using MazeVault.Alerts.Core.Delivery;
using MazeVault.Alerts.Core.Integrations;
using MazeVault.Alerts.Core.Inventory;
using MazeVault.Alerts.Core.Noise;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;

namespace MazeVault.Alerts.Functions.Tests;

/// <summary>
/// Every list route pages the same way over Azurite: <c>limit</c> items at most, a continuation token that resumes
/// where the page ended, every item exactly once across the pages, a null token on the last page, and a 400 naming
/// <c>limit</c> or <c>continuationToken</c> when either is bad.
/// </summary>
public sealed class ListPagingTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const int Seeded = 5;
    private readonly ApiHarness _api = new(azurite);

    private static readonly string[] ListNames = ["integrations", "incident-contacts", "snoozes", "deliveries", "access-keys", "access-grants"];

    public static TheoryData<string> Lists => new(ListNames);

    [Theory]
    [MemberData(nameof(Lists))]
    public async Task Pages_of_two_hold_every_item_once_and_the_last_page_has_no_token(string list)
    {
        var owner = ApiHarness.NewOrganization();
        var seeded = await SeedAsync(list, owner);

        var pages = new List<List<string>>();
        string? token = null;
        do
        {
            var response = await ListAsync(list, owner, "?limit=2" + (token is null ? "" : "&continuationToken=" + Uri.EscapeDataString(token)));
            Assert.Equal(200, response.Status);
            pages.Add(Items(list, response).Select(i => Id(list, i)).ToList());
            var next = response.Json.GetProperty("continuationToken");
            token = next.ValueKind == System.Text.Json.JsonValueKind.Null ? null : next.GetString();
        }
        while (token is not null && pages.Count < 500);

        var all = pages.SelectMany(p => p).ToList();
        Assert.Equal(all.Count, all.Distinct().Count());
        Assert.Subset(all.ToHashSet(), seeded.ToHashSet());
        Assert.All(pages[..^1], page => Assert.Equal(2, page.Count));
        Assert.InRange(pages[^1].Count, 0, 2);
        if (list != "access-keys")
        {
            // One organization's (or principal's) list holds exactly what the test wrote; the keys are the platform's.
            Assert.Equal(seeded.Order(StringComparer.Ordinal), all.Order(StringComparer.Ordinal));
            Assert.Equal([2, 2, 1], pages.Select(p => p.Count));
        }
    }

    [Theory]
    [MemberData(nameof(Lists))]
    public async Task Without_a_limit_a_page_holds_up_to_fifty(string list)
    {
        var owner = ApiHarness.NewOrganization();
        var seeded = await SeedAsync(list, owner);

        var response = await ListAsync(list, owner, "");

        Assert.Equal(200, response.Status);
        var items = Items(list, response).Select(i => Id(list, i)).ToList();
        Assert.Subset(items.ToHashSet(), seeded.ToHashSet());
        Assert.InRange(items.Count, Seeded, 50);
    }

    public static TheoryData<string, string> BadPaging => new()
    {
        { "?limit=0", "limit" },
        { "?limit=201", "limit" },
        { "?limit=ten", "limit" },
        { "?limit=-1", "limit" },
        { "?limit=2&limit=3", "limit" },
        { "?continuationToken=not*base64", "continuationToken" },
        // Base64url of "a/b": a RowKey no row can have.
        { "?continuationToken=YS9i", "continuationToken" },
        // Base64url of bytes that are not UTF-8.
        { "?continuationToken=__79", "continuationToken" },
    };

    [Theory]
    [MemberData(nameof(BadPaging))]
    public async Task A_bad_limit_or_token_is_a_400_naming_it_on_every_list(string query, string field)
    {
        foreach (var list in ListNames)
        {
            var response = await ListAsync(list, ApiHarness.NewOrganization(), query);

            response.AssertProblem(400);
            Assert.Equal([field], response.ProblemFields());
        }
    }

    private async Task<List<string>> SeedAsync(string list, string owner)
    {
        var ct = CancellationToken.None;
        var services = _api.Services;
        var ids = new List<string>();
        for (var n = 0; n < Seeded; n++)
        {
            switch (list)
            {
                case "integrations":
                    var created = await ApiHarness.SendAsync(
                        _api.Request($$"""{"type":"email","name":"Mail {{n}}","emailRecipients":["ops{{n}}@example.com"]}"""),
                        r => _api.Function<IntegrationsApi>().Create(r, owner, ct));
                    ids.Add(created.Json.GetProperty("id").GetString()!);
                    break;
                case "incident-contacts":
                    ids.Add((await services.GetRequiredService<IncidentContactService>().CreateAsync(owner,
                        new IncidentContactInput { Name = $"Contact {n}", Email = $"c{n}@example.com", Priority = Seeded - n }, ct)).Id);
                    break;
                case "snoozes":
                    var certificate = $"cert-{n}";
                    await services.GetRequiredService<IInventoryStore>().UpsertCertificateAsync(
                        new Certificate { Id = certificate, OrganizationId = owner, Subject = "CN=" + certificate, NotAfter = ApiHarness.Start.AddDays(10) }, ct);
                    await services.GetRequiredService<SnoozeService>().SnoozeAsync(owner, "certificates", certificate,
                        new SnoozeInput { Until = ApiHarness.Start.AddDays(n + 1), Reason = "renewal ordered", Owner = "ann@example.com" }, ct);
                    ids.Add(certificate);
                    break;
                case "deliveries":
                    var delivery = $"d-{n}-{Guid.NewGuid():N}";
                    await services.GetRequiredService<DeliveryLedger>().AddQueuedAsync(new TableEntity(owner, $"alert-{delivery}"),
                        [new DeliveryRecord
                        {
                            OrganizationId = owner, DeliveryId = delivery, AlertId = $"alert-{delivery}", Target = "legacy:admin-email",
                            Channel = "Email", TargetName = "Admin", Status = DeliveryStatus.Queued, CreatedAt = ApiHarness.Start, UpdatedAt = ApiHarness.Start,
                        }], ct);
                    ids.Add(delivery);
                    break;
                case "access-keys":
                    ids.Add((await services.GetRequiredService<ApiKeyStore>().CreateAsync(
                        new ApiKeyInput { Name = $"{owner}-{n}", Role = "reader", Organizations = [owner] }, "admin", ct)).Id);
                    break;
                case "access-grants":
                    var organization = $"{owner}-{n}";
                    await services.GetRequiredService<AccessGrants>().GrantAsync(owner, organization, null, ct);
                    ids.Add(organization);
                    break;
            }
        }

        return ids;
    }

    private Task<ApiResponse> ListAsync(string list, string owner, string query)
    {
        var request = _api.Request();
        request.Method = "GET";
        request.QueryString = new QueryString(query);
        var ct = CancellationToken.None;
        Func<HttpRequest, Task<IActionResult>> call = list switch
        {
            "integrations" => r => _api.Function<IntegrationsApi>().List(r, owner, ct),
            "incident-contacts" => r => _api.Function<IncidentContactsApi>().List(r, owner, ct),
            "snoozes" => r => _api.Function<SnoozesApi>().List(r, owner, ct),
            "deliveries" => r => _api.Function<DeliveryHistory>().List(r, owner, ct),
            "access-keys" => r => _api.Function<AccessKeysApi>().List(r, ct),
            "access-grants" => r => _api.Function<AccessGrantsApi>().List(r, owner, ct),
            _ => throw new ArgumentOutOfRangeException(nameof(list)),
        };
        return ApiHarness.SendAsync(request, call);
    }

    /// <summary>The page's items; a principal's grants answer keeps its own shape (<c>grants</c> beside <c>organizations</c>).</summary>
    private static IEnumerable<System.Text.Json.JsonElement> Items(string list, ApiResponse response) =>
        response.Json.GetProperty(list == "access-grants" ? "grants" : "items").EnumerateArray();

    private static string Id(string list, System.Text.Json.JsonElement item) => list switch
    {
        "snoozes" => item.GetProperty("resourceId").GetString()!,
        "deliveries" => item.GetProperty("deliveryId").GetString()!,
        "access-grants" => item.GetProperty("organizationId").GetString()!,
        _ => item.GetProperty("id").GetString()!,
    };
}
