using System.Diagnostics;
using MazeVault.Alerts.Core.Reports;

namespace MazeVault.Alerts.Core.Tests.Reports;

/// <summary>
/// Renders a realistic report email in headless Chromium (Debian package <c>chromium</c>), as a mail client would show it.
/// <c>MAZEVAULT_UPDATE_DOCS_IMAGES=1</c> also writes the picture to docs/images/weekly-report.png for docs/weekly-report.md.
/// Without Chromium the test is skipped on a developer machine and fails in CI (CI=true), which installs it.
/// </summary>
public sealed class WeeklyReportScreenshotTests
{
    private const string Chromium = "/usr/bin/chromium";

    [SkippableFact]
    public async Task Sample_report_renders_in_headless_chromium()
    {
        var inCi = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
        Assert.False(inCi && !File.Exists(Chromium), $"{Chromium} is missing: .ci/run installs the Debian package chromium.");
        Skip.IfNot(File.Exists(Chromium), $"{Chromium} is not installed (apt-get install chromium); the CI run renders it.");

        var work = Directory.CreateTempSubdirectory("weekly-report-");
        try
        {
            var html = Path.Combine(work.FullName, "weekly-report.html");
            var png = Path.Combine(work.FullName, "weekly-report.png");
            await File.WriteAllTextAsync(html, WeeklyReportHtmlRenderer.Render(Sample(), TimeZoneInfo.FindSystemTimeZoneById("Europe/Prague")));

            await RenderAsync(html, png, work.FullName);

            var bytes = await File.ReadAllBytesAsync(png);
            Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], bytes[..4]);
            // A blank page compresses to a few KB; tables, tiles and text make it far larger.
            Assert.True(bytes.Length > 40_000, $"the screenshot is only {bytes.Length} bytes: is the page blank?");
            if (Environment.GetEnvironmentVariable("MAZEVAULT_UPDATE_DOCS_IMAGES") == "1")
            {
                var target = Path.Combine(RepositoryPaths.Root, "docs", "images", "weekly-report.png");
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(png, target, overwrite: true);
            }
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private static async Task RenderAsync(string html, string png, string profile)
    {
        var start = new ProcessStartInfo(Chromium) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in new[]
                 {
                     "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                     "--disable-background-networking", "--disable-component-update", "--disable-sync", "--hide-scrollbars",
                     $"--user-data-dir={Path.Combine(profile, "profile")}", "--window-size=820,900", $"--screenshot={png}", new Uri(html).AbsoluteUri,
                 })
        {
            start.ArgumentList.Add(arg);
        }

        using var chromium = Process.Start(start)!;
        var stderr = chromium.StandardError.ReadToEndAsync();
        _ = chromium.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await chromium.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            chromium.Kill(entireProcessTree: true);
            throw new TimeoutException("Chromium did not finish the screenshot within 60 s.");
        }

        Assert.True(File.Exists(png), $"Chromium wrote no screenshot (exit {chromium.ExitCode}): {await stderr}");
    }

    /// <summary>What a mid-sized production vault looks like on a Monday morning.</summary>
    private static WeeklyReport Sample()
    {
        var now = new DateTimeOffset(2026, 11, 30, 6, 0, 0, TimeSpan.Zero);
        ExpiringCertificate Cert(string subject, double days, bool autoRenewal) =>
            new(subject, subject, now.AddDays(days), (int)Math.Ceiling(days), autoRenewal);
        DueRotation Rotation(string name, double days, bool enabled = true) => new(name, name, now.AddDays(days), (int)Math.Ceiling(days), enabled);
        return new WeeklyReport
        {
            OrganizationId = "acme-production",
            Week = "2026-W49",
            GeneratedAt = now,
            WindowEnd = now.AddDays(60),
            Certificates =
            [
                Cert("CN=payments-api.acme.com", 2.4, false),
                Cert("CN=vpn.acme.com", 5.1, false),
                Cert("CN=*.internal.acme.com", 11.7, true),
                Cert("CN=grafana.ops.acme.com", 19.2, false),
                Cert("CN=mail.acme.com", 27.9, true),
                Cert("CN=sso.acme.com", 38.5, true),
                Cert("CN=partner-gateway.acme.com", 46.0, false),
                Cert("CN=status.acme.com", 57.3, true),
            ],
            Rotations =
            [
                Rotation("prod/postgres/app-password", 1.2),
                Rotation("prod/stripe/api-key", 8.6),
                Rotation("ci/github-deploy-token", 23.4, enabled: false),
                Rotation("prod/redis/auth", 52.8),
            ],
            TotalCertificates = 142,
            TotalSecrets = 387,
        };
    }
}
