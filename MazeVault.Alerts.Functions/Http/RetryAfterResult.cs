using Microsoft.AspNetCore.Mvc;

namespace MazeVault.Alerts.Functions.Http;

/// <summary>Another result with a Retry-After header (whole seconds, at least 1).</summary>
public sealed class RetryAfterResult(IActionResult inner, TimeSpan retryAfter) : IActionResult
{
    public Task ExecuteResultAsync(ActionContext context)
    {
        context.HttpContext.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return inner.ExecuteResultAsync(context);
    }
}
