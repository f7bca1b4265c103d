using System.Text.Json;
using System.Text.Json.Nodes;
using Azure;
using Azure.Data.Tables;
using MazeVault.Alerts.Core.Channels;
using MazeVault.Alerts.Core.Channels.Jira;
using MazeVault.Alerts.Core.Channels.Slack;
using MazeVault.Alerts.Core.Channels.Teams;
using MazeVault.Alerts.Core.Integrations;
using MazeVault.Alerts.Core.Secrets;
using MazeVault.Alerts.Core.Storage;
using MazeVault.Alerts.Core.Tests.Secrets;
using MazeVault.Alerts.Core.Tests.Storage;

namespace MazeVault.Alerts.Core.Tests.Integrations;

public sealed class TableIntegrationStoreTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 9, 0, 0, TimeSpan.Zero);
    private const string JiraToken = "fake-jira-token-token-value-1234";
    private readonly TestKeyEncryptionKeys _keys = new();
    private readonly AzuriteStorage _storage = new(azurite);
    private TableIntegrationStore? _store;

    private TableIntegrationStore Store => _store ??= new TableIntegrationStore(_storage.Tables, _storage.Organizations, TestIntegrations.Catalog(), new SecretSealer(_keys), _keys);

    private static Integration Jira(string organizationId, string id = "jira-1") =>
        TestIntegrations.Of(id, TestIntegrations.Jira, TestIntegrations.JiraSettings("https://company.atlassian.net", JiraToken, "operator@company.com"), organizationId)
            with { Name = "Security JIRA", WeeklyReport = true, CreatedAt = Now, UpdatedAt = Now };

    private static Integration Slack(string organizationId, string id = "slack-1", string url = "https://hooks.slack.com/services/T1/B1/x-slack-secret") =>
        TestIntegrations.Of(id, TestIntegrations.Slack, TestIntegrations.SlackSettings(url, "#security-alerts"), organizationId) with { CreatedAt = Now, UpdatedAt = Now };

    private static Integration Webhook(string organizationId, string id = "hook-1") =>
        TestIntegrations.Of(id, TestIntegrations.Webhook, TestIntegrations.WebhookSettings("https://api.example.com/events?token=hook-url-secret", "whsec_0123456789abcdef-signing"), organizationId)
            with { CreatedAt = Now, UpdatedAt = Now };

    /// <summary>Settings compared as the API would show them, plus every secret opened.</summary>
    private static async Task<string> Describe(Integration integration)
    {
        var shown = JsonSerializer.Serialize(integration.Settings, integration.Settings.GetType(), ChannelSettingsJson.Options);
        var opened = (await TestIntegrations.RevealAllAsync(integration)).Select(f => $"{f.Field}={f.Value ?? "null"}");

        return $"{integration.Type}|{integration.Name}|{integration.Active}|{integration.WeeklyReport}|{integration.CreatedAt:O}|{shown}|{string.Join(',', opened)}";
    }

    private async Task<TableClient> TableAsync() => await _storage.Tables.GetAsync(TableNames.Integrations, CancellationToken.None);

    private async Task<TableEntity> RowAsync(string org, string id) => (await (await TableAsync()).GetEntityAsync<TableEntity>(org, id)).Value;

    [Fact]
    public async Task Every_field_of_every_type_survives_a_round_trip()
    {
        var org = AzuriteStorage.NewOrganization();
        Integration[] written =
        [
            Jira(org),
            Slack(org) with { Active = false },
            TestIntegrations.Of("teams-1", TestIntegrations.Teams, TestIntegrations.TeamsSettings("https://prod.logic.azure.com/workflows/1?sig=abc", TeamsMessageFormat.MessageCard), org) with { CreatedAt = Now, UpdatedAt = Now },
            Webhook(org),
            TestIntegrations.Of("mail-1", TestIntegrations.Email, TestIntegrations.EmailSettings("a@example.com", "b@example.com"), org) with { CreatedAt = Now, UpdatedAt = Now },
        ];

        foreach (var integration in written)
        {
            var created = await Store.CreateAsync(integration, CancellationToken.None);
            Assert.False(string.IsNullOrEmpty(created.ETag));
            var read = await Store.GetAsync(org, integration.Id, CancellationToken.None);
            Assert.NotNull(read);
            Assert.Equal(created.ETag, read.ETag);
            Assert.Equal(await Describe(integration), await Describe(read));
        }

        var listed = await Store.ListAsync(org, CancellationToken.None).ToListAsync();
        Assert.Equal(written.Select(i => i.Id).Order(), listed.Select(i => i.Id).Order());
    }

    [Fact]
    public async Task Secret_fields_are_sealed_in_their_own_column_with_the_key_version_and_hints()
    {
        var org = AzuriteStorage.NewOrganization();
        await Store.CreateAsync(Webhook(org), CancellationToken.None);

        var row = await RowAsync(org, "hook-1");
        var text = string.Join('\n', row.Select(p => $"{p.Key}={p.Value}"));
        foreach (var secret in new[] { "hook-url-secret", "https://api.example.com/events?token=hook-url-secret", "whsec_0123456789abcdef-signing" })
        {
            Assert.All(StorageScan.Encodings(secret), encoded => Assert.DoesNotContain(encoded, text));
        }

        Assert.Equal("v1", row.GetString("KekVersion"));
        Assert.DoesNotContain("webhookUrl", row.GetString("Settings"));
        var sealedSecrets = JsonNode.Parse(row.GetString("Secrets"))!;
        Assert.Equal("https://api.example.com/••••", sealedSecrets["Fields"]!["webhookUrl"]!["Hint"]!.GetValue<string>());
    }

    [Fact]
    public async Task Reads_do_not_need_the_key_and_opening_a_secret_while_it_is_unreachable_throws_retryable()
    {
        var org = AzuriteStorage.NewOrganization();
        await Store.CreateAsync(Slack(org), CancellationToken.None);
        _keys.Unavailable = true;

        var read = (await Store.GetAsync(org, "slack-1", CancellationToken.None))!;
        Assert.Equal("#security-alerts", ((SlackSettings)read.Settings).SlackChannel);
        Assert.Single(await Store.ListAsync(org, CancellationToken.None).ToListAsync());
        await Assert.ThrowsAsync<SecretKeyUnavailableException>(() => TestIntegrations.RevealAsync(read, "slackWebhookUrl"));
        await Assert.ThrowsAsync<SecretKeyUnavailableException>(() => Store.CreateAsync(Slack(org, "slack-2"), CancellationToken.None));
        Assert.Null(await Store.GetAsync(org, "slack-2", CancellationToken.None));

        _keys.Unavailable = false;
        Assert.Equal("https://hooks.slack.com/services/T1/B1/x-slack-secret", await TestIntegrations.RevealAsync(read, "slackWebhookUrl"));
    }

    [Fact]
    public async Task A_tampered_ciphertext_does_not_open()
    {
        var org = AzuriteStorage.NewOrganization();
        await Store.CreateAsync(Slack(org), CancellationToken.None);
        var row = await RowAsync(org, "slack-1");
        var sealedSecrets = JsonSerializer.Deserialize<SealedSecrets>(row.GetString("Secrets"))!;
        var bytes = Convert.FromBase64String(sealedSecrets.Fields["slackWebhookUrl"].Ciphertext);
        bytes[^20] ^= 0x01;
        row["Secrets"] = JsonSerializer.Serialize(sealedSecrets with
        {
            Fields = new Dictionary<string, SealedField> { ["slackWebhookUrl"] = sealedSecrets.Fields["slackWebhookUrl"] with { Ciphertext = Convert.ToBase64String(bytes) } },
        });
        await (await TableAsync()).UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace);

        var read = (await Store.GetAsync(org, "slack-1", CancellationToken.None))!;

        var error = await Assert.ThrowsAsync<SecretIntegrityException>(() => TestIntegrations.RevealAsync(read, "slackWebhookUrl"));
        Assert.DoesNotContain("x-slack-secret", error.ToString());
    }

    [Fact]
    public async Task A_ciphertext_moved_to_another_row_or_another_field_does_not_open()
    {
        var org = AzuriteStorage.NewOrganization();
        await Store.CreateAsync(Slack(org, "slack-a", "https://hooks.slack.com/services/T1/B1/a-secret"), CancellationToken.None);
        await Store.CreateAsync(Slack(org, "slack-b", "https://hooks.slack.com/services/T1/B1/b-secret"), CancellationToken.None);
        await Store.CreateAsync(Webhook(org), CancellationToken.None);
        var table = await TableAsync();

        // Row a's sealed secrets (wrapped key and all) copied into row b.
        var a = await RowAsync(org, "slack-a");
        var b = await RowAsync(org, "slack-b");
        b["Secrets"] = a["Secrets"];
        await table.UpdateEntityAsync(b, b.ETag, TableUpdateMode.Replace);
        var moved = (await Store.GetAsync(org, "slack-b", CancellationToken.None))!;
        await Assert.ThrowsAsync<SecretIntegrityException>(() => TestIntegrations.RevealAsync(moved, "slackWebhookUrl"));

        // Within one row: the signing secret's ciphertext put in the URL's field.
        var hook = await RowAsync(org, "hook-1");
        var sealedSecrets = JsonSerializer.Deserialize<SealedSecrets>(hook.GetString("Secrets"))!;
        hook["Secrets"] = JsonSerializer.Serialize(sealedSecrets with
        {
            Fields = new Dictionary<string, SealedField>
            {
                ["webhookUrl"] = sealedSecrets.Fields["webhookSigningSecret"],
                ["webhookSigningSecret"] = sealedSecrets.Fields["webhookUrl"],
            },
        });
        await table.UpdateEntityAsync(hook, hook.ETag, TableUpdateMode.Replace);
        var swapped = (await Store.GetAsync(org, "hook-1", CancellationToken.None))!;
        await Assert.ThrowsAsync<SecretIntegrityException>(() => TestIntegrations.RevealAsync(swapped, "webhookUrl"));
        await Assert.ThrowsAsync<SecretIntegrityException>(() => TestIntegrations.RevealAsync(swapped, "webhookSigningSecret"));
    }

    [Fact]
    public async Task A_wrong_key_under_the_right_version_or_an_unknown_version_does_not_open()
    {
        var org = AzuriteStorage.NewOrganization();
        await Store.CreateAsync(Jira(org), CancellationToken.None);

        _keys.ReplaceMaterial("v1");
        await Assert.ThrowsAsync<SecretIntegrityException>(async () => await TestIntegrations.RevealAsync((await Store.GetAsync(org, "jira-1", CancellationToken.None))!, "jiraApiToken"));

        _keys.Forget("v1");
        _keys.Rotate("v2");
        await Assert.ThrowsAsync<SecretIntegrityException>(async () => await TestIntegrations.RevealAsync((await Store.GetAsync(org, "jira-1", CancellationToken.None))!, "jiraApiToken"));
    }

    [Fact]
    public async Task After_a_key_rotation_old_rows_still_open_and_reseal_moves_every_row_to_the_current_version()
    {
        var org = AzuriteStorage.NewOrganization();
        await Store.CreateAsync(Jira(org), CancellationToken.None);
        await Store.CreateAsync(Slack(org), CancellationToken.None);
        await Store.CreateAsync(TestIntegrations.Of("mail-1", TestIntegrations.Email, TestIntegrations.EmailSettings("a@example.com"), org), CancellationToken.None);
        _keys.Rotate("v2");

        Assert.Equal(JiraToken, await TestIntegrations.RevealAsync((await Store.GetAsync(org, "jira-1", CancellationToken.None))!, "jiraApiToken"));
        await Store.CreateAsync(Webhook(org), CancellationToken.None);
        Assert.Equal("v2", (await RowAsync(org, "hook-1")).GetString("KekVersion"));

        var report = await Store.ResealAsync(CancellationToken.None);

        // The pass covers every organization; rows other tests sealed with their own keys are reported unreadable.
        Assert.Equal("v2", report.KekVersion);
        Assert.True(report.Resealed >= 2, $"resealed {report.Resealed}");
        Assert.DoesNotContain(report.UnreadableIds, id => id.StartsWith(org + "/", StringComparison.Ordinal));
        Assert.Equal("v2", (await RowAsync(org, "jira-1")).GetString("KekVersion"));
        Assert.Equal("v2", (await RowAsync(org, "slack-1")).GetString("KekVersion"));
        _keys.Forget("v1");
        Assert.Equal(JiraToken, await TestIntegrations.RevealAsync((await Store.GetAsync(org, "jira-1", CancellationToken.None))!, "jiraApiToken"));
        Assert.Equal("https://hooks.slack.com/services/T1/B1/x-slack-secret", await TestIntegrations.RevealAsync((await Store.GetAsync(org, "slack-1", CancellationToken.None))!, "slackWebhookUrl"));

        var again = await Store.ResealAsync(CancellationToken.None);
        Assert.Equal(0, again.Resealed);
        Assert.Equal(report.Unreadable, again.Unreadable);
    }

    [Fact]
    public async Task The_jira_token_is_sealed_for_its_site_and_a_site_changed_in_storage_or_an_unbound_flag_does_not_open_it()
    {
        var org = AzuriteStorage.NewOrganization();
        await Store.CreateAsync(Jira(org), CancellationToken.None);
        var table = await TableAsync();
        var original = await RowAsync(org, "jira-1");
        Assert.True(JsonSerializer.Deserialize<SealedSecrets>(original.GetString("Secrets"))!.DestinationBound);

        // Same origin, other spelling: still the site the token was given for.
        await ReplaceAsync(table, original, settings: s => s["jiraBaseUrl"] = "HTTPS://Company.Atlassian.NET:443/");
        Assert.Equal(JiraToken, await TestIntegrations.RevealAsync((await Store.GetAsync(org, "jira-1", CancellationToken.None))!, "jiraApiToken"));

        await ReplaceAsync(table, await RowAsync(org, "jira-1"), settings: s => s["jiraBaseUrl"] = "https://attacker.example");
        var moved = (await Store.GetAsync(org, "jira-1", CancellationToken.None))!;
        var error = await Assert.ThrowsAsync<SecretIntegrityException>(() => TestIntegrations.RevealAsync(moved, "jiraApiToken"));
        Assert.DoesNotContain(JiraToken, error.Message);

        // Claiming the row predates destination binding does not help either: its fields were sealed with the site.
        await ReplaceAsync(table, original, secrets: sealedSecrets => sealedSecrets with { DestinationBound = false });
        var unbound = (await Store.GetAsync(org, "jira-1", CancellationToken.None))!;
        await Assert.ThrowsAsync<SecretIntegrityException>(() => TestIntegrations.RevealAsync(unbound, "jiraApiToken"));
    }

    [Fact]
    public async Task A_jira_row_sealed_before_destinations_were_bound_still_opens_and_reseal_binds_its_site()
    {
        var org = await UnboundJiraRowAsync();

        var report = await Store.ResealAsync(CancellationToken.None);

        Assert.True(report.Resealed >= 1, $"resealed {report.Resealed}");
        Assert.DoesNotContain(report.UnreadableIds, id => id.StartsWith(org + "/", StringComparison.Ordinal));
        await AssertBoundToItsSiteAsync(org);
    }

    [Fact]
    public async Task Each_start_binds_rows_sealed_before_destinations_were_bound_without_a_reseal_call()
    {
        var org = await UnboundJiraRowAsync();
        var slack = Slack(org);
        await Store.CreateAsync(slack, CancellationToken.None);
        var slackBefore = (await RowAsync(org, slack.Id)).ETag;
        using var binding = new DestinationBindingAtStart(Store, Microsoft.Extensions.Logging.Abstractions.NullLogger<DestinationBindingAtStart>.Instance);

        await binding.StartAsync(CancellationToken.None);
        await binding.ExecuteTask!;

        await AssertBoundToItsSiteAsync(org);
        // A row with nothing to bind is only read.
        Assert.Equal(slackBefore, (await RowAsync(org, slack.Id)).ETag);
    }

    /// <summary>A JIRA row as earlier versions sealed it: the same envelope, its fields bound to row and field name only.</summary>
    private async Task<string> UnboundJiraRowAsync()
    {
        var org = AzuriteStorage.NewOrganization();
        await Store.CreateAsync(Jira(org), CancellationToken.None);
        var earlier = await new SecretSealer(_keys).SealAsync(org, "jira-1", destination: null, new Dictionary<string, string> { ["jiraApiToken"] = JiraToken }, CancellationToken.None);
        Assert.False(earlier.DestinationBound);
        await ReplaceAsync(await TableAsync(), await RowAsync(org, "jira-1"), secrets: _ => earlier);
        Assert.Equal(JiraToken, await TestIntegrations.RevealAsync((await Store.GetAsync(org, "jira-1", CancellationToken.None))!, "jiraApiToken"));
        return org;
    }

    /// <summary>The row is bound: its token still opens, and no longer once its site is changed in storage.</summary>
    private async Task AssertBoundToItsSiteAsync(string org)
    {
        var table = await TableAsync();
        var bound = await RowAsync(org, "jira-1");
        Assert.True(JsonSerializer.Deserialize<SealedSecrets>(bound.GetString("Secrets"))!.DestinationBound);
        Assert.Equal(JiraToken, await TestIntegrations.RevealAsync((await Store.GetAsync(org, "jira-1", CancellationToken.None))!, "jiraApiToken"));
        await ReplaceAsync(table, bound, settings: s => s["jiraBaseUrl"] = "https://attacker.example");
        var moved = (await Store.GetAsync(org, "jira-1", CancellationToken.None))!;
        await Assert.ThrowsAsync<SecretIntegrityException>(() => TestIntegrations.RevealAsync(moved, "jiraApiToken"));
    }

    /// <summary>Writes <paramref name="row"/> back with its settings document or sealed secrets changed, as a table writer without the key could.</summary>
    private static async Task ReplaceAsync(TableClient table, TableEntity row, Action<JsonObject>? settings = null, Func<SealedSecrets, SealedSecrets>? secrets = null)
    {
        var document = JsonNode.Parse(row.GetString("Settings"))!.AsObject();
        settings?.Invoke(document);
        var changed = new TableEntity(row) { ["Settings"] = document.ToJsonString() };
        if (secrets is not null)
        {
            changed["Secrets"] = JsonSerializer.Serialize(secrets(JsonSerializer.Deserialize<SealedSecrets>(row.GetString("Secrets"))!));
        }

        await table.UpdateEntityAsync(changed, ETag.All, TableUpdateMode.Replace);
    }

    [Fact]
    public async Task A_row_in_the_plain_format_of_earlier_versions_is_read_and_sealed_on_its_next_write_and_by_reseal()
    {
        var org = AzuriteStorage.NewOrganization();
        var table = await TableAsync();
        // Exactly what TableIntegrationStore.ToEntity wrote before sealing: every type's columns, the unused ones null.
        TableEntity Legacy(string id, string type) => new(org, id)
        {
            ["Type"] = type, ["Name"] = $"Legacy {type}", ["Category"] = "notification", ["Active"] = true, ["WeeklyReport"] = true,
            ["JiraBaseUrl"] = type == "Jira" ? "https://company.atlassian.net" : null,
            ["JiraEmail"] = type == "Jira" ? "operator@company.com" : null,
            ["JiraApiToken"] = type == "Jira" ? "legacy-plain-jira-token-0001" : null,
            ["JiraProjectKey"] = type == "Jira" ? "SEC" : null,
            ["SlackWebhookUrl"] = type == "Slack" ? "https://hooks.slack.com/services/T1/B1/legacy-plain-slack" : null,
            ["SlackChannel"] = type == "Slack" ? "#legacy" : null,
            ["TeamsWebhookUrl"] = type == "Teams" ? "https://prod.logic.azure.com/workflows/legacy?sig=legacy-plain-teams" : null,
            ["TeamsFormat"] = type == "Teams" ? "MessageCard" : "AdaptiveCard",
            ["WebhookUrl"] = null,
            ["WebhookSigningSecret"] = null,
            ["EmailRecipients"] = type == "Email" ? "[\"a@example.com\",\"b@example.com\"]" : "[]",
            ["CreatedAt"] = Now,
            ["UpdatedAt"] = Now,
        };
        foreach (var type in new[] { "Jira", "Slack", "Teams", "Email" })
        {
            await table.AddEntityAsync(Legacy(type.ToLowerInvariant(), type));
        }

        var jira = (await Store.GetAsync(org, "jira", CancellationToken.None))!;
        Assert.Equal(JiraChannel.Type, jira.Type);
        Assert.Equal("SEC", ((JiraSettings)jira.Settings).JiraProjectKey);
        Assert.Equal("legacy-plain-jira-token-0001", await TestIntegrations.RevealAsync(jira, "jiraApiToken"));
        var teams = (await Store.GetAsync(org, "teams", CancellationToken.None))!;
        Assert.Equal(TeamsMessageFormat.MessageCard, ((TeamsSettings)teams.Settings).Format);
        Assert.Equal(["a@example.com", "b@example.com"], ((Core.Channels.Email.EmailSettings)(await Store.GetAsync(org, "email", CancellationToken.None))!.Settings).Recipients);

        // The next write seals the row and drops the plain columns.
        await Store.UpdateAsync(jira with { Name = "Renamed" }, CancellationToken.None);
        var rewritten = await RowAsync(org, "jira");
        Assert.Null(rewritten.GetString("JiraApiToken"));
        Assert.Equal("v1", rewritten.GetString("KekVersion"));
        Assert.Equal("legacy-plain-jira-token-0001", await TestIntegrations.RevealAsync((await Store.GetAsync(org, "jira", CancellationToken.None))!, "jiraApiToken"));

        // The re-seal pass rewrites the rest.
        var report = await Store.ResealAsync(CancellationToken.None);
        Assert.True(report.Resealed >= 3, $"resealed {report.Resealed}");
        var found = await StorageScan.FindAsync(azurite.ConnectionString, ["legacy-plain-jira-token-0001", "legacy-plain-slack", "legacy-plain-teams"]);
        Assert.Empty(found);
        Assert.Equal("#legacy", ((SlackSettings)(await Store.GetAsync(org, "slack", CancellationToken.None))!.Settings).SlackChannel);
        Assert.Equal("https://hooks.slack.com/services/T1/B1/legacy-plain-slack", await TestIntegrations.RevealAsync((await Store.GetAsync(org, "slack", CancellationToken.None))!, "slackWebhookUrl"));
    }

    [Fact]
    public async Task Creating_an_existing_id_conflicts_and_keeps_the_first()
    {
        var org = AzuriteStorage.NewOrganization();
        await Store.CreateAsync(Jira(org), CancellationToken.None);

        await Assert.ThrowsAsync<ConcurrencyConflictException>(
            () => Store.CreateAsync(Jira(org) with { Name = "Second" }, CancellationToken.None));
        Assert.Equal("Security JIRA", (await Store.GetAsync(org, "jira-1", CancellationToken.None))!.Name);
    }

    [Fact]
    public async Task Update_with_a_stale_etag_conflicts_and_changes_nothing()
    {
        var org = AzuriteStorage.NewOrganization();
        var created = await Store.CreateAsync(Jira(org), CancellationToken.None);
        var updated = await Store.UpdateAsync(created with { Name = "Renamed" }, CancellationToken.None);
        Assert.NotEqual(created.ETag, updated.ETag);

        await Assert.ThrowsAsync<ConcurrencyConflictException>(
            () => Store.UpdateAsync(created with { Name = "Lost update" }, CancellationToken.None));
        Assert.Equal("Renamed", (await Store.GetAsync(org, created.Id, CancellationToken.None))!.Name);
    }

    [Fact]
    public async Task Delete_with_a_stale_etag_conflicts_and_with_the_current_one_removes()
    {
        var org = AzuriteStorage.NewOrganization();
        var created = await Store.CreateAsync(Jira(org), CancellationToken.None);
        var updated = await Store.UpdateAsync(created with { Name = "Renamed" }, CancellationToken.None);

        await Assert.ThrowsAsync<ConcurrencyConflictException>(
            () => Store.DeleteAsync(org, created.Id, created.ETag, CancellationToken.None));
        Assert.True(await Store.DeleteAsync(org, created.Id, updated.ETag, CancellationToken.None));
        Assert.Null(await Store.GetAsync(org, created.Id, CancellationToken.None));
        Assert.False(await Store.DeleteAsync(org, created.Id, null, CancellationToken.None));
    }

    [Fact]
    public async Task Update_of_a_deleted_integration_conflicts_instead_of_recreating_it()
    {
        var org = AzuriteStorage.NewOrganization();
        var created = await Store.CreateAsync(Jira(org), CancellationToken.None);
        await Store.DeleteAsync(org, created.Id, created.ETag, CancellationToken.None);

        await Assert.ThrowsAsync<ConcurrencyConflictException>(
            () => Store.UpdateAsync(created with { Name = "Back" }, CancellationToken.None));
        Assert.Null(await Store.GetAsync(org, created.Id, CancellationToken.None));
    }
}
