namespace MazeVault.Alerts.Core.Validation;

/// <summary>Input that cannot be accepted; HTTP adapters answer it with a 400 problem body naming each field.</summary>
public sealed class ValidationException(IReadOnlyList<ValidationError> errors)
    : Exception(string.Join("; ", errors.Select(e => $"{e.Field}: {e.Message}")))
{
    public IReadOnlyList<ValidationError> Errors { get; } = errors;

    public ValidationException(string field, string message) : this([new ValidationError(field, message)]) { }

    /// <summary>A body that does not parse: its path (<c>$.jiraBaseUrl</c>, <c>$.items[3].notAfter</c>) names the field.</summary>
    public static ValidationException FromJson(System.Text.Json.JsonException exception)
    {
        var field = string.IsNullOrEmpty(exception.Path) || exception.Path == "$" ? "body" : exception.Path.TrimStart('$', '.');
        return new ValidationException(field, "Malformed JSON or a value of the wrong type.");
    }
}
