using MazeVault.Alerts.Core.Noise;
using MazeVault.Alerts.Core.Inventory;
using MazeVault.Alerts.Core.Reports;
using Moq;
using static MazeVault.Alerts.Core.Tests.Reports.ReportSamples;

namespace MazeVault.Alerts.Core.Tests.Reports;

public sealed class WeeklyReportBuilderTests
{
    private static readonly DateTimeOffset Now = Monday0700Prague;

    private static Task<WeeklyReport> Build(IEnumerable<Certificate> certificates, IEnumerable<RotationConfig> rotations)
    {
        var inventory = new Mock<IInventoryStore>(MockBehavior.Strict);
        inventory.Setup(i => i.ScanCertificatesAsync("org-1", It.IsAny<CancellationToken>())).Returns(Stream(certificates));
        inventory.Setup(i => i.ScanRotationConfigsAsync("org-1", It.IsAny<CancellationToken>())).Returns(Stream(rotations));
        return new WeeklyReportBuilder(inventory.Object).BuildAsync("org-1", "2026-W49", Now, new Dictionary<string, AlertState>(), CancellationToken.None);
    }

    [Fact]
    public async Task Certificate_expiring_exactly_60_days_from_now_is_in_the_report()
    {
        var report = await Build([Certificate("edge", Now.AddDays(60))], []);
        var certificate = Assert.Single(report.Certificates);
        Assert.Equal(60, certificate.DaysLeft);
    }

    [Fact]
    public async Task Certificate_expiring_a_second_after_the_60_day_window_is_not_in_the_report()
    {
        var report = await Build([Certificate("late", Now.AddDays(60).AddSeconds(1))], []);
        Assert.Empty(report.Certificates);
        Assert.Equal(1, report.TotalCertificates);
    }

    [Fact]
    public async Task Already_expired_certificate_is_counted_but_not_listed_as_expiring()
    {
        var report = await Build([Certificate("gone", Now.AddDays(-1)), Certificate("now", Now)], []);
        Assert.Empty(report.Certificates);
        Assert.Equal(2, report.TotalCertificates);
    }

    [Fact]
    public async Task Certificate_expiring_in_three_hours_shows_one_day_left()
    {
        var report = await Build([Certificate("soon", Now.AddHours(3))], []);
        Assert.Equal(1, Assert.Single(report.Certificates).DaysLeft);
    }

    [Fact]
    public async Task Items_are_listed_soonest_first_with_their_auto_renewal_state()
    {
        var report = await Build(
            [Certificate("c30", Now.AddDays(30), autoRenewal: true), Certificate("c5", Now.AddDays(5)), Certificate("c59", Now.AddDays(59))],
            [Rotation("r40", Now.AddDays(40)), Rotation("r2", Now.AddDays(2), enabled: false)]);

        Assert.Equal(["c5", "c30", "c59"], report.Certificates.Select(c => c.Id));
        Assert.Equal([false, true, false], report.Certificates.Select(c => c.AutoRenewalEnabled));
        Assert.Equal(["r2", "r40"], report.Rotations.Select(r => r.Id));
        Assert.False(report.Rotations[0].Enabled);
    }

    [Fact]
    public async Task Totals_count_the_whole_inventory_including_items_outside_the_window()
    {
        var report = await Build(
            [Certificate("a", Now.AddDays(10)), Certificate("b", Now.AddDays(400)), Certificate("c", Now.AddDays(-3))],
            [Rotation("x", Now.AddDays(61)), Rotation("y", null), Rotation("z", Now.AddDays(60)), Rotation("w", Now.AddDays(-1))]);

        Assert.Equal(3, report.TotalCertificates);
        Assert.Equal(4, report.TotalSecrets);
        Assert.Equal(["z"], report.Rotations.Select(r => r.Id));
        Assert.Equal(Now.AddDays(60), report.WindowEnd);
    }
}
