namespace MazeVault.Alerts.Core.Inventory;

/// <summary>The result of importing one item of a bulk import: its index in the request and the error, if any.</summary>
public sealed record ImportItemResult(int Index, string Id, string? Error);
