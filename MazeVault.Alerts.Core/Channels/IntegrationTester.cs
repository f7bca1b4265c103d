using MazeVault.Alerts.Core.Integrations;
using MazeVault.Alerts.Core.Secrets;
using MazeVault.Alerts.Core.Storage;
using Microsoft.Extensions.Options;

namespace MazeVault.Alerts.Core.Channels;

/// <summary>
/// The Test action: sends a test notification synchronously through the integration's own channel, within
/// INTEGRATION_TEST_TIMEOUT_SECONDS and the per-integration rate limit. The answer classifies a failure (rejected with
/// its status, unreachable, timed out, not allowed) and never repeats what the destination said.
/// </summary>
public sealed class IntegrationTester(
    IIntegrationStore integrations,
    ChannelCatalog channels,
    IntegrationTestLimiter limiter,
    IOptions<IntegrationTestOptions> options,
    TimeProvider timeProvider)
{
    public const string TestSubject = "Test Notification from MazeVault";

    /// <summary>Null when the organization has no such integration.</summary>
    public async Task<IntegrationTestResult?> TestAsync(string organizationId, string integrationId, CancellationToken ct)
    {
        // An id Table Storage cannot hold names no stored integration.
        var integration = TableKeys.IsValid(organizationId) && TableKeys.IsValid(integrationId)
            ? await integrations.GetAsync(organizationId, integrationId, ct)
            : null;
        if (integration is null)
        {
            return null;
        }

        if (limiter.TryAcquire(organizationId, integrationId) is { } wait)
        {
            throw new IntegrationTestThrottledException(wait);
        }

        var timeout = TimeSpan.FromSeconds(options.Value.TimeoutSeconds);
        using var deadline = new CancellationTokenSource(timeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, deadline.Token);
        ChannelTestResult result;
        try
        {
            result = await channels.ChannelFor(integration.Type).TestAsync(TestNotification(integration), integration, linked.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            result = new ChannelTestResult(false, null, $"timed out after {timeout.TotalSeconds:0} s", []);
        }
        catch (SecretIntegrityException e)
        {
            result = new ChannelTestResult(false, null, SecretIntegrityException.Reason(e), []);
        }

        return new IntegrationTestResult(integration.Id, integration.Type, result.Success, result.Detail, result.Error, result.Recipients);
    }

    private Notification TestNotification(Integration integration) => new()
    {
        Subject = TestSubject,
        Message = $"This is a test notification from MazeVault for the {channels.Get(integration.Type).DisplayName} integration \"{integration.Name}\". If you can read it, the integration works.",
        Severity = NotificationSeverity.Info,
        Fingerprint = $"test:{integration.Id}",
        IsTest = true,
        Facts =
        [
            new NotificationFact("Integration", integration.Name),
            new NotificationFact("Type", channels.Get(integration.Type).DisplayName),
            new NotificationFact("Sent at", timeProvider.GetUtcNow().ToString("yyyy-MM-dd HH:mm:ss 'UTC'")),
        ],
    };
}
