using System.Text;
using System.Text.Json;
using MazeVault.Alerts.Core.Access;
using MazeVault.Alerts.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace MazeVault.Alerts.Functions.Tests;

/// <summary>
/// Calls function classes with real <see cref="HttpRequest"/> objects over the real Azurite-backed stores, and renders
/// their results through ASP.NET Core's own executors, as the worker does, into status, headers and body bytes.
/// </summary>
internal sealed class ApiHarness
{
    public static readonly DateTimeOffset Start = new(2026, 11, 27, 9, 0, 0, TimeSpan.Zero);

    /// <param name="settings">Extra app settings (e.g. SMTP_*), beside the Azurite connection.</param>
    /// <param name="configure">More registrations over the same configuration, after the product's.</param>
    public ApiHarness(AzuriteFixture azurite, IDictionary<string, string?>? settings = null, Action<IServiceCollection, IConfiguration>? configure = null)
    {
        Services = TestServices.On(azurite)
            .With(settings)
            .WithClock(Time)
            .WithHttpResults()
            .After((services, configuration) => configure?.Invoke(services, configuration))
            .Build();
    }

    public FakeTimeProvider Time { get; } = new(Start);
    public IServiceProvider Services { get; }

    public T Function<T>() => ActivatorUtilities.CreateInstance<T>(Services);

    public static string NewOrganization() => "org-" + Guid.NewGuid().ToString("N")[..12];

    public HttpRequest Request(string? json = null, string? ifMatch = null)
    {
        var context = new DefaultHttpContext { RequestServices = Services };
        // The functions run here without the access middleware; it would have authenticated a local-mode caller.
        ApiCaller.Set(context, Caller.Local);
        context.Response.Body = new MemoryStream();
        if (json is not null)
        {
            var bytes = Encoding.UTF8.GetBytes(json);
            context.Request.Body = new MemoryStream(bytes);
            context.Request.ContentLength = bytes.Length;
            context.Request.ContentType = "application/json";
        }

        if (ifMatch is not null)
        {
            context.Request.Headers.IfMatch = ifMatch;
        }

        return context.Request;
    }

    public HttpRequest Request(object body, string? ifMatch = null) =>
        Request(JsonSerializer.Serialize(body, JsonSerializerOptions.Web), ifMatch);

    /// <summary>Runs <paramref name="call"/> on <paramref name="request"/> and executes its result into the response.</summary>
    public static async Task<ApiResponse> SendAsync(HttpRequest request, Func<HttpRequest, Task<IActionResult>> call)
    {
        var result = await call(request);
        var context = request.HttpContext;
        await result.ExecuteResultAsync(new ActionContext(context, new RouteData(), new ActionDescriptor()));
        context.Response.Body.Position = 0;
        var body = await new StreamReader(context.Response.Body).ReadToEndAsync();
        return new ApiResponse(
            context.Response.StatusCode,
            context.Response.ContentType,
            body,
            context.Response.Headers.ETag.ToString() is { Length: > 0 } etag ? etag : null,
            context.Response.Headers.Location.ToString() is { Length: > 0 } location ? location : null,
            context.Response.Headers.RetryAfter.ToString() is { Length: > 0 } retryAfter ? retryAfter : null);
    }
}
