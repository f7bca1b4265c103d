using System.Globalization;
using System.Text;

namespace MazeVault.Alerts.Core.Reports;

/// <summary>
/// The plain-text summary the integrations receive. It lists the soonest items while it fits
/// in <see cref="MaxLength"/> characters, under Slack's 3,000-character section limit and far under
/// Teams' ~28 KB message limit, whatever the size of the inventory.
/// </summary>
public static class WeeklyReportTextRenderer
{
    public const int MaxLength = 2_900;

    public static string Render(WeeklyReport report, TimeZoneInfo zone)
    {
        var text = new StringBuilder(MaxLength);
        text.Append(CultureInfo.InvariantCulture, $"Weekly expiry report {report.Week} for organization {report.OrganizationId}\n")
            .Append(CultureInfo.InvariantCulture, $"Certificates: {report.TotalCertificates:N0} in total, {report.Certificates.Count:N0} expiring within {WeeklyReportBuilder.WindowDays} days\n")
            .Append(CultureInfo.InvariantCulture, $"Secrets: {report.TotalSecrets:N0} in total, {report.Rotations.Count:N0} with rotation due within {WeeklyReportBuilder.WindowDays} days\n");

        var certificateLines = report.Certificates.Select(c =>
            $"- {c.Subject}: expires {Date(c.NotAfter, zone)} ({Days(c.DaysLeft)}), auto-renewal {(c.AutoRenewalEnabled ? "on" : "off")}{Snoozed(c.SnoozedUntil, zone)}");
        var rotationLines = report.Rotations.Select(r =>
            $"- {r.SecretName}: rotation due {Date(r.NextRotationDue, zone)} ({Days(r.DaysLeft)}){(r.Enabled ? "" : ", rotation disabled")}{Snoozed(r.SnoozedUntil, zone)}");

        // Reserve room for both sections' headings and their "and N more" lines before filling either.
        var budget = MaxLength - text.Length - 2 * 120;
        var certificateBudget = report.Rotations.Count == 0 ? budget : budget / 2;
        var usedByCertificates = AppendSection(text, "Certificates expiring soonest:", certificateLines, report.Certificates.Count, certificateBudget);
        AppendSection(text, "Rotations due soonest:", rotationLines, report.Rotations.Count, budget - usedByCertificates);
        return text.ToString();
    }

    private static int AppendSection(StringBuilder text, string heading, IEnumerable<string> lines, int count, int budget)
    {
        if (count == 0)
        {
            return 0;
        }

        var start = text.Length;
        text.Append('\n').Append(heading).Append('\n');
        var shown = 0;
        foreach (var line in lines)
        {
            if (text.Length - start + line.Length + 1 > budget)
            {
                break;
            }

            text.Append(line).Append('\n');
            shown++;
        }

        if (shown < count)
        {
            text.Append(CultureInfo.InvariantCulture, $"... and {count - shown:N0} more (full list in the report email)\n");
        }

        return text.Length - start;
    }

    private static string Snoozed(DateTimeOffset? until, TimeZoneInfo zone) => until is { } end ? $", snoozed until {Date(end, zone)}" : "";

    private static string Days(int daysLeft) => daysLeft == 1 ? "1 day" : $"{daysLeft} days";

    private static string Date(DateTimeOffset when, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(when, zone).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
