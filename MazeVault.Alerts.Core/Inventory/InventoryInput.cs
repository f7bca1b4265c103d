using MazeVault.Alerts.Core.Validation;

namespace MazeVault.Alerts.Core.Inventory;

/// <summary>A certificate as the vault sends it (upsert body, or an item of a bulk import, which carries the id).</summary>
public sealed record CertificateInput
{
    public string? Id { get; init; }
    public string? Subject { get; init; }
    public DateTimeOffset? NotAfter { get; init; }
    public bool? AutoRenewalEnabled { get; init; }
    public RenewalStatus? LastRenewalStatus { get; init; }

    /// <summary>Null when invalid; each problem is added to <paramref name="errors"/> under <paramref name="prefix"/>.</summary>
    internal Certificate? ToCertificate(FieldErrors errors, string prefix, string organizationId, string? id)
    {
        var before = errors.Count;
        var subject = errors.Required(prefix + "subject", Subject, 1024);
        var notAfter = errors.Date(prefix + "notAfter", NotAfter);
        if (NotAfter is null)
        {
            errors.Add(prefix + "notAfter", "is required (an ISO 8601 date and time).");
        }

        return errors.Count > before || id is null
            ? null
            : new Certificate
            {
                Id = id,
                OrganizationId = organizationId,
                Subject = subject!,
                NotAfter = notAfter!.Value,
                AutoRenewalEnabled = AutoRenewalEnabled ?? false,
                LastRenewalStatus = LastRenewalStatus ?? RenewalStatus.None,
            };
    }
}

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
        var lastError = errors.Optional(prefix + "lastError", LastError, 4000);
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

/// <summary>The body of a bulk import: any mix of certificates and rotation configs, each with its id.</summary>
public sealed record InventoryImportInput
{
    public IReadOnlyList<CertificateInput?>? Certificates { get; init; }
    public IReadOnlyList<RotationConfigInput?>? RotationConfigs { get; init; }
}

/// <summary>What a bulk import wrote: one result per item, in request order; <c>Error</c> is set for items not written.</summary>
public sealed record InventoryImportResult(
    IReadOnlyList<ImportItemResult> Certificates,
    IReadOnlyList<ImportItemResult> RotationConfigs)
{
    public int Imported => Certificates.Count(r => r.Error is null) + RotationConfigs.Count(r => r.Error is null);
    public int Failed => Certificates.Count(r => r.Error is not null) + RotationConfigs.Count(r => r.Error is not null);
}
