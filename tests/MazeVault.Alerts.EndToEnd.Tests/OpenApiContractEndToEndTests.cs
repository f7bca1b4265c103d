using System.Text;
using System.Text.Json.Nodes;
using MazeVault.Alerts.TestSupport;

namespace MazeVault.Alerts.EndToEnd.Tests;

/// <summary>
/// The OpenAPI document against the running app: its example requests are accepted, and real answers (successes and
/// problem+json errors) validate against the schemas it documents for their status. One app process for both tests.
/// </summary>
public sealed class OpenApiContractEndToEndTests(AlertsAppFixture fixture) : IClassFixture<AlertsAppFixture>
{
    private const string Org = "/organizations/{organizationId}";

    [Fact]
    public async Task Every_example_request_is_accepted_by_the_running_app()
    {
        var api = await ApiAsync();
        foreach (var key in api.Contract.OperationKeys())
        {
            var (method, path) = (key[..key.IndexOf(' ')], key[(key.IndexOf(' ') + 1)..]);
            if (api.Contract.RequestExample(method, path) is not JsonObject example)
            {
                continue;
            }

            var values = api.Contract.Parameters(method, path).Where(p => p["in"]!.GetValue<string>() == "path")
                .ToDictionary(p => p["name"]!.GetValue<string>(), p => p["example"]!.GetValue<string>());
            values["organizationId"] = AlertsAppFixture.NewOrganizationId();
            await api.SeedAsync(path, values);
            if (example["until"] is not null)
            {
                // A snooze must end within 30 days of now, which no date written into the document stays.
                example["until"] = DateTimeOffset.UtcNow.AddDays(7).ToString("O");
            }

            var headers = api.Contract.Parameters(method, path)
                .Where(p => p["in"]!.GetValue<string>() == "header" && p["required"]?.GetValue<bool>() == true)
                .ToDictionary(p => p["name"]!.GetValue<string>(), p => p["example"]!.GetValue<string>());
            var status = await api.SendAsync(method, path, values, example, headers);

            api.Expect(status is >= 200 and < 300, $"{key} answered its example with {status}.");
        }

        api.AssertNoProblems();
    }

