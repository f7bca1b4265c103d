namespace MazeVault.Alerts.Core.Rules;

/// <summary>An incident as posted to the API; every member nullable so that validation can name what is missing.</summary>
public sealed record IncidentRequest
{
    public string? Type { get; init; }
    /// <summary>low, medium, high or critical.</summary>
    public string? Severity { get; init; }
    public string? AffectedResourceName { get; init; }
    public DateTimeOffset? DetectedAt { get; init; }
    public string? ChangeDetails { get; init; }
}
