using MazeVault.Alerts.Core.Access;
using Microsoft.AspNetCore.Http;

namespace MazeVault.Alerts.Functions.Http;

/// <summary>The caller the access middleware authenticated, for the functions that record who acted (a snooze's owner).</summary>
public static class ApiCaller
{
    private const string ItemKey = "MazeVault.Caller";

    public static void Set(HttpContext context, Caller caller) => context.Items[ItemKey] = caller;

    /// <summary>The request's caller; <see cref="Caller.Local"/> when none was set (a function called outside the middleware).</summary>
    public static Caller Of(HttpRequest request) => request.HttpContext.Items[ItemKey] as Caller ?? Caller.Local;
}
