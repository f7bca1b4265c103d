using MazeVault.Alerts.Core.Channels;
using MazeVault.Alerts.Core.Validation;

namespace MazeVault.Alerts.Core.Rules;

public static class IncidentValidation
{
    private const int MaxName = 200;
    private const int MaxDetails = 8000;

    /// <summary>Validates everything at once and throws <see cref="ValidationException"/> naming each bad field.</summary>
    public static (string Type, NotificationSeverity Severity, string SeverityName, string Resource, DateTimeOffset DetectedAt, string Details) Validate(
        IncidentRequest request, DateTimeOffset now)
    {
        var errors = new List<ValidationError>();
        Text(request.Type, "type", MaxName, errors);
        Text(request.AffectedResourceName, "affectedResourceName", MaxName, errors);
        if ((request.ChangeDetails?.Length ?? 0) > MaxDetails)
        {
            errors.Add(new ValidationError("changeDetails", $"At most {MaxDetails} characters."));
        }

        var severity = NotificationSeverity.Info;
        if (string.IsNullOrWhiteSpace(request.Severity))
        {
            errors.Add(new ValidationError("severity", $"Required: {SeverityNames.List}."));
        }
        else if (!SeverityNames.TryParse(request.Severity, out severity))
        {
            errors.Add(new ValidationError("severity", $"Must be {SeverityNames.List}."));
        }

        if (request.DetectedAt is not { } detectedAt)
        {
            errors.Add(new ValidationError("detectedAt", "Required: an ISO 8601 timestamp with an offset."));
        }
        else if (detectedAt > now.AddMinutes(5))
        {
            // A little clock skew between the detector and us is normal; a detection in the future is not.
            errors.Add(new ValidationError("detectedAt", "Must not be in the future."));
        }
        else if (detectedAt < FieldErrors.EarliestDate)
        {
            // The audit row stores it as a date, and Table Storage refuses dates before 1601.
            errors.Add(new ValidationError("detectedAt", "Must be a date after 1900."));
        }

        if (errors.Count > 0)
        {
            throw new ValidationException(errors);
        }

        return (request.Type!.Trim(), severity, request.Severity!.Trim().ToLowerInvariant(), request.AffectedResourceName!.Trim(), request.DetectedAt!.Value.ToUniversalTime(), FieldErrors.WithoutInvisibleControls(request.ChangeDetails ?? "").Trim());
    }

    private static void Text(string? value, string field, int max, List<ValidationError> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(new ValidationError(field, "Required."));
        }
        else if (value.Length > max)
        {
            errors.Add(new ValidationError(field, $"At most {max} characters."));
        }
        else if (!FieldErrors.IsSingleLine(value.Trim()))
        {
            errors.Add(new ValidationError(field, FieldErrors.SingleLineRule));
        }
    }
}
