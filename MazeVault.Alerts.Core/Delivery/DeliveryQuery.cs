namespace MazeVault.Alerts.Core.Delivery;

/// <summary>A filter of the delivery history; null members match everything.</summary>
public sealed record DeliveryQuery(string? AlertId = null, string? IncidentId = null, DeliveryStatus? Status = null);
