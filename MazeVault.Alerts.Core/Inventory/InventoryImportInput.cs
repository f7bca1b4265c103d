namespace MazeVault.Alerts.Core.Inventory;

/// <summary>The body of a bulk import: any mix of certificates and rotation configs, each with its id.</summary>
public sealed record InventoryImportInput
{
    public IReadOnlyList<CertificateInput?>? Certificates { get; init; }
    public IReadOnlyList<RotationConfigInput?>? RotationConfigs { get; init; }
}
