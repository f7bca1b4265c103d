using MazeVault.Alerts.Core.Access;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.Options;

namespace MazeVault.Alerts.Functions.Http;

/// <summary>
/// Authentication and authorization of every HTTP function, once: with App Service Authentication on, the caller is the
/// platform's X-MS-CLIENT-PRINCIPAL and the access policy decides by its app roles and organization grants; a refused
/// request gets 401/403 problem+json before the function runs, so it changes nothing. With authentication off (local,
/// Azurite) the header is ignored and function keys protect the routes as before.
/// </summary>
public sealed class AccessMiddleware(IOptions<AccessOptions> options, AccessPolicy policy) : IFunctionsWorkerMiddleware
{
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        var http = context.GetHttpContext();
        if (http is null || !options.Value.AuthenticationEnabled)
        {
            await next(context);
            return;
        }

        var organizationId = context.BindingContext.BindingData.TryGetValue("organizationId", out var value) ? value?.ToString() : null;
        var caller = CallerPrincipal.FromHeader(http.Request.Headers[CallerPrincipal.HeaderName]);
        var kind = FunctionAccess.Of(context.FunctionDefinition.Name, http.Request.Method);
        switch (await policy.DecideAsync(kind, organizationId, caller, context.CancellationToken))
        {
            case AccessDecision.Allowed:
                await next(context);
                return;
            case AccessDecision.Unauthenticated:
                await WriteAsync(http, StatusCodes.Status401Unauthorized, "Authentication required.", "Call with an Entra ID token for this API (App Service Authentication).");
                return;
            default:
                // The same answer whether or not the organization exists: a refusal tells nothing about it.
                await WriteAsync(http, StatusCodes.Status403Forbidden, "Forbidden.", "Your roles or organization grants do not allow this request.");
                return;
        }
    }

    private static Task WriteAsync(HttpContext http, int status, string title, string detail)
    {
        http.Response.StatusCode = status;
        return http.Response.WriteAsJsonAsync(new ProblemDetails { Status = status, Title = title, Detail = detail }, ApiJson.Options, ProblemResults.ContentType);
    }
}