    [Fact]
    public async Task Every_route_answers_as_documented_successes_and_errors()
    {
        var api = await ApiAsync();
        var org = new Dictionary<string, string> { ["organizationId"] = AlertsAppFixture.NewOrganizationId() };
        // Integrations live in an organization of their own, so no alert of this test reaches a vendor's real URL.
        var integrationsOrg = new Dictionary<string, string> { ["organizationId"] = AlertsAppFixture.NewOrganizationId() };

        await api.CallAsync(200, "GET", "/health");
        await api.CallAsync(200, "GET", "/openapi.json");
        var console = new Dictionary<string, string> { ["path"] = "app.js" };
        api.Expect(await api.SendAsync("GET", "/console/{path}", console, null, []) == 200, "GET /console/app.js did not answer 200.");
        await api.CallAsync(200, "GET", "/email/status");
        await api.CallAsync(200, "POST", "/secrets/reseal");

        // Integrations.
        var integrations = Org + "/integrations";
        var created = await api.CallAsync(201, "POST", integrations, integrationsOrg, api.Example("POST", integrations));
        var item = With(integrationsOrg, "integrationId", created!["id"]!.GetValue<string>());
        var itemPath = integrations + "/{integrationId}";
        await api.CallAsync(200, "GET", integrations, integrationsOrg);
        var read = await api.CallAsync(200, "GET", itemPath, item);
        var updated = await api.CallAsync(200, "PUT", itemPath, item, api.Example("PUT", itemPath), IfMatch(read!["etag"]!.GetValue<string>()));
        await api.CallAsync(412, "PUT", itemPath, item, api.Example("PUT", itemPath), IfMatch(read["etag"]!.GetValue<string>()));
        await api.CallAsync(400, "PUT", itemPath, item, api.Example("PUT", itemPath));
        await api.CallAsync(400, "POST", integrations, integrationsOrg, new JsonObject { ["type"] = "slack" });
        await api.CallAsync(404, "GET", itemPath, With(integrationsOrg, "integrationId", "missing"));
        // The email transport is off here: the test completes with its error and sends nothing.
        var email = await api.CallAsync(201, "POST", integrations, integrationsOrg,
            new JsonObject { ["type"] = "email", ["name"] = "Security team", ["emailRecipients"] = new JsonArray("secops@example.com") });
        var emailItem = With(integrationsOrg, "integrationId", email!["id"]!.GetValue<string>());
        await api.CallAsync(200, "POST", itemPath + "/test", emailItem);
        await api.CallAsync(404, "POST", itemPath + "/test", With(integrationsOrg, "integrationId", "missing"));
        await api.CallAsync(204, "DELETE", itemPath, item, headers: IfMatch(updated!["etag"]!.GetValue<string>()));
        await api.CallAsync(404, "DELETE", itemPath, item, headers: IfMatch("*"));
        var explain = Org + "/routing/explain";
        await api.CallAsync(200, "POST", explain, integrationsOrg, api.Example("POST", explain));
        await api.CallAsync(400, "POST", explain, integrationsOrg, new JsonObject { ["kind"] = "weekly_report" });

        // Incident contacts.
        var contacts = Org + "/incident-contacts";
        var contactPath = contacts + "/{contactId}";
        var contact = await api.CallAsync(201, "POST", contacts, org, api.Example("POST", contacts));
        var contactItem = With(org, "contactId", contact!["id"]!.GetValue<string>());
        await api.CallAsync(200, "GET", contacts, org);
        await api.CallAsync(200, "PUT", contactPath, contactItem, api.Example("PUT", contactPath), IfMatch("*"));
        await api.CallAsync(400, "POST", contacts, org, new JsonObject { ["name"] = "No address" });
        await api.CallAsync(404, "PUT", contactPath, With(org, "contactId", "missing"), api.Example("PUT", contactPath), IfMatch("*"));
        await api.CallAsync(204, "DELETE", contactPath, contactItem, headers: IfMatch("*"));

        // Recipient policy: the rotation configs' example addresses are allowed by its example, not by the default.
        var recipientPolicy = Org + "/recipient-policy";
        await api.CallAsync(200, "GET", recipientPolicy, org);
        await api.CallAsync(422, "PUT", Org + "/rotation-configs/{configId}", With(org, "configId", "rot-1"), api.Example("PUT", Org + "/rotation-configs/{configId}"));
        await api.CallAsync(200, "PUT", recipientPolicy, org, api.Example("PUT", recipientPolicy));
        await api.CallAsync(400, "PUT", recipientPolicy, org, new JsonObject { ["allowedDomains"] = new JsonArray("*.example.com") });

        // Inventory and rotation executions.
        var certificate = With(org, "certificateId", "cert-1");
        var config = With(org, "configId", "rot-1");
        await api.CallAsync(200, "PUT", Org + "/certificates/{certificateId}", certificate, api.Example("PUT", Org + "/certificates/{certificateId}"));
        await api.CallAsync(400, "PUT", Org + "/certificates/{certificateId}", certificate, new JsonObject { ["subject"] = "CN=no-date" });
        await api.CallAsync(200, "PUT", Org + "/rotation-configs/{configId}", config, api.Example("PUT", Org + "/rotation-configs/{configId}"));
        await api.CallAsync(200, "POST", Org + "/inventory/import", org, api.Example("POST", Org + "/inventory/import"));
        await api.CallAsync(400, "POST", Org + "/inventory/import", org, new JsonObject { ["certificates"] = new JsonArray(new JsonObject { ["id"] = "c" }) });
        var executions = Org + "/rotation-configs/{configId}/executions";
        await api.CallAsync(202, "POST", executions, config, api.Example("POST", executions));
        await api.CallAsync(404, "POST", executions, With(org, "configId", "missing"), api.Example("POST", executions));
        await api.CallAsync(400, "POST", executions, config, new JsonObject { ["status"] = "maybe" });

        // Incidents, audit events, deliveries.
        await api.CallAsync(202, "POST", Org + "/incidents", org, api.Example("POST", Org + "/incidents"));
        await api.CallAsync(400, "POST", Org + "/incidents", org, new JsonObject { ["severity"] = "apocalyptic" });
        await api.CallAsync(200, "GET", Org + "/audit-events", org);
        await api.CallAsync(400, "GET", Org + "/audit-events", org, query: "?limit=0");
        var deliveries = await api.CallAsync(200, "GET", Org + "/deliveries", org);
        await api.CallAsync(400, "GET", Org + "/deliveries", org, query: "?status=lost");
        var deliveryId = deliveries!["items"]!.AsArray().First()!["deliveryId"]!.GetValue<string>();
        await api.CallAsync(200, "GET", Org + "/deliveries/{deliveryId}", With(org, "deliveryId", deliveryId));
        await api.CallAsync(404, "GET", Org + "/deliveries/{deliveryId}", With(org, "deliveryId", "missing"));

        // Weekly report.
        var recipients = Org + "/weekly-report/recipients";
        await api.CallAsync(200, "GET", recipients, org);
        var preview = await api.CallAsync(200, "GET", Org + "/weekly-report/preview", org);
        api.Expect(preview?["targets"]?.GetValue<int>() == 0, "The preview counts no target before recipients are set.");
        await api.CallAsync(400, "GET", Org + "/weekly-report/preview", org, query: "?format=pdf");
        await api.CallAsync(200, "POST", Org + "/weekly-report/send", org);
        await api.CallAsync(200, "PUT", recipients, org, api.Example("PUT", recipients));
        await api.CallAsync(400, "PUT", recipients, org, new JsonObject { ["recipients"] = new JsonArray("not-an-address") });
        await api.CallAsync(202, "POST", Org + "/weekly-report/send", org);
        await api.CallAsync(400, "POST", Org + "/weekly-report/send", org, query: "?force=maybe");

        // Noise control.
        var policy = Org + "/alert-policy";
        await api.CallAsync(200, "GET", policy, org);
        await api.CallAsync(200, "PUT", policy, org, api.Example("PUT", policy));
        await api.CallAsync(400, "PUT", policy, org, new JsonObject { ["reminders"] = "weekly" });
        var snooze = Org + "/snoozes/{kind}/{resourceId}";
        var snoozed = With(With(org, "kind", "certificates"), "resourceId", "cert-1");
        var until = new JsonObject { ["until"] = DateTimeOffset.UtcNow.AddDays(7).ToString("O"), ["reason"] = "Renewal ordered", ["owner"] = "jana@example.com" };
        await api.CallAsync(200, "PUT", snooze, snoozed, until);
        await api.CallAsync(200, "GET", Org + "/snoozes", org);
        await api.CallAsync(404, "PUT", snooze, With(snoozed, "resourceId", "missing"), until.DeepClone());
        await api.CallAsync(400, "PUT", snooze, snoozed, new JsonObject { ["reason"] = "no end" });
        await api.CallAsync(204, "DELETE", snooze, snoozed);
        await api.CallAsync(404, "DELETE", snooze, snoozed);

        // Access grants.
        var grant = new Dictionary<string, string> { ["principalId"] = Guid.NewGuid().ToString(), ["organizationId"] = org["organizationId"] };
        var grants = "/access/principals/{principalId}/organizations";
        await api.CallAsync(201, "PUT", grants + "/{organizationId}", grant);
        await api.CallAsync(204, "PUT", grants + "/{organizationId}", grant, api.Example("PUT", grants + "/{organizationId}"));
        await api.CallAsync(400, "PUT", grants + "/{organizationId}", grant, new JsonObject { ["role"] = "owner" });
        await api.CallAsync(200, "GET", grants, grant);
        await api.CallAsync(204, "DELETE", grants + "/{organizationId}", grant);
        await api.CallAsync(404, "DELETE", grants + "/{organizationId}", grant);

        // API keys and the platform trail.
        var key = await api.CallAsync(201, "POST", "/access/keys", body: api.Example("POST", "/access/keys"));
        await api.CallAsync(400, "POST", "/access/keys", body: new JsonObject { ["name"] = "no role", ["organizations"] = new JsonArray("acme") });
        await api.CallAsync(200, "GET", "/access/keys");
        var keyItem = new Dictionary<string, string> { ["keyId"] = key!["id"]!.GetValue<string>() };
        await api.CallAsync(204, "DELETE", "/access/keys/{keyId}", keyItem);
        await api.CallAsync(404, "DELETE", "/access/keys/{keyId}", keyItem);
        await api.CallAsync(200, "GET", "/access/audit-events");
        await api.CallAsync(200, "GET", "/access/me");
        await api.CallAsync(200, "GET", "/channels");
        await api.CallAsync(400, "GET", "/access/audit-events", query: "?limit=0");

        // A route added later must be exercised here too.
        api.Expect(!api.Contract.OperationKeys().Except(api.Called).Any(),
            $"Not exercised: [{string.Join(", ", api.Contract.OperationKeys().Except(api.Called))}].");
        api.AssertNoProblems();
    }

