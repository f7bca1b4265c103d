namespace MazeVault.Alerts.Core.Delivery;

/// <summary>A delivery put off without using an attempt: the copy of its message to queue, when it is due, and why (for the log).</summary>
internal sealed record DeliveryDeferral(DateTimeOffset Until, DeliveryEnvelope Copy, string Reason);
