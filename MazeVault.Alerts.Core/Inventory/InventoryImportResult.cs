namespace MazeVault.Alerts.Core.Inventory;

/// <summary>What a bulk import wrote: one result per item, in request order; <c>Error</c> is set for items not written.</summary>
public sealed record InventoryImportResult(
    IReadOnlyList<ImportItemResult> Certificates,
    IReadOnlyList<ImportItemResult> RotationConfigs)
{
    public int Imported => Certificates.Count(r => r.Error is null) + RotationConfigs.Count(r => r.Error is null);
    public int Failed => Certificates.Count(r => r.Error is not null) + RotationConfigs.Count(r => r.Error is not null);
}
