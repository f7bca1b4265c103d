using System.Globalization;
using MazeVault.Alerts.Core.Storage;
using MazeVault.Alerts.Core.Validation;

namespace MazeVault.Alerts.Core.Rules;

/// <summary>The audit-events query parameters as they arrive (text), validated into an <see cref="AuditQuery"/>.</summary>
public sealed record AuditQueryInput
{
    public string? Type { get; init; }
    public string? Resource { get; init; }
    public string? From { get; init; }
    public string? To { get; init; }
    public string? Limit { get; init; }
    public string? ContinuationToken { get; init; }

    /// <summary>Throws <see cref="ValidationException"/> naming each bad query parameter.</summary>
    public AuditQuery ToQuery()
    {
        var errors = new FieldErrors();
        var type = errors.Optional("type", Type, 64);
        if (type is not null && !type.All(c => c is (>= 'A' and <= 'Z') or '_'))
        {
            errors.Add("type", "must be an event type such as INCIDENT_DETECTED (capital letters and underscores).");
        }

        var from = Date(errors, "from", From);
        var to = Date(errors, "to", To);
        if (from is not null && to is not null && from >= to)
        {
            errors.Add("to", "must be later than from.");
        }

        var resource = errors.Optional("resource", Resource, 1024);
        var page = PageInput.Read(errors, Limit, ContinuationToken, AuditLog.IsPosition);
        errors.ThrowIfAny();
        return new AuditQuery
        {
            EventType = type,
            Resource = resource,
            From = from,
            To = to,
            Limit = page.Limit,
            After = page.After,
        };
    }

    private static DateTimeOffset? Date(FieldErrors errors, string field, string? value)
    {
        if (errors.Optional(field, value, 64) is not { } text)
        {
            return null;
        }

        // A '+' offset sent unescaped in a URL arrives as a space: say so rather than only "invalid".
        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
        {
            errors.Add(field, "must be an ISO 8601 date and time, e.g. 2026-11-27T09:00:00Z (escape a + offset as %2B).");
            return null;
        }

        return errors.Date(field, date);
    }
}
