using MazeVault.Alerts.Core.Email;
using MazeVault.Alerts.Core.Integrations;
using MazeVault.Alerts.Core.Storage;

namespace MazeVault.Alerts.Core.Channels;

/// <summary>The result of one recipient of an Email integration's test.</summary>
public sealed record RecipientTestResult(string Recipient, bool Success, string? Error);

/// <summary>What the Test button shows (spec 6): success, or the specific error; for Email, one result per recipient.</summary>
public sealed record IntegrationTestResult(
    string IntegrationId,
    IntegrationType Type,
    bool Success,
    string? Detail,
    string? Error,
    IReadOnlyList<RecipientTestResult> Recipients);

/// <summary>Spec 6 Test action: sends a test notification synchronously through the integration's own channel.</summary>
public sealed class IntegrationTester(IIntegrationStore integrations, ChannelCatalog channels, IEmailTransport emailTransport, TimeProvider timeProvider)
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

        var notification = TestNotification(integration);
        if (integration.Type != IntegrationType.Email)
        {
            var outcome = await channels.For(integration.Type).SendAsync(notification, integration, ct);
            return new IntegrationTestResult(integration.Id, integration.Type, outcome is DeliveryOutcome.Delivered, Detail(outcome), Error(outcome), []);
        }

        // Spec 6: "a test email to each configured recipient", so each gets its own message and result.
        var results = new List<RecipientTestResult>();
        foreach (var recipient in integration.EmailRecipients.Where(r => !string.IsNullOrWhiteSpace(r)))
        {
            var outcome = await emailTransport.SendAsync(EmailComposer.Compose(notification, [recipient.Trim()]), ct);
            results.Add(new RecipientTestResult(recipient.Trim(), outcome is DeliveryOutcome.Delivered, Error(outcome)));
        }

        var error = results.Count == 0
            ? $"email error: no recipients in Email integration {integration.Id}"
            : results.FirstOrDefault(r => !r.Success)?.Error;
        return new IntegrationTestResult(integration.Id, integration.Type, error is null, $"transport: {emailTransport.Name}", error, results);
    }

    private Notification TestNotification(Integration integration) => new()
    {
        Subject = TestSubject,
        Message = $"This is a test notification from MazeVault for the {integration.Type} integration \"{integration.Name}\". If you can read it, the integration works.",
        Severity = NotificationSeverity.Info,
        Fingerprint = $"test:{integration.Id}",
        IsTest = true,
        Facts =
        [
            new NotificationFact("Integration", integration.Name),
            new NotificationFact("Type", integration.Type.ToString()),
            new NotificationFact("Sent at", timeProvider.GetUtcNow().ToString("yyyy-MM-dd HH:mm:ss 'UTC'")),
        ],
    };

    private static string? Detail(DeliveryOutcome outcome) => (outcome as DeliveryOutcome.Delivered)?.Detail;

    private static string? Error(DeliveryOutcome outcome) => outcome switch
    {
        DeliveryOutcome.Retryable r => r.Reason,
        DeliveryOutcome.Permanent p => p.Reason,
        _ => null,
    };
}