    private static Dictionary<string, string> With(Dictionary<string, string> values, string name, string value) => new(values) { [name] = value };

    private static Dictionary<string, string> IfMatch(string etag) => new() { ["If-Match"] = etag };

    private async Task<ContractClient> ApiAsync()
    {
        using var response = await fixture.Client.GetAsync("api/openapi.json");
        await HostAssert.StatusAsync(fixture.App, System.Net.HttpStatusCode.OK, response);
        return new ContractClient(fixture, new OpenApiContract(await response.Content.ReadAsStringAsync()));
    }

    /// <summary>Sends requests by their documented path and checks each answer against the document, collecting every mismatch.</summary>
    private sealed class ContractClient(AlertsAppFixture fixture, OpenApiContract contract)
    {
        private readonly List<string> _problems = [];

        public OpenApiContract Contract => contract;

        public HashSet<string> Called { get; } = [];

        public JsonNode Example(string method, string path) => contract.RequestExample(method, path)!;

        public void Expect(bool condition, string problem)
        {
            if (!condition)
            {
                _problems.Add(problem);
            }
        }

        public void AssertNoProblems() => Assert.True(_problems.Count == 0, string.Join('\n', _problems));

        /// <summary>What a path parameter names must exist before the example that uses it: create it with the document's own example.</summary>
        public async Task SeedAsync(string path, Dictionary<string, string> values)
        {
            if (path.Contains("/rotation-configs/", StringComparison.Ordinal) || path.EndsWith("/inventory/import", StringComparison.Ordinal))
            {
                // The examples' notification addresses need an admin's recipient policy: the document's own example allows them.
                await CallAsync(200, "PUT", Org + "/recipient-policy", values, Example("PUT", Org + "/recipient-policy"));
            }

            if (path.Contains("{integrationId}", StringComparison.Ordinal))
            {
                var created = await CallAsync(201, "POST", Org + "/integrations", values, Example("POST", Org + "/integrations"));
                values["integrationId"] = created!["id"]!.GetValue<string>();
            }

            if (path.Contains("{contactId}", StringComparison.Ordinal))
            {
                var created = await CallAsync(201, "POST", Org + "/incident-contacts", values, Example("POST", Org + "/incident-contacts"));
                values["contactId"] = created!["id"]!.GetValue<string>();
            }

            if (path.EndsWith("/snoozes/{kind}/{resourceId}", StringComparison.Ordinal))
            {
                await CallAsync(200, "PUT", Org + "/certificates/{certificateId}", With(values, "certificateId", values["resourceId"]), Example("PUT", Org + "/certificates/{certificateId}"));
            }

            if (path.EndsWith("/rotation-configs/{configId}/executions", StringComparison.Ordinal))
            {
                await CallAsync(200, "PUT", Org + "/rotation-configs/{configId}", values, Example("PUT", Org + "/rotation-configs/{configId}"));
            }
        }

