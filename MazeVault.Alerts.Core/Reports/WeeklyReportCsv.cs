using System.Globalization;
using System.Text;

namespace MazeVault.Alerts.Core.Reports;

/// <summary>The full report as CSV, attached to the email where the HTML tables are capped.</summary>
public static class WeeklyReportCsv
{
    public const string FileName = "weekly-expiry-report.csv";

    public static byte[] Render(WeeklyReport report)
    {
        var csv = new StringBuilder("kind,id,name,due_utc,days_left,automated,snoozed_until_utc\r\n");
        foreach (var c in report.Certificates)
        {
            AppendRow(csv, "certificate", c.Id, c.Subject, c.NotAfter, c.DaysLeft, c.AutoRenewalEnabled, c.SnoozedUntil);
        }

        foreach (var r in report.Rotations)
        {
            AppendRow(csv, "secret_rotation", r.Id, r.SecretName, r.NextRotationDue, r.DaysLeft, r.Enabled, r.SnoozedUntil);
        }

        // With a byte order mark, Excel opens non-ASCII subjects correctly.
        var text = csv.ToString();
        var preamble = Encoding.UTF8.Preamble;
        var bytes = new byte[preamble.Length + Encoding.UTF8.GetByteCount(text)];
        preamble.CopyTo(bytes);
        Encoding.UTF8.GetBytes(text, bytes.AsSpan(preamble.Length));
        return bytes;
    }

    private static string Utc(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static void AppendRow(StringBuilder csv, string kind, string id, string name, DateTimeOffset due, int daysLeft, bool automated, DateTimeOffset? snoozedUntil)
    {
        csv.Append(kind).Append(',')
            .Append(Field(id)).Append(',')
            .Append(Field(name)).Append(',')
            .Append(Utc(due)).Append(',')
            .Append(daysLeft.ToString(CultureInfo.InvariantCulture)).Append(',')
            .Append(automated ? "yes" : "no").Append(',')
            .Append(snoozedUntil is { } until ? Utc(until) : "").Append("\r\n");
    }

    /// <summary>RFC 4180 quoting, and a leading apostrophe on values a spreadsheet would run as a formula.</summary>
    private static string Field(string value)
    {
        if (StartsLikeFormula(value))
        {
            value = "'" + value;
        }

        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
    }

    /// <summary>
    /// A first visible character of = + - @ (spreadsheets skip leading spaces), also in its fullwidth form (U+FF1D ＝ and
    /// the like), which spreadsheets with East Asian input normalise to the ASCII one; or a leading tab or line break.
    /// </summary>
    private static bool StartsLikeFormula(string value)
    {
        if (value.Length > 0 && value[0] is '\t' or '\r' or '\n')
        {
            return true;
        }

        var first = value.TrimStart(' ', '\u3000');
        return first.Length > 0 && (first[0] is >= '\uFF01' and <= '\uFF5E' ? (char)(first[0] - 0xFEE0) : first[0]) is '=' or '+' or '-' or '@';
    }
}
