using MazeVault.Alerts.Core.Channels.Email;
using MazeVault.Alerts.Core.Delivery;
using MazeVault.Alerts.Core.Inventory;
using MazeVault.Alerts.Core.Recipients;
using MazeVault.Alerts.Core.Validation;
using Microsoft.Extensions.DependencyInjection;
using static MazeVault.Alerts.Core.Tests.Delivery.EngineHarness;

namespace MazeVault.Alerts.Core.Tests.Recipients;

/// <summary>
/// A submitter cannot make the service email an address an admin did not allow: rotation configs are refused when
/// written or imported (422, nothing written), and a delivery is sent only to addresses still allowed when it goes.
/// TestServices names example.com as the deployment's default domain.
/// </summary>
public sealed class RecipientPolicyTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static RotationConfigInput FailedConfig(string id, params string[] emails) =>
        new() { Id = id, SecretName = $"{id}-password", Status = RotationStatus.Failed, LastError = "timeout", NotificationEmails = emails };

    [Fact]
    public async Task An_import_naming_an_outside_address_is_refused_with_its_field_and_nothing_is_written_or_sent()
    {
        await using var engine = Create(azurite);
        var inventory = engine.Services.GetRequiredService<InventoryService>();

        var error = await Assert.ThrowsAsync<ValidationException>(() => inventory.ImportAsync(engine.Org, new InventoryImportInput
        {
            Certificates = [new CertificateInput { Id = "c1", Subject = "CN=a", NotAfter = new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero) }],
            RotationConfigs = [FailedConfig("r0", "owner@example.com"), FailedConfig("r1", "ops@example.com", "victim@attacker.test")],
        }, CancellationToken.None));

        Assert.True(error.Refused);
        Assert.Equal(["rotationConfigs[1].notificationEmails[1]"], error.Errors.Select(e => e.Field));
        Assert.Null(await engine.Inventory.GetRotationConfigAsync(engine.Org, "r0", CancellationToken.None));
        Assert.Null(await engine.Inventory.GetCertificateAsync(engine.Org, "c1", CancellationToken.None));
        Assert.Equal(0, await engine.DrainAsync());
        Assert.Empty(await engine.DeliveriesAsync());
    }

    [Fact]
    public async Task A_single_config_with_an_outside_address_is_refused_until_an_admin_allows_its_domain()
    {
        await using var engine = Create(azurite);
        var inventory = engine.Services.GetRequiredService<InventoryService>();
        var policies = engine.Services.GetRequiredService<RecipientPolicyService>();

        var error = await Assert.ThrowsAsync<ValidationException>(() =>
            inventory.UpsertRotationConfigAsync(engine.Org, "db", FailedConfig("db", "owner@partner.test"), CancellationToken.None));
        Assert.Equal(("notificationEmails[0]", true), (Assert.Single(error.Errors).Field, error.Refused));
        Assert.Null(await engine.Inventory.GetRotationConfigAsync(engine.Org, "db", CancellationToken.None));

        await policies.ReplaceAsync(engine.Org, new RecipientPolicyInput { AllowedDomains = ["Partner.test"] }, null, CancellationToken.None);
        await inventory.UpsertRotationConfigAsync(engine.Org, "db", FailedConfig("db", "owner@partner.test"), CancellationToken.None);
        await engine.DrainAsync();

        var delivery = Assert.Single(await engine.DeliveriesAsync());
        Assert.Equal(DeliveryStatus.Delivered, delivery.Status);
        var sent = Assert.Single(engine.Sent);
        Assert.Equal(["owner@partner.test"], ((EmailSettings)sent.Target.Settings).Recipients);
    }

    [Fact]
    public async Task An_address_no_longer_allowed_when_the_email_goes_is_left_out_and_with_none_left_the_delivery_is_suppressed_without_a_notice()
    {
        await using var engine = Create(azurite, adminEmail: "admin@example.com");
        var inventory = engine.Services.GetRequiredService<InventoryService>();
        var policies = engine.Services.GetRequiredService<RecipientPolicyService>();
        await policies.ReplaceAsync(engine.Org, new RecipientPolicyInput { AllowedDomains = ["example.com", "partner.test"] }, null, CancellationToken.None);
        await inventory.UpsertRotationConfigAsync(engine.Org, "both", FailedConfig("both", "owner@example.com", "dba@partner.test"), CancellationToken.None);
        await inventory.UpsertRotationConfigAsync(engine.Org, "outside", FailedConfig("outside", "dba@partner.test"), CancellationToken.None);

        // The admin narrows the policy after the configs were written and their emails queued.
        await policies.ReplaceAsync(engine.Org, new RecipientPolicyInput { AllowedDomains = ["example.com"] }, null, CancellationToken.None);
        await engine.DrainAsync();

        var deliveries = (await engine.DeliveriesAsync()).ToDictionary(d => d.Target);
        Assert.Equal(2, deliveries.Count);
        Assert.Equal(DeliveryStatus.Delivered, deliveries["rotation:both"].Status);
        Assert.Equal(["owner@example.com"], ((EmailSettings)Assert.Single(engine.Sent).Target.Settings).Recipients);
        var suppressed = deliveries["rotation:outside"];
        Assert.Equal((DeliveryStatus.Suppressed, DeliveryProcessor.NotAllowedReason), (suppressed.Status, suppressed.Detail));
        Assert.Equal("suppressed", Assert.Single(suppressed.Attempts).Outcome);
    }

    [Fact]
    public async Task Without_a_saved_policy_the_default_allows_the_deployment_sender_admin_and_contact_domains_only()
    {
        await using var engine = Create(azurite, adminEmail: "admin@corp.test");
        await engine.ConfigureAsync([], [new() { Id = "ann", OrganizationId = "org", Name = "Ann", Email = "ann@contacts.test", Priority = 1 }]);
        var policies = engine.Services.GetRequiredService<RecipientPolicyService>();

        var policy = await policies.GetAsync(engine.Org, CancellationToken.None);

        Assert.False(policy.Configured);
        Assert.Null(policy.ETag);
        Assert.Equal(["contacts.test", "corp.test", "example.com"], policy.AllowedDomains);
        Assert.Empty(policy.AllowedAddresses);
        Assert.True(policy.Allows("Owner@EXAMPLE.com"));
        Assert.False(policy.Allows("owner@sub.example.com"));
        Assert.False(policy.Allows("owner@attacker.test"));
    }

    [Fact]
    public async Task A_saved_policy_allows_exactly_its_domains_and_addresses_and_refuses_malformed_entries()
    {
        await using var engine = Create(azurite);
        var policies = engine.Services.GetRequiredService<RecipientPolicyService>();

        var error = await Assert.ThrowsAsync<ValidationException>(() => policies.ReplaceAsync(engine.Org,
            new RecipientPolicyInput { AllowedDomains = ["ok.test", "*.wild.test", "10.0.0.1"], AllowedAddresses = ["not-an-address"] }, null, CancellationToken.None));
        Assert.False(error.Refused);
        Assert.Equal(["allowedDomains[1]", "allowedDomains[2]", "allowedAddresses[0]"], error.Errors.Select(e => e.Field));

        var saved = await policies.ReplaceAsync(engine.Org,
            new RecipientPolicyInput { AllowedDomains = ["Partner.Test."], AllowedAddresses = ["one@elsewhere.test"] }, null, CancellationToken.None);
        var read = await policies.GetAsync(engine.Org, CancellationToken.None);

        Assert.True(read.Configured);
        Assert.Equal(saved.ETag, read.ETag);
        Assert.Equal(["partner.test"], read.AllowedDomains);
        Assert.True(read.Allows("x@partner.test"));
        Assert.True(read.Allows("ONE@elsewhere.test"));
        Assert.False(read.Allows("two@elsewhere.test"));
        // A saved policy replaces the default: the deployment's domain is no longer allowed on its own.
        Assert.False(read.Allows("owner@example.com"));
    }
}
