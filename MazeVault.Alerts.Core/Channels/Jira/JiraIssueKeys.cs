using Azure;
using Azure.Data.Tables;
using MazeVault.Alerts.Core.Storage;

namespace MazeVault.Alerts.Core.Channels.Jira;

/// <summary>
/// Fingerprint label → the JIRA issue we created for it, per integration (PartitionKey = organization,
/// RowKey = integration id + label). Jira's search is eventually consistent; this is the first line of defence against duplicates.
/// </summary>
public sealed class JiraIssueKeys(TableProvider tables, TimeProvider timeProvider)
{

    public async Task<string?> GetAsync(string organizationId, string integrationId, string label, CancellationToken ct)
    {
        var table = await tables.GetAsync(TableNames.JiraIssues, ct);
        var entity = await table.GetEntityIfExistsAsync<TableEntity>(organizationId, RowKey(integrationId, label), cancellationToken: ct);
        return entity.HasValue ? entity.Value!.GetString("IssueKey") : null;
    }

    public async Task SetAsync(string organizationId, string integrationId, string label, string issueKey, CancellationToken ct)
    {
        var table = await tables.GetAsync(TableNames.JiraIssues, ct);
        var entity = new TableEntity(organizationId, RowKey(integrationId, label))
        {
            ["IssueKey"] = issueKey,
            ["UpdatedAt"] = timeProvider.GetUtcNow(),
        };
        await table.UpsertEntityAsync(entity, TableUpdateMode.Replace, ct);
    }

    public async Task ForgetAsync(string organizationId, string integrationId, string label, CancellationToken ct)
    {
        var table = await tables.GetAsync(TableNames.JiraIssues, ct);
        try
        {
            await table.DeleteEntityAsync(organizationId, RowKey(integrationId, label), ETag.All, ct);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // Already gone: nothing to forget.
        }
    }

    private static string RowKey(string integrationId, string label) => $"{integrationId}|{label}";
}
