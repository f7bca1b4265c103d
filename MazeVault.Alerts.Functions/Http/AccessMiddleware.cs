using MazeVault.Alerts.Core.Access;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.Logging;

namespace MazeVault.Alerts.Functions.Http;

/// <summary>
/// The one gate of every HTTP function (all are anonymous at the host): authenticates the caller by the access mode,
/// lets the policy decide from the function's classification and the route's organization, refuses a body declared
/// larger than the function's <see cref="RequestBodyLimits"/> (413), answers 401/403/503
/// problem+json before a refused function runs (so it changes nothing), and records every state-changing request that
/// ran in the audit trail with its caller.
/// </summary>
public sealed class AccessMiddleware(
    CallerAuthentication authentication, AccessPolicy policy, ActionAudit audit, ILogger<AccessMiddleware> logger) : IFunctionsWorkerMiddleware
{
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        var http = context.GetHttpContext();
        if (http is null)
        {
            await next(context);
            return;
        }

        var function = context.FunctionDefinition.Name;
        if (FunctionAccess.Of(function) is not { } kind)
        {
            logger.LogError("[Access] Refused {Function}: the function has no access classification (Http/FunctionAccess.cs).", function);
            await WriteAsync(http, StatusCodes.Status403Forbidden, "Forbidden.", "This operation is not open to anyone.");
            return;
        }

        if (RequestBodyLimits.Of(function) is { } limit)
        {
            RequestBodyLimits.Apply(http, limit);
            if (http.Request.ContentLength > limit)
            {
                // Refused on the declared length, before anyone reads a byte of it; a body without one stops in ApiJson.
                logger.LogWarning("[Access] 413 {Method} {Function}: a body of {Length} bytes, over its limit of {Limit}.", http.Request.Method, function, http.Request.ContentLength, limit);
                context.GetInvocationResult().Value = ProblemResults.PayloadTooLarge(new RequestBodyTooLargeException(limit));
                return;
            }
        }

        if (kind == AccessKind.Anonymous)
        {
            await next(context);
            return;
        }

        if (CrossSiteRequest.IsForged(http.Request))
        {
            logger.LogWarning("[Access] 403 {Method} {Function}: a cross-site request (Origin {Origin}).", http.Request.Method, function, MazeVault.Alerts.Core.Logging.LogText.Neutralize(http.Request.Headers.Origin.ToString()));
            await WriteAsync(http, StatusCodes.Status403Forbidden, "Cross-site request refused.", "A state-changing request from another site's page is not accepted.");
            return;
        }

        var organizationId = context.BindingContext.BindingData.TryGetValue("organizationId", out var value) ? value?.ToString() : null;
        var credentials = await authentication.AuthenticateAsync(
            http.Request.Headers[CallerAuthentication.ApiKeyHeader].ToArray(), http.Request.Headers[CallerPrincipal.HeaderName], context.CancellationToken);
        if (credentials.Unavailable is { } unavailable)
        {
            logger.LogCritical("[Access] Refused {Method} {Function}: {Reason}", http.Request.Method, function, unavailable);
            await WriteAsync(http, StatusCodes.Status503ServiceUnavailable, "Access is misconfigured.", unavailable);
            return;
        }

        var decision = credentials.Refusal is null
            ? await policy.DecideAsync(kind, organizationId, credentials.Caller, context.CancellationToken)
            : AccessDecision.Unauthenticated;
        if (decision != AccessDecision.Allowed)
        {
            await RefuseAsync(http, function, decision, credentials);
            return;
        }

        var caller = credentials.Caller!;
        ApiCaller.Set(http, caller);
        await next(context);
        if (!HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method))
        {
            await RecordAsync(new ApiAction(organizationId, function, http.Request.Method, http.Request.Path.Value ?? "", StatusOf(context), context.InvocationId), caller);
        }
    }

    /// <summary>The action is done by now: a trail that cannot be written is logged, not turned into a failed answer.</summary>
    private async Task RecordAsync(ApiAction action, Caller caller)
    {
        try
        {
            await audit.RecordAsync(action, caller, CancellationToken.None);
        }
        catch (Azure.RequestFailedException e)
        {
            logger.LogError(e, "[Access] Could not record {Action} ({Status}) by {Caller} in the audit trail.", action.Name, action.Status, caller.Describe());
        }
    }

    private Task RefuseAsync(HttpContext http, string function, AccessDecision decision, AuthenticationResult credentials)
    {
        // The reason, never the credential: a key or token in a log line is a key or token for whoever reads logs.
        if (decision == AccessDecision.Unauthenticated)
        {
            var reason = credentials.Refusal ?? $"No credential: send an API key in the {CallerAuthentication.ApiKeyHeader} header or sign in with Entra ID.";
            logger.LogWarning("[Access] 401 {Method} {Function}: {Reason}", http.Request.Method, function, reason);
            return WriteAsync(http, StatusCodes.Status401Unauthorized, "Authentication required.", reason);
        }

        logger.LogWarning("[Access] 403 {Method} {Function} for {Caller}: the role or organizations of the caller do not allow it.",
            http.Request.Method, function, credentials.Caller!.Describe());
        // The same answer whether or not the organization exists: a refusal tells nothing about it.
        return WriteAsync(http, StatusCodes.Status403Forbidden, "Forbidden.", "Your role or organizations do not allow this request.");
    }

    /// <summary>The status the function's result will be written with (an action result without one is 200).</summary>
    private static int StatusOf(FunctionContext context) => context.GetInvocationResult().Value switch
    {
        IStatusCodeActionResult { StatusCode: { } status } => status,
        IActionResult => StatusCodes.Status200OK,
        _ => context.GetHttpContext()!.Response.StatusCode,
    };

    private static Task WriteAsync(HttpContext http, int status, string title, string detail)
    {
        http.Response.StatusCode = status;
        return http.Response.WriteAsJsonAsync(new ProblemDetails { Status = status, Title = title, Detail = detail }, ApiJson.Options, ProblemResults.ContentType);
    }
}
