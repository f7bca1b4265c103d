using MazeVault.Alerts.Core.Delivery;
using MazeVault.Alerts.Core.Inventory;
using MazeVault.Alerts.Core.Noise;
using MazeVault.Alerts.Core.Tests.Delivery;
using Microsoft.Extensions.DependencyInjection;

namespace MazeVault.Alerts.Core.Tests.Noise;

/// <summary>Reminder thresholds over the real engine on Azurite, walking a fake clock day by day.</summary>
public sealed class ReminderPolicyTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static async Task SetPolicyAsync(EngineHarness engine, AlertPolicyInput input) =>
        await engine.Services.GetRequiredService<AlertPolicyService>().ReplaceAsync(engine.Org, input, null, CancellationToken.None);

    /// <summary>Runs the daily check each day for <paramref name="days"/> days (twice a day: the rerun must add nothing) and returns the days left of each day that alerted.</summary>
    private static async Task<List<int>> WalkAsync(EngineHarness[] instances, DateTimeOffset notAfter, int days)
    {
        var alertedAt = new List<int>();
        var start = instances[0].Clock.GetUtcNow();
        for (var day = 0; day < days; day++)
        {
            // Alternate between two service providers on the same storage: state must live in storage, not in memory.
            var engine = instances[day % instances.Length];
            engine.Clock.SetUtcNow(start.AddDays(day));

            var before = instances.Sum(i => i.Sent.Count);
            await engine.DailyCheck.RunAsync(CancellationToken.None);
            await engine.DailyCheck.RunAsync(CancellationToken.None);
            await engine.DrainAsync();
            var sent = instances.Sum(i => i.Sent.Count) - before;
            Assert.InRange(sent, 0, 1);
            if (sent == 1)
            {
                alertedAt.Add((int)Math.Ceiling((notAfter - engine.Clock.GetUtcNow()).TotalDays));
            }
        }

        return alertedAt;
    }

    private async Task<(EngineHarness[] Instances, DateTimeOffset NotAfter)> CertificateAsync(AlertPolicyInput? policy)
    {
        var first = EngineHarness.Create(azurite, adminEmail: null, teamsWebhook: null);
        var second = EngineHarness.Create(azurite, adminEmail: null, teamsWebhook: null, organizationId: first.Org);
        await first.ConfigureAsync([EngineHarness.Integration("slack1", TestIntegrations.Slack)]);
        if (policy is not null)
        {
            await SetPolicyAsync(first, policy);
        }

        var notAfter = first.Clock.GetUtcNow().AddDays(35);
        await first.Inventory.UpsertCertificateAsync(
            new Certificate { Id = "web", OrganizationId = first.Org, Subject = "CN=web.example.com", NotAfter = notAfter, AutoRenewalEnabled = false },
            CancellationToken.None);
        return ([first, second], notAfter);
    }

    [Fact]
    public async Task By_default_a_certificate_alerts_every_day_of_its_30_day_window()
    {
        var (instances, notAfter) = await CertificateAsync(policy: null);

        var alerted = await WalkAsync(instances, notAfter, 40);

        Assert.Equal(Enumerable.Range(1, 30).Reverse(), alerted);
    }

    [Fact]
    public async Task With_thresholds_a_certificate_alerts_once_per_threshold_and_daily_in_the_final_stretch()
    {
        var (instances, notAfter) = await CertificateAsync(new AlertPolicyInput { Reminders = "thresholds", ThresholdDays = [30, 14, 7, 3, 1], FinalStretchDays = 2 });

        var alerted = await WalkAsync(instances, notAfter, 40);

        Assert.Equal([30, 14, 7, 3, 2, 1], alerted);
    }

    [Fact]
    public async Task A_new_expiry_date_starts_the_thresholds_over()
    {
        var (instances, notAfter) = await CertificateAsync(new AlertPolicyInput { Reminders = "thresholds", ThresholdDays = [30, 7] });
        var engine = instances[0];
        Assert.Equal([30], await WalkAsync(instances, notAfter, 10));

        // Replaced by a certificate that also expires within the window: a new expiry, alerted at its first threshold again.
        var replaced = engine.Clock.GetUtcNow().AddDays(20);
        await engine.Inventory.UpsertCertificateAsync(
            new Certificate { Id = "web", OrganizationId = engine.Org, Subject = "CN=web.example.com", NotAfter = replaced, AutoRenewalEnabled = false },
            CancellationToken.None);
        var before = engine.Sent.Count;
        engine.Clock.Advance(TimeSpan.FromDays(1));
        await engine.DailyCheck.RunAsync(CancellationToken.None);
        await engine.DrainAsync();

        Assert.Equal(before + 1, engine.Sent.Count);
    }

    [Fact]
    public async Task With_thresholds_a_failed_rotation_alerts_when_it_fails_and_then_weekly()
    {
        var engine = EngineHarness.Create(azurite, adminEmail: null, teamsWebhook: null);
        await engine.ConfigureAsync([EngineHarness.Integration("slack1", TestIntegrations.Slack)]);
        await SetPolicyAsync(engine, new AlertPolicyInput { Reminders = "thresholds" });
        await engine.Inventory.UpsertRotationConfigAsync(
            new RotationConfig { Id = "db", OrganizationId = engine.Org, SecretName = "db-password", Status = RotationStatus.Failed, LastError = "timeout" },
            CancellationToken.None);

        var alertedOn = new List<int>();
        for (var day = 0; day < 16; day++)
        {
            var before = engine.Sent.Count;
            await engine.DailyCheck.RunAsync(CancellationToken.None);
            await engine.DrainAsync();
            if (engine.Sent.Count > before)
            {
                alertedOn.Add(day);
            }

            engine.Clock.Advance(TimeSpan.FromDays(1));
        }

        Assert.Equal([0, 7, 14], alertedOn);
    }

    [Fact]
    public async Task A_rerun_the_same_day_queues_nothing_new_under_thresholds()
    {
        var (instances, _) = await CertificateAsync(new AlertPolicyInput { Reminders = "thresholds" });
        var engine = instances[0];
        engine.Clock.Advance(TimeSpan.FromDays(5));

        var first = await engine.DailyCheck.RunAsync(CancellationToken.None);
        var second = await engine.DailyCheck.RunAsync(CancellationToken.None);

        Assert.Single(await engine.DeliveriesAsync());
        Assert.True(first.DeliveriesQueued >= 1);
        Assert.Equal(0, second.DeliveriesQueued);
    }
}
