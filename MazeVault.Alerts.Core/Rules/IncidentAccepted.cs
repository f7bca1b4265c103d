namespace MazeVault.Alerts.Core.Rules;

/// <summary>The result of reporting an incident: its id and how many deliveries this request queued.</summary>
public sealed record IncidentAccepted(string IncidentId, int DeliveriesQueued);
