namespace MazeVault.Alerts.Core.Channels;

/// <summary>Either the vendor's answer or the outcome of not getting one (timeout, connection failure).</summary>
public sealed record HttpExchange(HttpAnswer? Answer, DeliveryOutcome? Failure);
