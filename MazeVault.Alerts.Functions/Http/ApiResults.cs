using MazeVault.Alerts.Core.Idempotency;
using MazeVault.Alerts.Core.Secrets;
using MazeVault.Alerts.Core.Storage;
using MazeVault.Alerts.Core.Validation;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace MazeVault.Alerts.Functions.Http;

/// <summary>Success responses (JSON with the API's enum and naming rules, ETag header) and the mapping of Core's errors to problems.</summary>
public static class ApiResults
{
    /// <summary>
    /// Runs one API operation: a <see cref="ValidationException"/> becomes 400 naming its fields, a
    /// <see cref="ConcurrencyConflictException"/> becomes <paramref name="conflictStatus"/> (409 for creates, 412 for
    /// conditional writes). A body past its function's limit is 413; a <see cref="TooManyRequestsException"/> (a quota, the
    /// Test action's throttle) becomes 429 with Retry-After. A key-encryption key out of reach is 503 (try again later); stored secrets that do not open
    /// are 422 (enter them again), and so is an Idempotency-Key reused for another request.
    /// </summary>
    public static async Task<IActionResult> HandleAsync(Func<Task<IActionResult>> operation, int conflictStatus = StatusCodes.Status412PreconditionFailed)
    {
        try
        {
            return await operation();
        }
        catch (ValidationException e)
        {
            return ProblemResults.Validation(e);
        }
        catch (ConcurrencyConflictException e)
        {
            return ProblemResults.Conflict(conflictStatus, e.Message);
        }
        catch (RequestBodyTooLargeException e)
        {
            return ProblemResults.PayloadTooLarge(e);
        }
        catch (TooManyRequestsException e)
        {
            return ProblemResults.TooManyRequests(e.Message, e.RetryAfter);
        }
        catch (SecretKeyUnavailableException e)
        {
            return ProblemResults.Problem(StatusCodes.Status503ServiceUnavailable, "The key that seals stored secrets is unavailable; try again later.", e.Message);
        }
        catch (SecretIntegrityException e)
        {
            return ProblemResults.Problem(StatusCodes.Status422UnprocessableEntity, "The integration's stored secrets cannot be opened; enter them again.", e.Message);
        }
        catch (IdempotencyKeyReusedException e)
        {
            return ProblemResults.Problem(StatusCodes.Status422UnprocessableEntity, $"The {IdempotencyStore.HeaderName} header was already used for a different request.", e.Message);
        }
    }

    public static IActionResult Ok(HttpRequest request, object body, string? etag = null) => Json(request, StatusCodes.Status200OK, body, etag);

    public static IActionResult Created(HttpRequest request, string location, object body, string? etag)
    {
        request.HttpContext.Response.Headers.Location = location;
        return Json(request, StatusCodes.Status201Created, body, etag);
    }

    /// <summary>
    /// The If-Match header of a conditional write: the ETag the client read, or <c>*</c> to overwrite whatever is stored.
    /// A missing one is refused so that no update silently overwrites another.
    /// </summary>
    public static string RequiredIfMatch(HttpRequest request) =>
        OptionalIfMatch(request) ?? throw new ValidationException(
            HeaderNames.IfMatch, "is required: send the ETag from your last read (or * to overwrite unconditionally).");

    /// <summary>A header given at most once; null when absent. Its content is the caller's (Core's) to validate.</summary>
    public static string? OptionalHeader(HttpRequest request, string name) =>
        request.Headers[name] is { Count: > 0 } values
            ? values.Count == 1 ? values.ToString() : throw new ValidationException(name, "Give it at most once.")
            : null;

    /// <summary>
    /// Only <c>*</c> or an ETag this API returned (Table Storage's <c>W/"datetime'…'"</c>) is passed on: storage answers any
    /// other value with an error that is not a concurrency conflict.
    /// </summary>
    public static string? OptionalIfMatch(HttpRequest request)
    {
        var value = request.Headers.IfMatch.ToString().Trim();
        return value.Length == 0 ? null
            : value == "*" || IsTableETag(value) ? value
            : throw new ValidationException(HeaderNames.IfMatch, "must be * or the ETag header of your last read, unchanged.");
    }

    private static bool IsTableETag(string value) =>
        value.StartsWith("W/\"datetime'", StringComparison.Ordinal) && value.EndsWith("'\"", StringComparison.Ordinal)
        // Storage refuses anything but printable ASCII in an ETag with a 400 of its own.
        && value.Length > 14 && !value.Contains(',', StringComparison.Ordinal) && value.All(c => c is >= ' ' and <= '~');

    /// <summary>A Location header value: each segment percent-escaped, since a header carries ASCII only and ids need not be.</summary>
    public static string Path(HttpRequest request, params string[] segments) =>
        $"{request.PathBase}/api/{string.Join('/', segments.Select(Uri.EscapeDataString))}";

    private static JsonResult Json(HttpRequest request, int status, object body, string? etag)
    {
        if (etag is not null)
        {
            request.HttpContext.Response.Headers.ETag = etag;
        }

        return new JsonResult(body, ApiJson.Options) { StatusCode = status };
    }
}
