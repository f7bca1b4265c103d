using System.Runtime.CompilerServices;
using Azure.Data.Tables;
using MazeVault.Alerts.Core.Storage;

namespace MazeVault.Alerts.Core.Integrations;

/// <summary>Integrations in the Integrations table: PartitionKey = organization, RowKey = integration id.</summary>
public sealed class TableIntegrationStore(TableProvider tables, OrganizationRegistry organizations) : IIntegrationStore
{
    public async Task<Integration> CreateAsync(Integration integration, CancellationToken ct)
    {
        await organizations.EnsureAsync(integration.OrganizationId, ct);
        var table = await tables.GetAsync(TableNames.Integrations, ct);
        var response = await TableErrors.ConflictsAsync(
            () => table.AddEntityAsync(ToEntity(integration), ct), $"Integration {integration.Id}");
        return integration with { ETag = response.Headers.ETag?.ToString() };
    }

    public async Task<Integration?> GetAsync(string organizationId, string id, CancellationToken ct)
    {
        var table = await tables.GetAsync(TableNames.Integrations, ct);
        var response = await table.GetEntityIfExistsAsync<TableEntity>(organizationId, id, cancellationToken: ct);
        return response.HasValue ? FromEntity(response.Value!) : null;
    }

    public async IAsyncEnumerable<Integration> ListAsync(string organizationId, [EnumeratorCancellation] CancellationToken ct)
    {
        var table = await tables.GetAsync(TableNames.Integrations, ct);
        await foreach (var page in table.QueryAsync<TableEntity>(e => e.PartitionKey == organizationId, cancellationToken: ct).AsPages().WithCancellation(ct))
        {
            foreach (var entity in page.Values)
            {
                yield return FromEntity(entity);
            }
        }
    }

    public async Task<Integration> UpdateAsync(Integration integration, CancellationToken ct)
    {
        var table = await tables.GetAsync(TableNames.Integrations, ct);
        var response = await TableErrors.ConflictsAsync(
            () => table.UpdateEntityAsync(ToEntity(integration), TableErrors.IfMatch(integration.ETag), TableUpdateMode.Replace, ct),
            $"Integration {integration.Id}");
        return integration with { ETag = response.Headers.ETag?.ToString() };
    }

    public async Task<bool> DeleteAsync(string organizationId, string id, string? etag, CancellationToken ct)
    {
        var table = await tables.GetAsync(TableNames.Integrations, ct);
        var response = await TableErrors.ConflictsAsync(
            () => table.DeleteEntityAsync(organizationId, id, TableErrors.IfMatch(etag), ct), $"Integration {id}");
        return response.Status != 404;
    }

    private static TableEntity ToEntity(Integration i) => new(i.OrganizationId, i.Id)
    {
        ["Type"] = i.Type.ToString(),
        ["Name"] = i.Name,
        ["Category"] = i.Category,
        ["Active"] = i.Active,
        ["WeeklyReport"] = i.WeeklyReport,
        ["JiraBaseUrl"] = i.JiraBaseUrl,
        ["JiraEmail"] = i.JiraEmail,
        ["JiraApiToken"] = i.JiraApiToken,
        ["JiraProjectKey"] = i.JiraProjectKey,
        ["SlackWebhookUrl"] = i.SlackWebhookUrl,
        ["SlackChannel"] = i.SlackChannel,
        ["TeamsWebhookUrl"] = i.TeamsWebhookUrl,
        ["TeamsFormat"] = i.TeamsFormat.ToString(),
        ["WebhookUrl"] = i.WebhookUrl,
        ["WebhookSigningSecret"] = i.WebhookSigningSecret,
        ["EmailRecipients"] = EntityJson.Write(i.EmailRecipients),
        ["CreatedAt"] = i.CreatedAt,
        ["UpdatedAt"] = i.UpdatedAt,
    };

    private static Integration FromEntity(TableEntity e) => new()
    {
        Id = e.RowKey,
        OrganizationId = e.PartitionKey,
        Type = Enum.Parse<IntegrationType>(e.GetString("Type")),
        Name = e.GetString("Name") ?? "",
        Category = e.GetString("Category") ?? Integration.NotificationCategory,
        Active = e.GetBoolean("Active") ?? true,
        WeeklyReport = e.GetBoolean("WeeklyReport") ?? false,
        JiraBaseUrl = e.GetString("JiraBaseUrl"),
        JiraEmail = e.GetString("JiraEmail"),
        JiraApiToken = e.GetString("JiraApiToken"),
        JiraProjectKey = e.GetString("JiraProjectKey"),
        SlackWebhookUrl = e.GetString("SlackWebhookUrl"),
        SlackChannel = e.GetString("SlackChannel"),
        TeamsWebhookUrl = e.GetString("TeamsWebhookUrl"),
        TeamsFormat = Enum.TryParse<TeamsMessageFormat>(e.GetString("TeamsFormat"), out var format) ? format : TeamsMessageFormat.AdaptiveCard,
        WebhookUrl = e.GetString("WebhookUrl"),
        WebhookSigningSecret = e.GetString("WebhookSigningSecret"),
        EmailRecipients = EntityJson.ReadList(e.GetString("EmailRecipients")),
        CreatedAt = e.GetDateTimeOffset("CreatedAt") ?? default,
        UpdatedAt = e.GetDateTimeOffset("UpdatedAt") ?? default,
        ETag = e.ETag.ToString(),
    };
}
