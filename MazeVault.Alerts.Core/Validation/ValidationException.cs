namespace MazeVault.Alerts.Core.Validation;

/// <summary>
/// Input that cannot be accepted; HTTP adapters answer it with a problem body naming each field: 400 when it is malformed,
/// 422 when it is well-formed but a rule of the organization or deployment refuses it (<see cref="Refused"/>).
/// </summary>
public sealed class ValidationException(IReadOnlyList<ValidationError> errors)
    : Exception(string.Join("; ", errors.Select(e => $"{e.Field}: {e.Message}")))
{
    public IReadOnlyList<ValidationError> Errors { get; } = errors;

    /// <summary>Well-formed, but refused by a policy or limit (an address an admin did not allow, an import over its size): 422.</summary>
    public bool Refused { get; init; }

    public ValidationException(string field, string message) : this([new ValidationError(field, message)]) { }

    /// <summary>A body that does not parse: its path (<c>$.jiraBaseUrl</c>, <c>$.items[3].notAfter</c>) names the field.</summary>
    public static ValidationException FromJson(System.Text.Json.JsonException exception)
    {
        var field = string.IsNullOrEmpty(exception.Path) || exception.Path == "$" ? "body" : exception.Path.TrimStart('$', '.');
        return new ValidationException(field, "Malformed JSON or a value of the wrong type.");
    }
}
