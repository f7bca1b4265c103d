using MazeVault.Alerts.Core.Inventory;
using MazeVault.Alerts.Core.Noise;
using MazeVault.Alerts.Core.Tests.Delivery;
using Microsoft.Extensions.DependencyInjection;

namespace MazeVault.Alerts.Core.Tests.Noise;

/// <summary>The daily check's digest over the real engine on Azurite: one message per digest target, per-item for the rest.</summary>
public sealed class DigestTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static async Task<EngineHarness> EngineAsync(AzuriteFixture azurite, bool digestContacts, int certificates, int failedRotations)
    {
        var engine = EngineHarness.Create(azurite, adminEmail: "admin@example.com", teamsWebhook: null);
        await engine.ConfigureAsync(
            [EngineHarness.Integration("slack1", TestIntegrations.Slack) with { Digest = true }, EngineHarness.Integration("hook1", TestIntegrations.Webhook)],
            [EngineHarness.Contact("ann", 1)]);
        await engine.Services.GetRequiredService<AlertPolicyService>().ReplaceAsync(
            engine.Org, new AlertPolicyInput { DigestContacts = digestContacts }, null, CancellationToken.None);
        var now = engine.Clock.GetUtcNow();
        await engine.Inventory.ImportCertificatesAsync(Enumerable.Range(0, certificates).Select(i => new Certificate
        {
            // Urgency not in id order: the digest sorts by days left.
            Id = $"c{i:000}", OrganizationId = engine.Org, Subject = $"CN=host-{i:000}.example.com", NotAfter = now.AddDays(1 + (i * 7 % 29)), AutoRenewalEnabled = false,
        }).ToList(), CancellationToken.None);
        await engine.Inventory.ImportRotationConfigsAsync(Enumerable.Range(0, failedRotations).Select(i => new RotationConfig
        {
            Id = $"r{i}", OrganizationId = engine.Org, SecretName = $"db-password-{i}", Status = RotationStatus.Failed, LastError = "vault timeout",
        }).ToList(), CancellationToken.None);
        return engine;
    }

    [Fact]
    public async Task A_digest_integration_gets_one_message_listing_every_item_while_the_others_get_one_per_item()
    {
        var engine = await EngineAsync(azurite, digestContacts: false, certificates: 5, failedRotations: 2);

        await engine.DailyCheck.RunAsync(CancellationToken.None);
        await engine.DrainAsync();

        var byTarget = engine.Sent.GroupBy(s => s.Target.Id).ToDictionary(g => g.Key, g => g.Select(s => s.Notification).ToList());
        var digest = Assert.Single(byTarget["slack1"]);
        Assert.Equal(7, byTarget["hook1"].Count);
        Assert.Equal(7, byTarget["legacy:admin-email"].Count);
        Assert.Equal(7, byTarget.Single(t => t.Key.StartsWith("contact:", StringComparison.Ordinal)).Value.Count);
        Assert.Equal("Daily check: 5 certificate(s) expiring within 30 days, 2 secret rotation(s) failed", digest.Subject);
        var lines = digest.Message.Split('\n');
        // Failed rotations first, then certificates soonest first.
        Assert.True(Array.IndexOf(lines, "Secret rotations failed (2):") < Array.IndexOf(lines, "Certificates expiring (5):"));
        var days = lines.Where(l => l.StartsWith("- CN=", StringComparison.Ordinal))
            .Select(l => int.Parse(l[(l.IndexOf('(') + 1)..l.IndexOf(" day", StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(5, days.Count);
        Assert.Equal(days.Order(), days);
    }

    [Fact]
    public async Task With_the_organization_digest_admin_email_and_contacts_get_one_message_too()
    {
        var engine = await EngineAsync(azurite, digestContacts: true, certificates: 3, failedRotations: 0);

        await engine.DailyCheck.RunAsync(CancellationToken.None);
        await engine.DrainAsync();

        var counts = engine.Sent.GroupBy(s => s.Target.Id).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(1, counts["legacy:admin-email"]);
        Assert.Equal(1, counts.Single(t => t.Key.StartsWith("contact:", StringComparison.Ordinal)).Value);
        Assert.Equal(1, counts["slack1"]);
        Assert.Equal(3, counts["hook1"]);
    }

    [Fact]
    public async Task A_large_digest_stays_within_the_size_every_vendor_takes_and_says_how_many_more()
    {
        var engine = await EngineAsync(azurite, digestContacts: false, certificates: 150, failedRotations: 30);

        await engine.DailyCheck.RunAsync(CancellationToken.None);
        await engine.DrainAsync();

        var digest = Assert.Single(engine.Sent, s => s.Target.Id == "slack1").Notification;
        Assert.InRange(digest.Message.Length, 1000, DailyDigest.MaxMessageLength);
        var lines = digest.Message.Split('\n');
        var shown = lines.Count(l => l.StartsWith("- CN=", StringComparison.Ordinal)) + lines.Count(l => l.StartsWith("- db-password", StringComparison.Ordinal));
        var more = lines.Where(l => l.StartsWith("- and ", StringComparison.Ordinal))
            .Sum(l => int.Parse(l["- and ".Length..l.IndexOf(" more", StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(180, shown + more);
        Assert.Contains(lines, l => l.StartsWith("- CN=", StringComparison.Ordinal));
        Assert.Contains(digest.Facts, f => f.Name == "Certificates expiring" && f.Value == "150");
    }

    [Fact]
    public async Task Incidents_are_never_digested()
    {
        var engine = await EngineAsync(azurite, digestContacts: true, certificates: 0, failedRotations: 0);

        await engine.Incidents.ReportAsync(engine.Org, EngineHarness.IncidentRequest(), null, CancellationToken.None);
        await engine.DrainAsync();

        Assert.Equal(["hook1", "legacy:admin-email", "slack1"], engine.Sent.Select(s => s.Target.Id).Where(id => !id.StartsWith("contact:", StringComparison.Ordinal)).Order());
    }
}