        /// <summary>Sends one request, expects <paramref name="expected"/>, and answers the parsed body (null without one).</summary>
        public async Task<JsonNode?> CallAsync(
            int expected, string method, string path, Dictionary<string, string>? values = null, JsonNode? body = null,
            Dictionary<string, string>? headers = null, string query = "")
        {
            var (status, text) = await SendRawAsync(method, path, values ?? [], body, headers ?? [], query);
            Expect(status == expected, $"{method} {path}{query}: expected {expected}, got {status}: {text}");
            return text.Length > 0 && status == expected ? JsonNode.Parse(text) : null;
        }

        public async Task<int> SendAsync(string method, string path, Dictionary<string, string> values, JsonNode? body, Dictionary<string, string> headers) =>
            (await SendRawAsync(method, path, values, body, headers, "")).Status;

        private async Task<(int Status, string Text)> SendRawAsync(
            string method, string path, Dictionary<string, string> values, JsonNode? body, Dictionary<string, string> headers, string query)
        {
            Called.Add($"{method} {path}");
            var url = values.Aggregate(path, (current, value) => current.Replace($"{{{value.Key}}}", Uri.EscapeDataString(value.Value), StringComparison.Ordinal));
            using var request = new HttpRequestMessage(new HttpMethod(method), "api" + url + query);
            if (body is not null)
            {
                request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
            }

            foreach (var (name, value) in headers)
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }

            using var response = await fixture.Client.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            var status = (int)response.StatusCode;
            _problems.AddRange(contract.ResponseErrors(method, path, status, response.Content.Headers.ContentType?.MediaType, text)
                .Select(e => $"{method} {url}{query} {status}: {e}"));
            return (status, text);
        }
    }
}
