using System.Text;
using MazeVault.Alerts.Core.Reports;
using static MazeVault.Alerts.Core.Tests.Reports.ReportSamples;

namespace MazeVault.Alerts.Core.Tests.Reports;

public sealed class WeeklyReportRenderingTests
{
    private static readonly TimeZoneInfo Prague = TimeZoneInfo.FindSystemTimeZoneById("Europe/Prague");

    [Fact]
    public void Html_has_a_table_per_section_with_counts_and_no_scripts_or_external_assets()
    {
        var html = WeeklyReportHtmlRenderer.Render(Report(certificates: 3, rotations: 2), Prague);

        Assert.Equal(2, CountOf(html, "<th style=") / 4);
        Assert.Contains("CN=host-00000.example.com", html);
        Assert.Contains("db-password-00001", html);
        Assert.Contains(">6</div>", html);   // total certificates tile
        Assert.Contains(">Certificates expiring<", html);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("http://", html);
        Assert.DoesNotContain("https://", html);
    }

    [Fact]
    public void Html_caps_each_table_and_says_how_many_more_are_in_the_csv()
    {
        var html = WeeklyReportHtmlRenderer.Render(Report(certificates: 100_000, rotations: 0), Prague);

        Assert.Equal(WeeklyReportHtmlRenderer.MaxRowsPerTable, CountOf(html, "CN=host-"));
        Assert.Contains("and 99,950 more", html);
        Assert.Contains(WeeklyReportCsv.FileName, html);
        Assert.True(html.Length < 100_000, $"HTML is {html.Length} characters");
    }

    [Fact]
    public void Html_encodes_names_from_the_inventory()
    {
        var report = Report(1, 0) with
        {
            Certificates = [new ExpiringCertificate("x", "CN=<script>alert(1)</script>", DateTimeOffset.UnixEpoch, 3, false)],
        };
        var html = WeeklyReportHtmlRenderer.Render(report, Prague);
        Assert.DoesNotContain("<script>", html);
        Assert.Contains("&lt;script&gt;", html);
    }

    [Fact]
    public void Empty_report_says_nothing_is_due_instead_of_showing_empty_tables()
    {
        var html = WeeklyReportHtmlRenderer.Render(Report(0, 0), Prague);
        Assert.Contains("No certificate expires in the window.", html);
        Assert.Contains("No secret rotation falls due in the window.", html);
        Assert.DoesNotContain("<th", html);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(5, 5)]
    [InlineData(100_000, 0)]
    [InlineData(0, 100_000)]
    [InlineData(100_000, 100_000)]
    public void Text_summary_stays_under_the_slack_section_limit_whatever_the_inventory(int certificates, int rotations)
    {
        var text = WeeklyReportTextRenderer.Render(Report(certificates, rotations), Prague);

        Assert.True(text.Length <= WeeklyReportTextRenderer.MaxLength, $"{text.Length} characters");
        Assert.Contains($"{certificates * 2:N0} in total, {certificates:N0} expiring within 60 days", text);
        Assert.Contains($"{rotations * 3:N0} in total, {rotations:N0} with rotation due within 60 days", text);
        if (certificates > 100)
        {
            Assert.Contains("more (full list in the report email)", text);
        }
    }

    [Fact]
    public void Text_summary_lists_both_sections_soonest_first()
    {
        var text = WeeklyReportTextRenderer.Render(Report(2, 2), Prague);
        Assert.Contains("- CN=host-00000.example.com: expires 2026-12-01 (1 day), auto-renewal on", text);
        Assert.Contains("- db-password-00000: rotation due 2026-12-01 (1 day), rotation disabled", text);
        Assert.True(text.IndexOf("Certificates expiring soonest:", StringComparison.Ordinal) < text.IndexOf("Rotations due soonest:", StringComparison.Ordinal));
    }

    [Fact]
    public void Csv_has_every_row_quoted_where_needed_and_defuses_formulas()
    {
        var report = Report(0, 0) with
        {
            Certificates =
            [
                new ExpiringCertificate("a", "CN=a, O=\"Acme\"", new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero), 1, true),
                new ExpiringCertificate("b", "=HYPERLINK(\"x\")", new DateTimeOffset(2026, 12, 2, 0, 0, 0, TimeSpan.Zero), 2, false),
            ],
            Rotations = [new DueRotation("r", "db", new DateTimeOffset(2026, 12, 3, 0, 0, 0, TimeSpan.Zero), 3, true, SnoozedUntil: new DateTimeOffset(2026, 12, 10, 8, 0, 0, TimeSpan.Zero))],
        };

        var csv = Encoding.UTF8.GetString(WeeklyReportCsv.Render(report)).TrimStart('\uFEFF');
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("kind,id,name,due_utc,days_left,automated,snoozed_until_utc", lines[0]);
        Assert.Equal("certificate,a,\"CN=a, O=\"\"Acme\"\"\",2026-12-01T00:00:00Z,1,yes,", lines[1]);
        Assert.Equal("certificate,b,\"'=HYPERLINK(\"\"x\"\")\",2026-12-02T00:00:00Z,2,no,", lines[2]);
        Assert.Equal("secret_rotation,r,db,2026-12-03T00:00:00Z,3,yes,2026-12-10T08:00:00Z", lines[3]);
    }

    [Theory]
    [InlineData("\uFF1DHYPERLINK(1)")]       // fullwidth =
    [InlineData("\uFF0B1+1")]                // fullwidth +
    [InlineData("\uFF0D1+1")]                // fullwidth -
    [InlineData("\uFF20SUM(A1)")]            // fullwidth @
    [InlineData("  =1+1")]                   // spreadsheets skip leading spaces
    [InlineData("\u3000=1+1")]               // and the ideographic space
    public void Csv_defuses_formula_prefixes_in_their_fullwidth_and_space_led_forms(string name)
    {
        var report = Report(0, 0) with { Rotations = [new DueRotation("r", name, new DateTimeOffset(2026, 12, 3, 0, 0, 0, TimeSpan.Zero), 3, true)] };

        var lines = Encoding.UTF8.GetString(WeeklyReportCsv.Render(report)).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("'" + name, lines[1].Split(',')[2]);
    }

    [Fact]
    public void Csv_of_100000_items_holds_them_all()
    {
        var csv = WeeklyReportCsv.Render(Report(60_000, 40_000));
        Assert.Equal(100_001, CountOf(Encoding.UTF8.GetString(csv), "\r\n"));
    }

    private static int CountOf(string text, string part)
    {
        var count = 0;
        for (var i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + part.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
