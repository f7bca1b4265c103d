using MazeVault.Alerts.Core.Inventory;
using MazeVault.Alerts.Core.Rules;
using Microsoft.Extensions.Time.Testing;

namespace MazeVault.Alerts.Core.Tests.Rules;

/// <summary>Every row of the spec's two daily-check tables (3.1), with a fake clock at the boundaries.</summary>
public sealed class AlertRulesTests
{
    private static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2026, 3, 16, 6, 0, 0, TimeSpan.Zero));
    private static DateTimeOffset Now => Clock.GetUtcNow();

    private static Certificate Cert(TimeSpan expiresIn, bool autoRenewal = false, RenewalStatus renewal = RenewalStatus.None) => new()
    {
        Id = "c1",
        OrganizationId = "org",
        Subject = "CN=example.com",
        NotAfter = Now + expiresIn,
        AutoRenewalEnabled = autoRenewal,
        LastRenewalStatus = renewal,
    };

    [Fact]
    public void Certificate_expiring_in_29_days_with_auto_renewal_disabled_alerts()
        => Assert.True(AlertRules.CertificateNeedsAlert(Cert(TimeSpan.FromDays(29)), Now));

    [Fact]
    public void Certificate_expiring_in_exactly_30_days_with_auto_renewal_disabled_alerts()
        => Assert.True(AlertRules.CertificateNeedsAlert(Cert(TimeSpan.FromDays(30)), Now));

    [Fact]
    public void Certificate_expiring_in_31_days_does_not_alert()
        => Assert.False(AlertRules.CertificateNeedsAlert(Cert(TimeSpan.FromDays(31)), Now));

    [Fact]
    public void Certificate_expiring_one_second_after_the_30_day_window_does_not_alert()
        => Assert.False(AlertRules.CertificateNeedsAlert(Cert(TimeSpan.FromDays(30) + TimeSpan.FromSeconds(1)), Now));

    [Fact]
    public void Certificate_expiring_in_29_days_with_failed_renewal_alerts()
        => Assert.True(AlertRules.CertificateNeedsAlert(Cert(TimeSpan.FromDays(29), autoRenewal: true, RenewalStatus.Failed), Now));

    [Fact]
    public void Certificate_expiring_in_29_days_with_successful_renewal_does_not_alert()
        => Assert.False(AlertRules.CertificateNeedsAlert(Cert(TimeSpan.FromDays(29), autoRenewal: true, RenewalStatus.Success), Now));

    [Fact]
    public void Certificate_with_auto_renewal_enabled_and_not_yet_attempted_does_not_alert()
        => Assert.False(AlertRules.CertificateNeedsAlert(Cert(TimeSpan.FromDays(10), autoRenewal: true, RenewalStatus.None), Now));

    [Fact]
    public void Certificate_expired_yesterday_does_not_alert()
        => Assert.False(AlertRules.CertificateNeedsAlert(Cert(TimeSpan.FromDays(-1)), Now));

    [Fact]
    public void Certificate_expired_yesterday_with_failed_renewal_does_not_alert()
        => Assert.False(AlertRules.CertificateNeedsAlert(Cert(TimeSpan.FromDays(-1), autoRenewal: true, RenewalStatus.Failed), Now));

    [Fact]
    public void Certificate_expiring_this_very_moment_counts_as_expired()
        => Assert.False(AlertRules.CertificateNeedsAlert(Cert(TimeSpan.Zero), Now));

    [Fact]
    public void Certificate_moves_into_the_window_as_the_clock_advances()
    {
        var clock = new FakeTimeProvider(Now);
        var certificate = Cert(TimeSpan.FromDays(31));
        Assert.False(AlertRules.CertificateNeedsAlert(certificate, clock.GetUtcNow()));
        clock.Advance(TimeSpan.FromDays(1));
        Assert.True(AlertRules.CertificateNeedsAlert(certificate, clock.GetUtcNow()));
    }

    [Theory]
    [InlineData(true, RotationStatus.Failed, true)]
    [InlineData(true, RotationStatus.Success, false)]
    [InlineData(false, RotationStatus.Failed, false)]
    [InlineData(false, RotationStatus.Success, false)]
    [InlineData(true, RotationStatus.None, false)]
    public void Rotation_config_alerts_only_when_enabled_and_failed(bool enabled, RotationStatus status, bool alerts)
    {
        var config = new RotationConfig { Id = "r1", OrganizationId = "org", SecretName = "db-password", Enabled = enabled, Status = status };
        Assert.Equal(alerts, AlertRules.RotationConfigNeedsAlert(config));
    }

    [Fact]
    public void Certificate_alert_id_is_the_same_all_day_and_changes_the_next_day()
    {
        var certificate = Cert(TimeSpan.FromDays(20));
        var morning = AlertFactory.CertificateExpiry(certificate, Now);
        var evening = AlertFactory.CertificateExpiry(certificate, Now.AddHours(17));
        var tomorrow = AlertFactory.CertificateExpiry(certificate, Now.AddDays(1));
        Assert.Equal(morning.Id, evening.Id);
        Assert.NotEqual(morning.Id, tomorrow.Id);
        Assert.Equal(morning.Notification.Fingerprint, tomorrow.Notification.Fingerprint);
        Assert.Equal($"Certificate CN=example.com expiring on {certificate.NotAfter:yyyy-MM-dd}", morning.Notification.Subject);
    }
}
