using System.Globalization;
using System.Net;
using System.Text;

namespace MazeVault.Alerts.Core.Reports;

/// <summary>
/// The report email's HTML: table layout and inline styles only (Outlook and Gmail drop style sheets),
/// no scripts, no images, no external assets. Each table shows the soonest <see cref="MaxRowsPerTable"/>
/// rows; the rest are counted and are in the CSV attachment.
/// </summary>
public static class WeeklyReportHtmlRenderer
{
    public const int MaxRowsPerTable = 50;

    private const string Font = "font-family:Segoe UI,Helvetica,Arial,sans-serif;";
    private const string Cell = "padding:8px 12px;border-bottom:1px solid #e5e7eb;font-size:14px;color:#111827;";
    private const string HeadCell = "padding:8px 12px;border-bottom:2px solid #d1d5db;font-size:12px;color:#6b7280;text-transform:uppercase;letter-spacing:0.04em;text-align:left;";

    public static string Render(WeeklyReport report, TimeZoneInfo zone)
    {
        var html = new StringBuilder(16 * 1024);
        html.Append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\">")
            .Append("<title>").Append(Encode(Subject(report))).Append("</title></head>")
            .Append("<body style=\"margin:0;padding:0;background:#f3f4f6;").Append(Font).Append("\">")
            .Append("<table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" style=\"background:#f3f4f6;\"><tr><td align=\"center\" style=\"padding:24px 12px;\">")
            .Append("<table role=\"presentation\" width=\"720\" cellpadding=\"0\" cellspacing=\"0\" style=\"max-width:720px;width:100%;background:#ffffff;border-radius:8px;border:1px solid #e5e7eb;\">");

        AppendHeader(html, report, zone);
        AppendTotals(html, report);
        AppendCertificates(html, report, zone);
        AppendRotations(html, report, zone);
        AppendFooter(html, report);

