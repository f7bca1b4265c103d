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
