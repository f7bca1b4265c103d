using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MazeVault.Alerts.TestSupport;

namespace MazeVault.Alerts.Infra.Tests;

/// <summary>The service's own alert rules (infra/modules/alerts.bicep), as compiled, checked against the app's log calls.</summary>
public sealed partial class AlertRulesTests(CompiledMainTemplate main) : IClassFixture<CompiledMainTemplate>
{
    private const string PoisonMessages = "poison-messages";
    private const string FailedDeliveries = "failed-deliveries";
    private const string DailyCheckMissing = "daily-check-missing";
    private const string WeeklyReportMissing = "weekly-report-missing";
    private const string QuotaReached = "quota-reached";

    /// <summary>Every message template the app logs with, read from the Core and Functions sources.</summary>
    private static readonly Lazy<IReadOnlyList<string>> LogTemplates = new(ReadLogTemplates);

    private ArmTemplate Alerts => main.Root.Modules.Single(m => m.Name == "alerts");

    private IReadOnlyDictionary<string, JsonObject> Rules =>
        Alerts.Variable("rules")!.AsArray().OfType<JsonObject>().ToDictionary(r => ArmTemplate.Text(r["name"]), StringComparer.Ordinal);

    [Fact]
    public void The_five_health_rules_exist_enabled_as_log_alerts_on_the_application_insights_component()
    {
        var (module, rule) = Assert.Single(main.Root.ResourcesOfType("Microsoft.Insights/scheduledQueryRules"));
        var properties = rule["properties"]!;

        Assert.Same(Alerts.Json, module.Json);
        Assert.Equal([DailyCheckMissing, FailedDeliveries, PoisonMessages, QuotaReached, WeeklyReportMissing], Rules.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("[length(variables('rules'))]", ArmTemplate.Text(rule["copy"]!["count"]));
        Assert.Equal("LogAlert", ArmTemplate.Text(rule["kind"]));
        Assert.True(properties["enabled"]!.GetValue<bool>());
        Assert.Equal(["[parameters('applicationInsightsId')]"], properties["scopes"]!.AsArray().Select(ArmTemplate.Text));

        // The scope is the component the app's telemetry goes to: the monitoring module's one Application Insights.
        Assert.Equal("[reference(resourceId('Microsoft.Resources/deployments', 'monitoring'), '2025-04-01').outputs.applicationInsightsId.value]",
            ArmTemplate.Text(module.PassedParameter("applicationInsightsId")));
        var (monitoring, component) = Assert.Single(main.Root.ResourcesOfType("Microsoft.Insights/components"));
        Assert.Equal("monitoring", monitoring.Name);
        Assert.Equal($"[resourceId('Microsoft.Insights/components', {NameArgument(component)})]",
            ArmTemplate.Text(monitoring.Json["outputs"]!["applicationInsightsId"]!["value"]));
        // The component the Function App reports to is that same one.
        Assert.Contains("'monitoring'", ArmTemplate.Text(main.Root.Modules.Single(m => m.Name == "functionApp").PassedParameter("applicationInsightsConnectionString")), StringComparison.Ordinal);

        // Every rule fires when its query returns a row.
        var condition = Assert.Single(properties["criteria"]!["allOf"]!.AsArray())!;
        Assert.Equal("[variables('rules')[copyIndex()].query]", ArmTemplate.Text(condition["query"]));
        Assert.Equal("Count", ArmTemplate.Text(condition["timeAggregation"]));
        Assert.Equal("GreaterThan", ArmTemplate.Text(condition["operator"]));
        Assert.Equal(0, condition["threshold"]!.GetValue<int>());
    }

    [Fact]
    public void Every_rule_notifies_the_action_group_that_emails_the_alertEmail_parameter()
    {
        var (module, group) = Assert.Single(main.Root.ResourcesOfType("Microsoft.Insights/actionGroups"));
        var (_, rule) = Assert.Single(main.Root.ResourcesOfType("Microsoft.Insights/scheduledQueryRules"));
        var receiver = Assert.Single(group["properties"]!["emailReceivers"]!.AsArray())!;

        Assert.True(group["properties"]!["enabled"]!.GetValue<bool>());
        Assert.Equal("[parameters('alertEmail')]", ArmTemplate.Text(receiver["emailAddress"]));
        Assert.Equal("[parameters('alertEmail')]", ArmTemplate.Text(module.PassedParameter("alertEmail")));
        Assert.Equal("", ArmTemplate.Text(main.Root.ParameterDeclaration("alertEmail")!["defaultValue"]));

        // No email, no action group; the rules still deploy, with no action.
        Assert.Equal("[not(empty(parameters('alertEmail')))]", ArmTemplate.Text(group["condition"]));
        Assert.Equal($"[if(empty(parameters('alertEmail')), createArray(), createArray(resourceId('Microsoft.Insights/actionGroups', {NameArgument(group)})))]",
            ArmTemplate.Text(rule["properties"]!["actions"]!["actionGroups"]));
    }

    [Fact]
    public void Rules_look_at_the_windows_the_alerts_promise()
    {
        Assert.Equal("PT15M", ArmTemplate.Text(Rules[FailedDeliveries]["windowSize"]));
        Assert.Equal("PT15M", ArmTemplate.Text(Rules[PoisonMessages]["windowSize"]));
        Assert.Equal("PT15M", ArmTemplate.Text(Rules[QuotaReached]["windowSize"]));

        // 26 hours is more than one window: the query says it and the query time range covers it.
        Assert.Contains("ago(26h)", Query(DailyCheckMissing), StringComparison.Ordinal);
        Assert.True(System.Xml.XmlConvert.ToTimeSpan(ArmTemplate.Text(Rules[DailyCheckMissing]["overrideQueryTimeRange"])) >= TimeSpan.FromHours(26));

        // Hourly, from Monday 08:00 Prague, with both of Prague's UTC offsets.
        Assert.Equal("PT1H", ArmTemplate.Text(Rules[WeeklyReportMissing]["evaluationFrequency"]));
        Assert.Contains("localNow >= mondayLocal + 8h", Query(WeeklyReportMissing), StringComparison.Ordinal);
        Assert.Contains("2h, 1h", Query(WeeklyReportMissing), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(PoisonMessages)]
    [InlineData(FailedDeliveries)]
    [InlineData(DailyCheckMissing)]
    [InlineData(WeeklyReportMissing)]
    [InlineData(QuotaReached)]
    public void Every_text_a_rule_matches_is_in_a_log_line_the_app_writes(string rule)
    {
        var texts = MessageMatch().Matches(Query(rule)).ToList();

        Assert.NotEmpty(texts);
        foreach (var text in texts)
        {
            var quoted = text.Groups["text"].Value;
            // startswith must hold for the whole line; the others anywhere in it.
            var written = text.Groups["op"].Value == "startswith"
                ? LogTemplates.Value.Any(t => t.StartsWith(quoted, StringComparison.Ordinal))
                : LogTemplates.Value.Any(t => t.Contains(quoted, StringComparison.Ordinal));
            Assert.True(written, $"Rule {rule} matches message {text.Groups["op"].Value} \"{quoted}\", but no log call in Core or Functions writes that.");
        }
    }

    [Fact]
    public void Log_templates_are_read_from_the_log_calls_including_multi_line_calls_and_exceptions()
    {
        // DailyCheckService puts its template on the line after LogInformation(; WeeklyReportService passes the exception first.
        Assert.Contains(LogTemplates.Value, t => t.StartsWith("[NotificationScheduler] Daily check done: {Organizations} organizations", StringComparison.Ordinal));
        Assert.Contains("[WeeklyReportService] Weekly report of organization {OrganizationId} for {Week} failed", LogTemplates.Value);
        // Comments and other strings are not log lines: this text is only in a comment and a LastError value.
        Assert.DoesNotContain(LogTemplates.Value, t => t.Contains("failed repeatedly", StringComparison.Ordinal));
    }

    private string Query(string rule) => ArmTemplate.Text(Rules[rule]["query"]);

    /// <summary>The name argument of a resource's name expression: what resourceId() gets for it.</summary>
    private static string NameArgument(JsonObject resource)
    {
        var name = ArmTemplate.Text(resource["name"]);
        return name.StartsWith('[') ? name[1..^1] : $"'{name}'";
    }

    private static IReadOnlyList<string> ReadLogTemplates() =>
        new[] { "MazeVault.Alerts.Core", "MazeVault.Alerts.Functions" }
            .SelectMany(project => Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Root, project), "*.cs", SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => LogCall().Matches(File.ReadAllText(f)))
            .Select(m => Regex.Unescape(m.Groups["template"].Value))
            .ToList();

    // logger.LogX("template", ...) or logger.LogX(exception, "template", ...), the template possibly on the next line.
    [GeneratedRegex(@"\bLog(?:Trace|Debug|Information|Warning|Error|Critical)\(\s*(?:[A-Za-z_][\w.]*\s*,\s*)?""(?<template>(?:[^""\\]|\\.)*)""")]
    private static partial Regex LogCall();

    // message startswith "..." / contains / has / endswith, as the rules write them.
    [GeneratedRegex(@"\bmessage\s+(?<op>startswith|contains|has|endswith)\s+""(?<text>[^""]+)""")]
    private static partial Regex MessageMatch();
}
