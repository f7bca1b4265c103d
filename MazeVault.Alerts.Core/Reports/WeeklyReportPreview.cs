namespace MazeVault.Alerts.Core.Reports;

/// <summary>
/// This week's report as it would be sent now, by the same renderers, without sending anything: the email's subject and
/// HTML, the plain text integrations get, and how many recipients and integrations would receive it.
/// </summary>
public sealed record WeeklyReportPreview(
    string Week, string Subject, string Html, string Text, int Certificates, int Rotations, int Targets);
