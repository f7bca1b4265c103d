using System.Text.Json;

namespace MazeVault.Alerts.Functions.Tests;

/// <summary>
/// Reads the functions.metadata the Functions SDK generated at build, so a wrong trigger attribute (route, method,
/// auth level, queue, schedule) fails here instead of in Azure. Add one row per new function.
/// </summary>
public sealed class FunctionsMetadataTests
{
    /// <summary>What one function's trigger binding must say; null members are not checked.</summary>
    public sealed record ExpectedFunction(
        string Name,
        string Trigger,
        string? Route = null,
        string[]? Methods = null,
        string? AuthLevel = null,
        string? QueueName = null,
        string? Connection = null,
        string? Schedule = null)
    {
        public override string ToString() => Name;
    }

    private const string Org = "organizations/{organizationId}";

    // Every HTTP function is anonymous at the host: the app's access middleware is the one gate (FunctionAccess).
    private static ExpectedFunction Http(string name, string method, string route) =>
        new(name, "httpTrigger", route, [method], "Anonymous");

    public static readonly IReadOnlyList<ExpectedFunction> Expected =
    [
        Http("Health", "get", "health"),
        Http("GetOpenApiDocument", "get", "openapi.json"),
        Http("GetConsole", "get", "console/{*path}"),
        Http("ListIntegrations", "get", $"{Org}/integrations"),
        Http("CreateIntegration", "post", $"{Org}/integrations"),
        Http("GetIntegration", "get", $"{Org}/integrations/{{integrationId}}"),
        Http("UpdateIntegration", "put", $"{Org}/integrations/{{integrationId}}"),
        Http("DeleteIntegration", "delete", $"{Org}/integrations/{{integrationId}}"),
        Http("ListIncidentContacts", "get", $"{Org}/incident-contacts"),
        Http("CreateIncidentContact", "post", $"{Org}/incident-contacts"),
        Http("UpdateIncidentContact", "put", $"{Org}/incident-contacts/{{contactId}}"),
        Http("DeleteIncidentContact", "delete", $"{Org}/incident-contacts/{{contactId}}"),
        Http("UpsertCertificate", "put", $"{Org}/certificates/{{certificateId}}"),
        Http("UpsertRotationConfig", "put", $"{Org}/rotation-configs/{{configId}}"),
        Http("ImportInventory", "post", $"{Org}/inventory/import"),
        Http("GetWeeklyReportRecipients", "get", $"{Org}/weekly-report/recipients"),
        Http("ReplaceWeeklyReportRecipients", "put", $"{Org}/weekly-report/recipients"),
        Http("GetAlertPolicy", "get", $"{Org}/alert-policy"),
        Http("ReplaceAlertPolicy", "put", $"{Org}/alert-policy"),
        Http("GetRecipientPolicy", "get", $"{Org}/recipient-policy"),
        Http("ReplaceRecipientPolicy", "put", $"{Org}/recipient-policy"),
        Http("ListSnoozes", "get", $"{Org}/snoozes"),
        Http("SnoozeResource", "put", $"{Org}/snoozes/{{kind}}/{{resourceId}}"),
        Http("EndSnooze", "delete", $"{Org}/snoozes/{{kind}}/{{resourceId}}"),
        // Channels.
        Http("TestIntegration", "post", $"{Org}/integrations/{{integrationId}}/test"),
        Http("EmailStatus", "get", "email/status"),
        // Alert engine.
        Http("CreateIncident", "post", $"{Org}/incidents"),
        Http("ReportRotationExecution", "post", $"{Org}/rotation-configs/{{configId}}/executions"),
        Http("DeliveryHistory", "get", $"{Org}/deliveries"),
        Http("GetDelivery", "get", $"{Org}/deliveries/{{deliveryId}}"),
        Http("ExplainRouting", "post", $"{Org}/routing/explain"),
        Http("ListAuditEvents", "get", $"{Org}/audit-events"),
        new("DailyCheck", "timerTrigger", Schedule: "%DAILY_CHECK_SCHEDULE%"),
        new("SendDelivery", "queueTrigger", QueueName: "%DELIVERY_QUEUE_NAME%"),
        new("RecordPoisonDelivery", "queueTrigger", QueueName: "%DELIVERY_QUEUE_NAME%-poison"),
        // Weekly report.
        new("WeeklyReport", "timerTrigger", Schedule: "%WEEKLY_REPORT_SCHEDULE%"),
        Http("SendWeeklyReport", "post", $"{Org}/weekly-report/send"),
        Http("PreviewWeeklyReport", "get", $"{Org}/weekly-report/preview"),
        // Retention.
        new("Retention", "timerTrigger", Schedule: "%RETENTION_SCHEDULE%"),
        // Secrets at rest.
        Http("ResealSecrets", "post", "secrets/reseal"),
        // Access grants.
        Http("ListAccessGrants", "get", "access/principals/{principalId}/organizations"),
        Http("GrantOrganization", "put", "access/principals/{principalId}/organizations/{organizationId}"),
        Http("RevokeOrganization", "delete", "access/principals/{principalId}/organizations/{organizationId}"),
        // API keys and the platform trail.
        Http("CreateApiKey", "post", "access/keys"),
        Http("ListApiKeys", "get", "access/keys"),
        Http("RevokeApiKey", "delete", "access/keys/{keyId}"),
        Http("ListPlatformAuditEvents", "get", "access/audit-events"),
        Http("GetCallerProfile", "get", "access/me"),
        Http("ListChannels", "get", "channels"),
    ];

