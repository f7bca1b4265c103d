using Azure.Data.Tables;
using MazeVault.Alerts.Core.Storage;

namespace MazeVault.Alerts.Core.Integrations;

/// <summary>Incident contacts in the IncidentContacts table: PartitionKey = organization, RowKey = contact id.</summary>
public sealed class TableIncidentContactStore(TableProvider tables, OrganizationRegistry organizations) : IIncidentContactStore
{
    public async Task<IncidentContact> CreateAsync(IncidentContact contact, CancellationToken ct)
    {
        await organizations.EnsureAsync(contact.OrganizationId, ct);
        var table = await tables.GetAsync(TableNames.IncidentContacts, ct);
        var response = await TableErrors.ConflictsAsync(
            () => table.AddEntityAsync(ToEntity(contact), ct), $"Incident contact {contact.Id}");
        return contact with { ETag = response.Headers.ETag?.ToString() };
    }

    public async Task<IncidentContact?> GetAsync(string organizationId, string id, CancellationToken ct)
    {
        var table = await tables.GetAsync(TableNames.IncidentContacts, ct);
        var response = await table.GetEntityIfExistsAsync<TableEntity>(organizationId, id, cancellationToken: ct);
        return response.HasValue ? FromEntity(response.Value!) : null;
    }

    /// <summary>Priority order, then name and id so that ties list the same way every time.</summary>
    public async Task<IReadOnlyList<IncidentContact>> ListByPriorityAsync(string organizationId, CancellationToken ct)
    {
        var table = await tables.GetAsync(TableNames.IncidentContacts, ct);
        var contacts = new List<IncidentContact>();
        await foreach (var page in table.QueryAsync<TableEntity>(e => e.PartitionKey == organizationId, cancellationToken: ct).AsPages().WithCancellation(ct))
        {
            contacts.AddRange(page.Values.Select(FromEntity));
        }

        return contacts
            .OrderBy(c => c.Priority)
            .ThenBy(c => c.Name, StringComparer.OrdinalIgnoreCase)
            .ThenBy(c => c.Id, StringComparer.Ordinal)
            .ToList();
    }

    public async Task<ListPage<IncidentContact>> ListAsync(string organizationId, PageRequest page, CancellationToken ct)
    {
        var table = await tables.GetAsync(TableNames.IncidentContacts, ct);
        var rows = await TablePages.ReadAsync(table, TableClient.CreateQueryFilter($"PartitionKey eq {organizationId}"), page, ct);
        return rows.Select(FromEntity);
    }

    public async Task<IncidentContact> UpdateAsync(IncidentContact contact, CancellationToken ct)
    {
        var table = await tables.GetAsync(TableNames.IncidentContacts, ct);
        var response = await TableErrors.ConflictsAsync(
            () => table.UpdateEntityAsync(ToEntity(contact), TableErrors.IfMatch(contact.ETag), TableUpdateMode.Replace, ct),
            $"Incident contact {contact.Id}");
        return contact with { ETag = response.Headers.ETag?.ToString() };
    }

    public async Task<bool> DeleteAsync(string organizationId, string id, string? etag, CancellationToken ct)
    {
        var table = await tables.GetAsync(TableNames.IncidentContacts, ct);
        var response = await TableErrors.ConflictsAsync(
            () => table.DeleteEntityAsync(organizationId, id, TableErrors.IfMatch(etag), ct), $"Incident contact {id}");
        return response.Status != 404;
    }

    private static TableEntity ToEntity(IncidentContact c) => new(c.OrganizationId, c.Id)
    {
        ["Name"] = c.Name,
        ["Email"] = c.Email,
        ["Role"] = c.Role,
        ["Priority"] = c.Priority,
        ["CreatedAt"] = c.CreatedAt,
        ["UpdatedAt"] = c.UpdatedAt,
    };

    private static IncidentContact FromEntity(TableEntity e) => new()
    {
        Id = e.RowKey,
        OrganizationId = e.PartitionKey,
        Name = e.GetString("Name") ?? "",
        Email = e.GetString("Email") ?? "",
        Role = e.GetString("Role") ?? "",
        Priority = e.GetInt32("Priority") ?? 0,
        CreatedAt = e.GetDateTimeOffset("CreatedAt") ?? default,
        UpdatedAt = e.GetDateTimeOffset("UpdatedAt") ?? default,
        ETag = e.ETag.ToString(),
    };
}
