using Azure;

namespace MazeVault.Alerts.Core.Storage;

/// <summary>Turns the Table service's concurrency answers into <see cref="ConcurrencyConflictException"/>.</summary>
internal static class TableErrors
{
    public static async Task<T> ConflictsAsync<T>(Func<Task<T>> operation, string what)
    {
        try
        {
            return await operation();
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            throw new ConcurrencyConflictException($"{what} was changed by someone else since it was read: read it again and retry with its current ETag.", e);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            throw new ConcurrencyConflictException($"{what} was deleted by someone else since it was read.", e);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            throw new ConcurrencyConflictException($"{what} already exists.", e);
        }
    }

    /// <summary>ETag for a conditional write: the one read, or unconditional when none was given.</summary>
    public static ETag IfMatch(string? etag) => string.IsNullOrEmpty(etag) ? ETag.All : new ETag(etag);
}