    public static TheoryData<ExpectedFunction> Rows => new(Expected);

    internal static readonly Lazy<Dictionary<string, JsonElement>> Metadata = new(() =>
    {
        var path = Path.Combine(Path.GetDirectoryName(typeof(Composition).Assembly.Location)!, "functions.metadata");
        Assert.True(File.Exists(path), $"The Functions SDK did not generate {path}.");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.EnumerateArray().ToDictionary(f => f.GetProperty("name").GetString()!, f => f.Clone());
    });

    [Fact]
    public void Every_built_function_has_a_row_here_and_every_row_a_built_function()
    {
        var built = Metadata.Value.Keys.Order().ToList();
        var expected = Expected.Select(e => e.Name).Order().ToList();

        Assert.True(built.SequenceEqual(expected),
            $"functions.metadata and this table differ. Missing rows: [{string.Join(", ", built.Except(expected))}]; rows without a function: [{string.Join(", ", expected.Except(built))}].");
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public void Trigger_binding_matches_the_agreed_contract(ExpectedFunction expected)
    {
        Assert.True(Metadata.Value.TryGetValue(expected.Name, out var function), $"{expected.Name} is not in functions.metadata.");
        var triggers = function.GetProperty("bindings").EnumerateArray()
            .Where(b => b.GetProperty("type").GetString()!.EndsWith("Trigger", StringComparison.Ordinal))
            .ToList();
        var trigger = Assert.Single(triggers);

        Assert.Equal(expected.Trigger, trigger.GetProperty("type").GetString());
        AssertProperty(trigger, "route", expected.Route);
        AssertProperty(trigger, "authLevel", expected.AuthLevel);
        AssertProperty(trigger, "queueName", expected.QueueName);
        AssertProperty(trigger, "connection", expected.Connection);
        AssertProperty(trigger, "schedule", expected.Schedule);
        if (expected.Methods is not null)
        {
            var methods = trigger.GetProperty("methods").EnumerateArray().Select(m => m.GetString()!.ToLowerInvariant()).Order();
            Assert.Equal(expected.Methods.Order(), methods);
        }
    }

    private static void AssertProperty(JsonElement binding, string name, string? expected)
    {
        if (expected is null)
        {
            return;
        }

        Assert.True(binding.TryGetProperty(name, out var actual), $"The trigger binding has no '{name}'.");
        Assert.Equal(expected, actual.GetString());
    }
}
