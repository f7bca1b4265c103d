using System.Buffers.Text;
using System.Globalization;
using System.Text;
using MazeVault.Alerts.Core.Validation;

namespace MazeVault.Alerts.Core.Rules;

/// <summary>The audit-events query parameters as they arrive (text), validated into an <see cref="AuditQuery"/>.</summary>
public sealed record AuditQueryInput
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

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

        var limit = DefaultLimit;
        if (errors.Optional("limit", Limit, 10) is { } text
            && (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > MaxLimit))
        {
            errors.Add("limit", $"must be a whole number from 1 to {MaxLimit}.");
        }

        var resource = errors.Optional("resource", Resource, 1024);
        var after = Position(errors, ContinuationToken);
        errors.ThrowIfAny();
        return new AuditQuery
        {
            EventType = type,
            Resource = resource,
            From = from,
            To = to,
            Limit = limit,
            After = after,
        };
    }

    /// <summary>The token a page hands out for the position it ended at: opaque to callers, and only ever read back here.</summary>
    internal static string Token(string position) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(position));

    private static string? Position(FieldErrors errors, string? token)
    {
        if (errors.Optional("continuationToken", token, 2048) is not { } text)
        {
            return null;
        }

        try
        {
            var position = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(text));
            if (AuditLog.IsPosition(position))
            {
                return position;
            }
        }
        catch (FormatException)
        {
            // Falls through to the error below.
        }

        errors.Add("continuationToken", "is not a token this API returned: send back the continuationToken of the previous page unchanged.");
        return null;
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
