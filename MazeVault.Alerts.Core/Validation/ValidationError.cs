namespace MazeVault.Alerts.Core.Validation;

/// <summary>One invalid input: the JSON field path (e.g. <c>jiraBaseUrl</c>, <c>items[3].notAfter</c>) and why.</summary>
public sealed record ValidationError(string Field, string Message);
