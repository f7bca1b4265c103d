using Azure;
using Azure.Data.Tables;

namespace MazeVault.Alerts.Core.Storage;

/// <summary>
/// Conditional writes: optimistic writes of a row read just before (whoever wrote it in between makes this one fail, 409
/// or 412), and the first write of a row whose key says what it is (a second one finds it there).
/// </summary>
internal static class TableWrites
{
    /// <summary>Adds the row; false when a row with its key was already there (the first write stands).</summary>
    public static async Task<bool> TryAddAsync(TableClient table, TableEntity entity, CancellationToken ct)
    {
        try
        {
            await table.AddEntityAsync(entity, ct);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return false;
        }
    }

    /// <summary>Adds the row when <paramref name="read"/> found none, else replaces it if it still has the ETag read.</summary>
    public static async Task<Response> AddOrReplaceAsync(TableClient table, TableEntity entity, NullableResponse<TableEntity> read, CancellationToken ct) =>
        read.HasValue
            ? await table.UpdateEntityAsync(entity, read.Value!.ETag, TableUpdateMode.Replace, ct)
            : await table.AddEntityAsync(entity, ct);

    /// <summary>
    /// Replaces the row: unconditionally without an ETag (an upsert); with one (<c>*</c> or the ETag a caller read), only
    /// if it still matches, else <see cref="ConcurrencyConflictException"/> naming <paramref name="what"/>.
    /// </summary>
    public static async Task<Response> ReplaceAsync(TableClient table, TableEntity entity, string? etag, string what, CancellationToken ct) =>
        string.IsNullOrEmpty(etag)
            ? await table.UpsertEntityAsync(entity, TableUpdateMode.Replace, ct)
            : await TableErrors.ConflictsAsync(() => table.UpdateEntityAsync(entity, new ETag(etag), TableUpdateMode.Replace, ct), what);
}