        html.Append("</table></td></tr></table></body></html>");
        return html.ToString();
    }

    public static string Subject(WeeklyReport report) =>
        string.Create(CultureInfo.InvariantCulture,
            $"MazeVault weekly expiry report {report.Week}: {report.Certificates.Count} certificates, {report.Rotations.Count} rotations due in {WeeklyReportBuilder.WindowDays} days");

    private static void AppendHeader(StringBuilder html, WeeklyReport report, TimeZoneInfo zone)
    {
        html.Append("<tr><td style=\"background:#111827;border-radius:8px 8px 0 0;padding:20px 24px;\">")
            .Append("<div style=\"font-size:12px;color:#9ca3af;letter-spacing:0.08em;text-transform:uppercase;\">MazeVault &middot; Weekly expiry report</div>")
            .Append("<div style=\"font-size:22px;color:#ffffff;font-weight:600;padding-top:4px;\">Organization ").Append(Encode(report.OrganizationId)).Append("</div>")
            .Append("<div style=\"font-size:13px;color:#d1d5db;padding-top:4px;\">Week ").Append(Encode(report.Week))
            .Append(" &middot; window ").Append(Date(report.GeneratedAt, zone)).Append(" &ndash; ").Append(Date(report.WindowEnd, zone))
            .Append(" (").Append(Encode(zone.Id)).Append(")</div></td></tr>");
    }

    private static void AppendTotals(StringBuilder html, WeeklyReport report)
    {
        html.Append("<tr><td style=\"padding:20px 24px 4px 24px;\"><table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\"><tr>");
        AppendTile(html, "Certificates expiring", report.Certificates.Count, report.Certificates.Count > 0 ? "#b45309" : "#047857");
        AppendTile(html, "Rotations due", report.Rotations.Count, report.Rotations.Count > 0 ? "#b45309" : "#047857");
        AppendTile(html, "Certificates in total", report.TotalCertificates, "#111827");
        AppendTile(html, "Secrets in total", report.TotalSecrets, "#111827");
        html.Append("</tr></table></td></tr>");
    }

    private static void AppendTile(StringBuilder html, string label, int value, string color)
    {
        html.Append("<td width=\"25%\" style=\"padding:4px;\"><table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" style=\"background:#f9fafb;border:1px solid #e5e7eb;border-radius:6px;\"><tr><td style=\"padding:12px;\">")
            .Append("<div style=\"font-size:24px;font-weight:700;color:").Append(color).Append(";\">").Append(value.ToString("N0", CultureInfo.InvariantCulture)).Append("</div>")
            .Append("<div style=\"font-size:12px;color:#6b7280;padding-top:2px;\">").Append(Encode(label)).Append("</div>")
            .Append("</td></tr></table></td>");
    }

    private static void AppendCertificates(StringBuilder html, WeeklyReport report, TimeZoneInfo zone) =>
        AppendSection(
            html,
            $"Certificates expiring within {WeeklyReportBuilder.WindowDays} days",
            "No certificate expires in the window.",
            ["Certificate", "Expires", "Days left", "Auto-renewal"],
            report.Certificates,
            c => (c.Subject, c.NotAfter, c.DaysLeft,
                (c.AutoRenewalEnabled ? "Enabled" : "<span style=\"color:#b91c1c;font-weight:600;\">Disabled</span>") + Snoozed(c.SnoozedUntil, zone)),
            zone);

    private static void AppendRotations(StringBuilder html, WeeklyReport report, TimeZoneInfo zone) =>
        AppendSection(
            html,
            $"Secrets with rotation due within {WeeklyReportBuilder.WindowDays} days",
            "No secret rotation falls due in the window.",
            ["Secret", "Rotation due", "Days left", "Rotation"],
            report.Rotations,
            r => (r.SecretName, r.NextRotationDue, r.DaysLeft,
                (r.Enabled ? "Enabled" : "<span style=\"color:#6b7280;\">Disabled</span>") + Snoozed(r.SnoozedUntil, zone)),
            zone);

    private static string Snoozed(DateTimeOffset? until, TimeZoneInfo zone) =>
        until is { } end ? $"<br><span style=\"color:#6b7280;\">Snoozed until {Encode(TimeZoneInfo.ConvertTime(end, zone).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))}</span>" : "";

    /// <summary>A titled table of the soonest rows; <paramref name="row"/> gives the name, date, days left and the state cell's HTML.</summary>
    private static void AppendSection<T>(
        StringBuilder html,
        string title,
        string emptyText,
        string[] headings,
        IReadOnlyList<T> items,
        Func<T, (string Name, DateTimeOffset Due, int DaysLeft, string StateHtml)> row,
        TimeZoneInfo zone)
    {
        AppendSectionTitle(html, title);
        if (items.Count == 0)
        {
            AppendEmpty(html, emptyText);
            return;
        }

        AppendTableStart(html, headings);
        foreach (var (name, due, daysLeft, stateHtml) in items.Take(MaxRowsPerTable).Select(row))
        {
            html.Append("<tr><td style=\"").Append(Cell).Append("word-break:break-all;\">").Append(Encode(name)).Append("</td>")
                .Append("<td style=\"").Append(Cell).Append("white-space:nowrap;\">").Append(Date(due, zone)).Append("</td>")
                .Append("<td style=\"").Append(Cell).Append("\">").Append(DaysBadge(daysLeft)).Append("</td>")
                .Append("<td style=\"").Append(Cell).Append("\">").Append(stateHtml).Append("</td></tr>");
        }

        AppendTableEnd(html, items.Count);
    }

    private static void AppendSectionTitle(StringBuilder html, string title) =>
        html.Append("<tr><td style=\"padding:20px 24px 8px 24px;font-size:16px;font-weight:600;color:#111827;\">").Append(Encode(title)).Append("</td></tr>");

    private static void AppendEmpty(StringBuilder html, string text) =>
        html.Append("<tr><td style=\"padding:0 24px 8px 24px;font-size:14px;color:#047857;\">").Append(Encode(text)).Append("</td></tr>");

    private static void AppendTableStart(StringBuilder html, params string[] headings)
    {
        html.Append("<tr><td style=\"padding:0 24px;\"><table width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" style=\"border-collapse:collapse;\"><tr>");
        foreach (var heading in headings)
        {
            html.Append("<th style=\"").Append(HeadCell).Append("\">").Append(Encode(heading)).Append("</th>");
        }

        html.Append("</tr>");
    }

    private static void AppendTableEnd(StringBuilder html, int total)
    {
        html.Append("</table>");
        if (total > MaxRowsPerTable)
        {
            html.Append("<div style=\"font-size:13px;color:#6b7280;padding:8px 12px;\">&hellip; and ")
                .Append((total - MaxRowsPerTable).ToString("N0", CultureInfo.InvariantCulture))
                .Append(" more. The full list is attached as ").Append(WeeklyReportCsv.FileName).Append(".</div>");
        }

        html.Append("</td></tr>");
    }

    private static void AppendFooter(StringBuilder html, WeeklyReport report) =>
        html.Append("<tr><td style=\"padding:20px 24px;font-size:12px;color:#9ca3af;border-top:1px solid #e5e7eb;\">")
            .Append("Generated by MazeVault Alerts at ").Append(Encode(report.GeneratedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture))).Append(" UTC. ")
            .Append("Recipients are managed in System Outputs &rarr; Weekly Expiry Report.</td></tr>");

    private static string DaysBadge(int daysLeft)
    {
        var (background, color) = daysLeft switch
        {
            <= 7 => ("#fee2e2", "#b91c1c"),
            <= 30 => ("#fef3c7", "#b45309"),
            _ => ("#d1fae5", "#047857"),
        };
        return string.Create(CultureInfo.InvariantCulture,
            $"<span style=\"display:inline-block;padding:2px 8px;border-radius:10px;font-size:12px;font-weight:600;background:{background};color:{color};\">{daysLeft} {(daysLeft == 1 ? "day" : "days")}</span>");
    }

    private static string Date(DateTimeOffset when, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(when, zone).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
