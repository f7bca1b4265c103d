using MazeVault.Alerts.Core.Validation;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace MazeVault.Alerts.Functions.Http;

/// <summary>RFC 9457 problem responses (<c>application/problem+json</c>) for the HTTP API.</summary>
public static class ProblemResults
{
    public const string ContentType = "application/problem+json";

    /// <summary>
    /// 400 naming each invalid field in <c>errors</c> (field → messages), as ASP.NET's validation problems do; 422 in the
    /// same shape when the input is well-formed but refused by a policy or limit.
    /// </summary>
    public static IActionResult Validation(ValidationException exception)
    {
        var errors = exception.Errors
            .GroupBy(e => e.Field)
            .ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray());
        var problem = new ValidationProblemDetails(errors)
        {
            Status = exception.Refused ? StatusCodes.Status422UnprocessableEntity : StatusCodes.Status400BadRequest,
            Title = exception.Refused ? "The request is refused by a policy or limit." : "The request is invalid.",
            Detail = exception.Message,
        };
        return Result(problem);
    }

    public static IActionResult NotFound(string detail) => Problem(StatusCodes.Status404NotFound, "Not found.", detail);

    /// <summary>412 for a stale ETag (If-Match did not match), 409 for a create that collides.</summary>
    public static IActionResult Conflict(int status, string detail) => Problem(status, "The resource changed or already exists.", detail);

    /// <summary>413 naming the operation's body limit (also in <c>maxBodyBytes</c>, for clients that act on it).</summary>
    public static IActionResult PayloadTooLarge(RequestBodyTooLargeException exception)
    {
        var problem = new ProblemDetails { Status = StatusCodes.Status413PayloadTooLarge, Title = "The request body is too large.", Detail = exception.Message };
        problem.Extensions["maxBodyBytes"] = exception.Limit;
        return Result(problem);
    }

    /// <summary>429 with Retry-After in whole seconds (at least 1).</summary>
    public static IActionResult TooManyRequests(string detail, TimeSpan retryAfter) =>
        new RetryAfterResult(Problem(StatusCodes.Status429TooManyRequests, "Too many requests.", detail), retryAfter);

    public static IActionResult Problem(int status, string title, string detail) =>
        Result(new ProblemDetails { Status = status, Title = title, Detail = detail });

    private static ObjectResult Result(ProblemDetails problem)
    {
        var result = new ObjectResult(problem) { StatusCode = problem.Status };
        result.ContentTypes.Add(ContentType);
        return result;
    }
}
