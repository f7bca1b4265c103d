using MazeVault.Alerts.Core.Validation;

namespace MazeVault.Alerts.Core.Reports;

/// <summary>Reads and replaces weekly report recipients, validating every address.</summary>
public sealed class WeeklyReportRecipientsService(IWeeklyReportSettingsStore store, TimeProvider time)
{
    public Task<WeeklyReportSettings> GetAsync(string organizationId, CancellationToken ct)
    {
        FieldErrors.RequireOrganization(organizationId);
        return store.GetAsync(organizationId, ct);
    }

    /// <summary><paramref name="etag"/> null replaces unconditionally; otherwise it must match the stored settings.</summary>
    public Task<WeeklyReportSettings> ReplaceAsync(string organizationId, WeeklyReportRecipientsInput input, string? etag, CancellationToken ct)
    {
        FieldErrors.RequireOrganization(organizationId);
        var errors = new FieldErrors();
        if (input.Recipients is null)
        {
            errors.Add("recipients", "is required: a list of email addresses (empty to clear).");
        }

        var recipients = errors.Emails("recipients", input.Recipients, Channels.Email.EmailSettings.MaxEmailRecipients);
        errors.ThrowIfAny();
        return store.ReplaceAsync(
            new WeeklyReportSettings { OrganizationId = organizationId, Recipients = recipients, UpdatedAt = time.GetUtcNow(), ETag = etag },
            ct);
    }
}
