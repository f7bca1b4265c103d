using MazeVault.Alerts.Core.Validation;

namespace MazeVault.Alerts.Core.Inventory;

/// <summary>A secret rotation configuration as the vault sends it.</summary>
public sealed record RotationConfigInput
{
    public const int MaxNotificationEmails = 50;

    public string? Id { get; init; }
    public string? SecretName { get; init; }
    public bool? Enabled { get; init; }
    public RotationStatus? Status { get; init; }
    public DateTimeOffset? NextRotationDue { get; init; }
    public string? LastError { get; init; }
    public IReadOnlyList<string?>? NotificationEmails { get; init; }

    internal RotationConfig? ToRotationConfig(FieldErrors errors, string prefix, string organizationId, string? id)
    {
        var before = errors.Count;
        var secretName = errors.Required(prefix + "secretName", SecretName, 1024);
        var lastError = errors.FreeText(prefix + "lastError", LastError, 4000);
        var emails = errors.Emails(prefix + "notificationEmails", NotificationEmails, MaxNotificationEmails);
        var nextRotationDue = errors.Date(prefix + "nextRotationDue", NextRotationDue);
        return errors.Count > before || id is null
            ? null
            : new RotationConfig
            {
                Id = id,
                OrganizationId = organizationId,
                SecretName = secretName!,
                Enabled = Enabled ?? true,
                Status = Status ?? RotationStatus.None,
                NextRotationDue = nextRotationDue,
                LastError = lastError,
                NotificationEmails = emails,
            };
    }
}
