using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MazeVault.Alerts.Core.Storage;
using Microsoft.Extensions.Configuration;

namespace MazeVault.Alerts.Infra.Tests;

/// <summary>
/// The deployed app settings, local.settings.sample.json and the code agree: every key the code binds is
/// set in both places, and neither holds a key that nothing reads.
/// </summary>
public sealed partial class SettingsCrossCheckTests(CompiledMainTemplate main) : IClassFixture<CompiledMainTemplate>
{
    /// <summary>Read by the Functions host or the platform, not bound by our code.</summary>
    private static readonly HashSet<string> HostSettings =
    [
        // Runtime selection; on Flex it lives in functionAppConfig instead (the setting is rejected there).
        "FUNCTIONS_WORKER_RUNTIME",
        "FUNCTIONS_EXTENSION_VERSION",
        // Host telemetry: the component's connection string and the identity that authenticates to it.
        "APPLICATIONINSIGHTS_CONNECTION_STRING",
        "APPLICATIONINSIGHTS_AUTHENTICATION_STRING",
        // Platform clock for timer triggers (Elastic Premium only).
        "WEBSITE_TIME_ZONE",
        // Platform package mount for Elastic Premium without an Azure Files share.
        "WEBSITE_RUN_FROM_PACKAGE",
        "WEBSITE_RUN_FROM_PACKAGE_BLOB_MI_RESOURCE_ID",
    ];

    /// <summary>
    /// Bound by the code but set by the platform itself, never as an app setting: App Service Authentication sets
    /// WEBSITE_AUTH_ENABLED when it is on (the authsettingsV2 resource), and locally it is absent (off); App Service and
    /// Functions set IDENTITY_ENDPOINT (MSI_ENDPOINT on older versions) to their managed-identity endpoint.
    /// </summary>
    private static readonly HashSet<string> PlatformSetSettings = ["WEBSITE_AUTH_ENABLED", "IDENTITY_ENDPOINT", "MSI_ENDPOINT"];

    private static readonly IReadOnlySet<string> CodeKeys = CodeSettings.Keys().Where(k => !PlatformSetSettings.Contains(k)).ToHashSet();

    [Fact]
    public void Every_key_the_code_binds_is_an_app_setting_in_the_template()
    {
        var missing = CodeKeys.Where(k => !main.AppSettings.Any(s => CodeSettings.Satisfies(s.Name, k))).Order().ToList();

        Assert.True(missing.Count == 0, $"Bound by the code but not set by infra/: {string.Join(", ", missing)}");
    }

    [Fact]
    public void Every_key_the_code_binds_is_in_local_settings_sample()
    {
        var sample = LocalSettingsSample.Values().Keys;
        var missing = CodeKeys.Where(k => !sample.Any(s => CodeSettings.Satisfies(s, k))).Order().ToList();

        Assert.True(missing.Count == 0, $"Bound by the code but missing from local.settings.sample.json: {string.Join(", ", missing)}");
    }

    [Fact]
    public void Every_template_app_setting_is_read_by_the_code_or_the_host()
    {
        var unused = main.AppSettings.Select(s => s.Name).Where(IsUnread).Distinct().Order().ToList();

        Assert.True(unused.Count == 0,
            $"Set by infra/ but bound by no option class ([ConfigurationKeyName]) nor by functions.metadata: {string.Join(", ", unused)}");
    }

    [Fact]
    public void Every_local_settings_sample_key_is_read_by_the_code_or_the_host()
    {
        var unused = LocalSettingsSample.Values().Keys.Where(IsUnread).Order().ToList();

        Assert.True(unused.Count == 0,
            $"In local.settings.sample.json but bound by no option class ([ConfigurationKeyName]) nor by functions.metadata: {string.Join(", ", unused)}");
    }

    [Fact]
    public void Template_and_local_sample_use_the_same_defaults()
    {
        var sample = LocalSettingsSample.Values();
        var compared = 0;
        foreach (var setting in main.AppSettings.Where(s => s.Scope == main.Root))
        {
            var parameter = DirectParameter().Match(setting.Value);
            var declaration = parameter.Success ? main.Root.ParameterDeclaration(parameter.Groups["name"].Value) : null;
            if (declaration?["defaultValue"] is not JsonValue defaultValue || !sample.TryGetValue(setting.Name, out var local))
            {
                continue;
            }

            var deployed = ArmTemplate.Text(defaultValue);
            if (deployed.StartsWith('['))
            {
                continue; // An expression default (tenant().tenantId) has no local counterpart.
            }

            Assert.True(local == deployed, $"{setting.Name}: template default '{deployed}', local.settings.sample.json '{local}'");
            compared++;
        }

        Assert.True(compared >= 10, $"only {compared} defaults compared: the template's settings no longer map to parameters");
    }

    [Fact]
    public void Template_creates_every_table_the_code_uses() =>
        AssertTemplateCreatesInLoop("Microsoft.Storage/storageAccounts/tableServices/tables", CodeNames(typeof(TableNames), TableNames.All));

