using MazeVault.Alerts.Core.Storage;

namespace MazeVault.Alerts.Core.Integrations;

/// <summary>Integrations in Table Storage. Updates and deletes present the ETag they read; a stale one throws <see cref="Storage.ConcurrencyConflictException"/>.</summary>
public interface IIntegrationStore
{
    Task<Integration> CreateAsync(Integration integration, CancellationToken ct);
    Task<Integration?> GetAsync(string organizationId, string id, CancellationToken ct);
    IAsyncEnumerable<Integration> ListAsync(string organizationId, CancellationToken ct);
    /// <summary>One page in id order.</summary>
    Task<ListPage<Integration>> ListAsync(string organizationId, PageRequest page, CancellationToken ct);
    Task<Integration> UpdateAsync(Integration integration, CancellationToken ct);
    /// <summary>Returns false when there was nothing to delete.</summary>
    Task<bool> DeleteAsync(string organizationId, string id, string? etag, CancellationToken ct);
    /// <summary>Rewrites every row not sealed with the current key version (including rows in the old plain format).</summary>
    Task<ResealReport> ResealAsync(CancellationToken ct);
    /// <summary>Rewrites only the rows sealed before destinations were bound whose settings name one (JIRA), binding them.</summary>
    Task<ResealReport> BindDestinationsAsync(CancellationToken ct);
}
