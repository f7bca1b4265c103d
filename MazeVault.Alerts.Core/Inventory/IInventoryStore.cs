namespace MazeVault.Alerts.Core.Inventory;

/// <summary>Certificates and rotation configs in Table Storage. Scans stream page by page.</summary>
public interface IInventoryStore
{
    Task<Certificate> UpsertCertificateAsync(Certificate certificate, CancellationToken ct);
    /// <summary>Without an ETag an unconditional upsert; with one, <see cref="Storage.ConcurrencyConflictException"/> if the row changed since.</summary>
    Task<RotationConfig> UpsertRotationConfigAsync(RotationConfig config, CancellationToken ct);
    Task<Certificate?> GetCertificateAsync(string organizationId, string id, CancellationToken ct);
    Task<RotationConfig?> GetRotationConfigAsync(string organizationId, string id, CancellationToken ct);
    /// <summary>Imports in transactions of at most 100 entities of one partition; reports each item.</summary>
    Task<IReadOnlyList<ImportItemResult>> ImportCertificatesAsync(IReadOnlyList<Certificate> certificates, CancellationToken ct);
    Task<IReadOnlyList<ImportItemResult>> ImportRotationConfigsAsync(IReadOnlyList<RotationConfig> configs, CancellationToken ct);
    IAsyncEnumerable<Certificate> ScanCertificatesAsync(string organizationId, CancellationToken ct);
    IAsyncEnumerable<RotationConfig> ScanRotationConfigsAsync(string organizationId, CancellationToken ct);
    /// <summary>Every organization that has any inventory, each once.</summary>
    IAsyncEnumerable<string> ListOrganizationsAsync(CancellationToken ct);
}