    [Fact]
    public void Template_creates_every_blob_container_the_code_uses() =>
        AssertTemplateCreatesInLoop("Microsoft.Storage/storageAccounts/blobServices/containers", CodeNames(typeof(BlobContainerNames), BlobContainerNames.All));

    [Fact]
    public void Template_creates_the_delivery_queue_the_app_reads_and_its_poison_queue()
    {
        var queues = main.Root.ResourcesOfType("Microsoft.Storage/storageAccounts/queueServices/queues").ToList();
        var names = queues.Select(q => ArmTemplate.Text(q.Resource["name"])).ToList();
        var storage = queues.Select(q => q.Template).Distinct().Single();

        Assert.Equal(2, queues.Count);
        Assert.Contains(names, n => n.EndsWith("parameters('deliveryQueueName'))]", StringComparison.Ordinal));
        Assert.Contains(names, n => n.Contains("format('{0}-poison', parameters('deliveryQueueName'))", StringComparison.Ordinal));
        // The queue created and the queue the app reads come from the same main parameter.
        Assert.Equal("[parameters('deliveryQueueName')]", ArmTemplate.Text(storage.PassedParameter("deliveryQueueName")));
        Assert.Equal("[parameters('deliveryQueueName')]", main.Setting("DELIVERY_QUEUE_NAME").Value);
        Assert.Equal(LocalSettingsSample.Values()["DELIVERY_QUEUE_NAME"],
            main.Root.ParameterDeclaration("deliveryQueueName")!["defaultValue"]!.GetValue<string>());
    }

    [Fact]
    public void Key_discovery_reads_ConfigurationKeyName_attributes()
    {
        var keys = CodeSettings.ConfigurationKeyNames(typeof(SampleOptions).Assembly).ToList();

        Assert.Contains("SAMPLE_DISCOVERY_KEY", keys);
    }

    [Fact]
    public void Key_discovery_reads_binding_expressions_and_connections_from_functions_metadata()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, """
                [
                  { "name": "DailyCheck", "bindings": [ { "type": "timerTrigger", "schedule": "%DAILY_CHECK_SCHEDULE%" } ] },
                  { "name": "Deliver", "bindings": [ { "type": "queueTrigger", "queueName": "%DELIVERY_QUEUE_NAME%", "connection": "AzureWebJobsStorage" } ] }
                ]
                """);

            var keys = CodeSettings.FunctionsMetadataKeys(path).ToHashSet();

            Assert.Equal(["AzureWebJobsStorage", "DAILY_CHECK_SCHEDULE", "DELIVERY_QUEUE_NAME"], keys.Order());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Code_keys_include_the_storage_connection_the_clients_read()
    {
        Assert.Contains(StorageClients.ConnectionName, CodeKeys);
        Assert.True(CodeSettings.Satisfies("AzureWebJobsStorage__tableServiceUri", StorageClients.ConnectionName));
        Assert.False(CodeSettings.Satisfies("AzureWebJobsStorageX", StorageClients.ConnectionName));
    }

    /// <summary>Every string constant of a names class, by reflection, so one added there but not to All is caught too.</summary>
    private static IReadOnlySet<string> CodeNames(Type names, IReadOnlyList<string> all) =>
        names.GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!)
            .Concat(all)
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>The resources of a type created by a copy loop over a module parameter hold exactly <paramref name="expected"/>.</summary>
    private void AssertTemplateCreatesInLoop(string type, IReadOnlySet<string> expected)
    {
        var looped = main.Root.ResourcesOfType(type)
            .Select(r => (r.Template, Loop: CopyIndexParameter().Match(ArmTemplate.Text(r.Resource["name"]))))
            .Where(r => r.Loop.Success)
            .ToList();
        var (module, loop) = Assert.Single(looped);
        var created = module.PassedParameter(loop.Groups["name"].Value)!.AsArray()
            .Select(n => n!.GetValue<string>())
            .ToHashSet(StringComparer.Ordinal);

        Assert.Equal(expected.Order(), created.Order());
    }

    private static bool IsUnread(string setting) =>
        !HostSettings.Contains(setting) && !CodeKeys.Any(k => CodeSettings.Satisfies(setting, k));

    // Only the test assembly is scanned for this one.
    private sealed class SampleOptions
    {
        [ConfigurationKeyName("SAMPLE_DISCOVERY_KEY")]
        public string Value { get; set; } = "";
    }

    [GeneratedRegex(@"^\[(?:string\()?parameters\('(?<name>[^']+)'\)\)?\]$|^\[if\(parameters\('(?<name>[^']+)'\), 'true', 'false'\)\]$")]
    private static partial Regex DirectParameter();

    [GeneratedRegex(@"parameters\('(?<name>[^']+)'\)\[copyIndex\(\)\]")]
    private static partial Regex CopyIndexParameter();
}
