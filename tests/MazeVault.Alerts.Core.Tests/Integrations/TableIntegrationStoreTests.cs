using MazeVault.Alerts.Core.Integrations;
using MazeVault.Alerts.Core.Storage;
using MazeVault.Alerts.Core.Tests.Storage;
using MazeVault.Alerts.TestSupport;

namespace MazeVault.Alerts.Core.Tests.Integrations;

public sealed class TableIntegrationStoreTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 9, 0, 0, TimeSpan.Zero);
    private readonly TableIntegrationStore _store = Store(azurite);

    private static TableIntegrationStore Store(AzuriteFixture azurite)
    {
        var storage = new AzuriteStorage(azurite);
        return new TableIntegrationStore(storage.Tables, storage.Organizations);
    }

    private static Integration Jira(string organizationId, string id = "jira-1") => new()
    {
        Id = id,
        OrganizationId = organizationId,
        Type = IntegrationType.Jira,
        Name = "Security JIRA",
        WeeklyReport = true,
        JiraBaseUrl = "https://company.atlassian.net",
        JiraEmail = "operator@company.com",
        JiraApiToken = "fake-jira-token-token-value-1234",
        JiraProjectKey = "SEC",
        CreatedAt = Now,
        UpdatedAt = Now,
    };

    [Fact]
    public async Task Every_field_of_every_type_survives_a_round_trip()
    {
        var org = AzuriteStorage.NewOrganization();
        Integration[] written =
        [
            Jira(org),
            new() { Id = "slack-1", OrganizationId = org, Type = IntegrationType.Slack, Name = "Slack", Active = false, SlackWebhookUrl = "https://hooks.slack.com/services/T1/B1/x", SlackChannel = "#security-alerts", CreatedAt = Now, UpdatedAt = Now },
            new() { Id = "teams-1", OrganizationId = org, Type = IntegrationType.Teams, Name = "Teams", TeamsWebhookUrl = "https://prod.logic.azure.com/workflows/1?sig=abc", TeamsFormat = TeamsMessageFormat.MessageCard, CreatedAt = Now, UpdatedAt = Now },
            new() { Id = "hook-1", OrganizationId = org, Type = IntegrationType.Webhook, Name = "Hook", WebhookUrl = "https://api.example.com/events", WebhookSigningSecret = "whsec_0123456789abcdef", CreatedAt = Now, UpdatedAt = Now },
            new() { Id = "mail-1", OrganizationId = org, Type = IntegrationType.Email, Name = "Mail", EmailRecipients = ["a@example.com", "b@example.com"], CreatedAt = Now, UpdatedAt = Now },
        ];

        foreach (var integration in written)
        {
            var created = await _store.CreateAsync(integration, CancellationToken.None);
            Assert.False(string.IsNullOrEmpty(created.ETag));
            var read = await _store.GetAsync(org, integration.Id, CancellationToken.None);
            Assert.NotNull(read);
            Assert.Equal(created.ETag, read.ETag);
            // Records compare lists by reference, so compare them apart.
            Assert.Equal(integration.EmailRecipients, read.EmailRecipients);
            Assert.Equal(integration with { ETag = read.ETag, EmailRecipients = read.EmailRecipients }, read);
        }

        var listed = new List<Integration>();
        await foreach (var integration in _store.ListAsync(org, CancellationToken.None))
        {
            listed.Add(integration);
        }

        Assert.Equal(written.Select(i => i.Id).Order(), listed.Select(i => i.Id).Order());
    }

    [Fact]
    public async Task Creating_an_existing_id_conflicts_and_keeps_the_first()
    {
        var org = AzuriteStorage.NewOrganization();
        await _store.CreateAsync(Jira(org), CancellationToken.None);

        await Assert.ThrowsAsync<ConcurrencyConflictException>(
            () => _store.CreateAsync(Jira(org) with { Name = "Second" }, CancellationToken.None));
        Assert.Equal("Security JIRA", (await _store.GetAsync(org, "jira-1", CancellationToken.None))!.Name);
    }

    [Fact]
    public async Task Update_with_a_stale_etag_conflicts_and_changes_nothing()
    {
        var org = AzuriteStorage.NewOrganization();
        var created = await _store.CreateAsync(Jira(org), CancellationToken.None);
        var updated = await _store.UpdateAsync(created with { Name = "Renamed" }, CancellationToken.None);
        Assert.NotEqual(created.ETag, updated.ETag);

        await Assert.ThrowsAsync<ConcurrencyConflictException>(
            () => _store.UpdateAsync(created with { Name = "Lost update" }, CancellationToken.None));
        Assert.Equal("Renamed", (await _store.GetAsync(org, created.Id, CancellationToken.None))!.Name);
    }

    [Fact]
    public async Task Delete_with_a_stale_etag_conflicts_and_with_the_current_one_removes()
    {
        var org = AzuriteStorage.NewOrganization();
        var created = await _store.CreateAsync(Jira(org), CancellationToken.None);
        var updated = await _store.UpdateAsync(created with { Name = "Renamed" }, CancellationToken.None);

        await Assert.ThrowsAsync<ConcurrencyConflictException>(
            () => _store.DeleteAsync(org, created.Id, created.ETag, CancellationToken.None));
        Assert.True(await _store.DeleteAsync(org, created.Id, updated.ETag, CancellationToken.None));
        Assert.Null(await _store.GetAsync(org, created.Id, CancellationToken.None));
        Assert.False(await _store.DeleteAsync(org, created.Id, null, CancellationToken.None));
    }

    [Fact]
    public async Task Update_of_a_deleted_integration_conflicts_instead_of_recreating_it()
    {
        var org = AzuriteStorage.NewOrganization();
        var created = await _store.CreateAsync(Jira(org), CancellationToken.None);
        await _store.DeleteAsync(org, created.Id, created.ETag, CancellationToken.None);

        await Assert.ThrowsAsync<ConcurrencyConflictException>(
            () => _store.UpdateAsync(created with { Name = "Back" }, CancellationToken.None));
        Assert.Null(await _store.GetAsync(org, created.Id, CancellationToken.None));
    }
}
