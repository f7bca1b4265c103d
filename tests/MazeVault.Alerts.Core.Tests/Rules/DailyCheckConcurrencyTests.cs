using System.Runtime.CompilerServices;
using MazeVault.Alerts.Core.Inventory;
using MazeVault.Alerts.Core.Rules;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Moq;

namespace MazeVault.Alerts.Core.Tests.Rules;

/// <summary>The daily check reads two organizations at once, and still reports each one's counts and failures.</summary>
public sealed class DailyCheckConcurrencyTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_second_organization_is_scanned_while_the_first_is_still_being_read()
    {
        var secondStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var inventory = new Mock<IInventoryStore>();
        inventory.Setup(i => i.ListOrganizationsAsync(It.IsAny<CancellationToken>())).Returns(() => Organizations("org-first", "org-second"));
        // The first organization's scan only finishes once the second's has begun: one after the other, it never would.
        inventory.Setup(i => i.ScanCertificatesAsync("org-first", It.IsAny<CancellationToken>())).Returns(() => CertificatesAfter(() => secondStarted.Task.WaitAsync(Patience), "first", 3));
        inventory.Setup(i => i.ScanCertificatesAsync("org-second", It.IsAny<CancellationToken>())).Returns(() => CertificatesAfter(() => Started(secondStarted), "second", 2));
        inventory.Setup(i => i.ScanRotationConfigsAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).Returns(() => AsyncEnumerable.Empty<RotationConfig>());
        await using var services = TestServices.On(azurite).Before(s => s.AddSingleton(inventory.Object)).Build();

        var summary = await services.GetRequiredService<DailyCheckService>().RunAsync(CancellationToken.None);

        Assert.Equal(2, summary.Organizations);
        Assert.Equal(5, summary.CertificatesScanned);
        Assert.DoesNotContain(services.GetFakeLogCollector().GetSnapshot(), r => r.Level == LogLevel.Error);
    }

    private static Task Started(TaskCompletionSource started)
    {
        started.TrySetResult();
        return Task.CompletedTask;
    }

    private static async IAsyncEnumerable<string> Organizations(params string[] ids)
    {
        foreach (var id in ids)
        {
            await Task.Yield();
            yield return id;
        }
    }

    /// <summary>Certificates far from expiry (no alert), handed out once <paramref name="gate"/>, called when the scan begins, completes.</summary>
    private static async IAsyncEnumerable<Certificate> CertificatesAfter(Func<Task> gate, string prefix, int count, [EnumeratorCancellation] CancellationToken ct = default)
    {
        await gate();
        for (var i = 0; i < count; i++)
        {
            ct.ThrowIfCancellationRequested();
            yield return new Certificate { Id = $"{prefix}-{i}", OrganizationId = $"org-{prefix}", Subject = $"CN={prefix}-{i}", NotAfter = DateTimeOffset.UtcNow.AddYears(1) };
        }
    }
}
