using MazeVault.Alerts.Core.Delivery;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MazeVault.Alerts.Functions.Tests;

/// <summary>Create and update refuse a URL that names an internal address, unless EGRESS_ALLOWED_NETWORKS opens it.</summary>
public sealed class EgressApiTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private ApiHarness Harness(string allowed = "") =>
        new(azurite, new Dictionary<string, string?> { ["EGRESS_ALLOWED_NETWORKS"] = allowed, ["DELIVERY_QUEUE_NAME"] = "egress-api" },
            (services, configuration) => services.AddAlertsDelivery(configuration));

    public static TheoryData<string, string> InternalBodies => new()
    {
        { """{"type":"slack","name":"S","slackWebhookUrl":"https://169.254.169.254/latest/meta-data"}""", "slackWebhookUrl" },
        { """{"type":"teams","name":"T","teamsWebhookUrl":"https://[::ffff:127.0.0.1]:8443/wf"}""", "teamsWebhookUrl" },
        { """{"type":"webhook","name":"W","webhookUrl":"https://2130706433/hook"}""", "webhookUrl" },
        // IPv4-mapped IPv6 literals of refused ranges, judged as their IPv4 form (issue 29's hostile-input run).
        { """{"type":"slack","name":"S","slackWebhookUrl":"https://[::ffff:127.0.0.1]/"}""", "slackWebhookUrl" },
        { """{"type":"webhook","name":"W","webhookUrl":"https://[0:0:0:0:0:ffff:a9fe:a9fe]/hook"}""", "webhookUrl" },
        { """{"type":"jira","name":"J","jiraBaseUrl":"https://[::FFFF:10.0.0.1]","jiraEmail":"bot@company.com","jiraApiToken":"token-value","jiraProjectKey":"SEC"}""", "jiraBaseUrl" },
        { """{"type":"webhook","name":"W","webhookUrl":"https://localhost/hook"}""", "webhookUrl" },
        { """{"type":"jira","name":"J","jiraBaseUrl":"https://10.0.0.1","jiraEmail":"bot@company.com","jiraApiToken":"token-value","jiraProjectKey":"SEC"}""", "jiraBaseUrl" },
    };

    [Theory]
    [MemberData(nameof(InternalBodies))]
    public async Task A_url_naming_an_internal_address_is_a_400_naming_the_field(string body, string field)
    {
        var api = Harness();

        var response = await ApiHarness.SendAsync(api.Request(body), r => api.Function<IntegrationsApi>().Create(r, ApiHarness.NewOrganization(), CancellationToken.None));

        Assert.Equal([field], response.ProblemFields());
    }

    [Fact]
    public async Task An_on_premises_address_inside_the_allow_list_is_accepted()
    {
        var api = Harness("10.0.0.0/8");

        var response = await ApiHarness.SendAsync(
            api.Request("""{"type":"jira","name":"On-prem","jiraBaseUrl":"https://10.20.30.40/jira","jiraEmail":"bot@company.com","jiraApiToken":"token-value","jiraProjectKey":"SEC"}"""),
            r => api.Function<IntegrationsApi>().Create(r, ApiHarness.NewOrganization(), CancellationToken.None));

        Assert.Equal(201, response.Status);
    }

    [Fact]
    public void A_legacy_teams_webhook_on_an_internal_address_stops_startup()
    {
        var api = new ApiHarness(azurite, new Dictionary<string, string?>
        {
            ["EGRESS_ALLOWED_NETWORKS"] = "", ["DELIVERY_QUEUE_NAME"] = "egress-api", ["TEAMS_WEBHOOK_URL"] = "https://169.254.169.254/webhook",
        }, (services, configuration) => services.AddAlertsDelivery(configuration));

        var error = Assert.Throws<OptionsValidationException>(() => api.Services.GetRequiredService<IOptions<LegacyRecipientsOptions>>().Value);

        Assert.Contains("TEAMS_WEBHOOK_URL must not point at an internal address", error.Message);
    }
}
