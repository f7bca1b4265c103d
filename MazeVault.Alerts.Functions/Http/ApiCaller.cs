using MazeVault.Alerts.Core.Access;
using Microsoft.AspNetCore.Http;

namespace MazeVault.Alerts.Functions.Http;

/// <summary>The caller the access middleware authenticated, for the functions that record who acted (a snooze's owner).</summary>
public static class ApiCaller
{
    private const string ItemKey = "MazeVault.Caller";

    public static void Set(HttpContext context, Caller caller) => context.Items[ItemKey] = caller;

    /// <summary>
    /// The request's caller. A request the middleware did not authenticate has none, and asking for it is a bug: it
    /// fails rather than defaulting to anyone, least of all the local caller, who may do everything.
    /// </summary>
    public static Caller Of(HttpRequest request) =>
        request.HttpContext.Items[ItemKey] as Caller
        ?? throw new InvalidOperationException("The access middleware did not authenticate this request: classify the function (FunctionAccess) as one that needs a caller.");
}
