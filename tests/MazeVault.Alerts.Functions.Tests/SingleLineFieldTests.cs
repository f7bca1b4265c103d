using System.Text.Json;
using MazeVault.Alerts.Core.Delivery;
using MazeVault.Alerts.Core.Rules;
using Microsoft.Extensions.DependencyInjection;

namespace MazeVault.Alerts.Functions.Tests;

/// <summary>
/// Names, types and other one-line fields refuse control characters and bidirectional overrides with a 400 naming the
/// field (a U+202E shows a name reversed in every list and vendor title); free text keeps its lines and loses them.
/// </summary>
public sealed class SingleLineFieldTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    public static TheoryData<string> Hidden => new() { "\u0000", "\u001f", "\n", "\u007f", "\u2028", "\u202e", "\u2066" };

    private ApiHarness Harness() =>
        new(azurite, new Dictionary<string, string?> { ["DELIVERY_QUEUE_NAME"] = "single-line" }, (services, configuration) => services.AddAlertsDelivery(configuration));

    private static string Json(object body) => JsonSerializer.Serialize(body, JsonSerializerOptions.Web);

    [Theory]
    [MemberData(nameof(Hidden))]
    public async Task A_name_type_or_address_with_a_control_or_bidi_character_is_a_400_naming_the_field(string hidden)
    {
        var api = Harness();
        var org = ApiHarness.NewOrganization();
        var named = "prod" + hidden + "db";

        var calls = new (string Field, Func<Task<ApiResponse>> Call)[]
        {
            ("name", () => ApiHarness.SendAsync(api.Request(Json(new { type = "slack", name = named, slackWebhookUrl = "https://hooks.slack.com/services/T/B/x" })),
                r => api.Function<IntegrationsApi>().Create(r, org, CancellationToken.None))),
            ("slackChannel", () => ApiHarness.SendAsync(api.Request(Json(new { type = "slack", name = "S", slackWebhookUrl = "https://hooks.slack.com/services/T/B/x", slackChannel = "#se" + hidden + "c" })),
                r => api.Function<IntegrationsApi>().Create(r, org, CancellationToken.None))),
            ("role", () => ApiHarness.SendAsync(api.Request(Json(new { name = "Ann", email = "ann@example.com", role = "Le" + hidden + "ad", priority = 1 })),
                r => api.Function<IncidentContactsApi>().Create(r, org, CancellationToken.None))),
            ("email", () => ApiHarness.SendAsync(api.Request(Json(new { name = "Ann", email = "ann" + hidden + "@example.com", priority = 1 })),
                r => api.Function<IncidentContactsApi>().Create(r, org, CancellationToken.None))),
            ("type", () => ApiHarness.SendAsync(api.Request(Json(new { type = "unauth" + hidden + "orized", severity = "high", affectedResourceName = "db", detectedAt = ApiHarness.Start })),
                r => api.Function<Incidents>().Create(r, org, CancellationToken.None))),
            ("affectedResourceName", () => ApiHarness.SendAsync(api.Request(Json(new { type = "x", severity = "high", affectedResourceName = named, detectedAt = ApiHarness.Start })),
                r => api.Function<Incidents>().Create(r, org, CancellationToken.None))),
            ("secretName", () => ApiHarness.SendAsync(api.Request(Json(new { secretName = named })),
                r => api.Function<InventoryApi>().UpsertRotationConfig(r, org, "db", CancellationToken.None))),
            ("subject", () => ApiHarness.SendAsync(api.Request(Json(new { subject = "CN=" + named, notAfter = ApiHarness.Start.AddDays(10) })),
                r => api.Function<InventoryApi>().UpsertCertificate(r, org, "c1", CancellationToken.None))),
        };

        foreach (var (field, call) in calls)
        {
            var response = await call();
            Assert.True(response.Status == 400, $"{field}: {response.Status} {response.Body}");
            Assert.Equal([field], response.ProblemFields());
        }

        Assert.Empty(await api.Services.GetRequiredService<DeliveryLedger>().QueryAsync(org, new DeliveryQuery(), CancellationToken.None).ToListAsync());
    }

    [Fact]
    public async Task Free_text_keeps_its_lines_and_loses_hidden_controls_and_bidi_overrides()
    {
        var api = Harness();
        var org = ApiHarness.NewOrganization();

        // A recipient, so that the incident's alert (and its text) is stored.
        await ApiHarness.SendAsync(api.Request(Json(new { name = "Ann", email = "ann@example.com", priority = 1 })),
            r => api.Function<IncidentContactsApi>().Create(r, org, CancellationToken.None));
        var stored = await ApiHarness.SendAsync(
            api.Request(Json(new { secretName = "db", status = "failed", lastError = "vault\u202e said\r\nno\u0000 way\u0007" })),
            r => api.Function<InventoryApi>().UpsertRotationConfig(r, org, "db", CancellationToken.None));
        var incident = await api.Services.GetRequiredService<IncidentService>().ReportAsync(
            org, new IncidentRequest { Type = "x", Severity = "low", AffectedResourceName = "db", DetectedAt = ApiHarness.Start, ChangeDetails = "read\u2066 by\nroot\u0000" },
            null, CancellationToken.None);

        Assert.Equal(200, stored.Status);
        Assert.Equal("vault said\r\nno way", JsonDocument.Parse(stored.Body).RootElement.GetProperty("lastError").GetString());
        var alert = await api.Services.GetRequiredService<AlertStore>().GetAsync(org, incident.IncidentId, CancellationToken.None);
        Assert.Contains(alert!.Notification.Facts, f => f.Value == "read by\nroot");
    }
}
