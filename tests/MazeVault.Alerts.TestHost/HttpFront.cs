using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Azure.Functions.Worker.Grpc.Messages;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MazeVault.Alerts.TestHost;

/// <summary>
/// The app's HTTP endpoint on a loopback port. With ASP.NET Core integration the worker serves the request
/// itself: the host sends an InvocationRequest with an empty RpcHttp and forwards the real request to the
/// worker's <c>HttpUri</c> tagged <c>x-ms-invocation-id</c>. Also serves <c>POST /admin/functions/{name}</c>, and
/// answers 413 to a body over the host's request size limit.
/// </summary>
internal sealed class HttpFront(
    IReadOnlyList<HostedFunction> functions, AppSettings settings, int port, FunctionInvoker invoker, Uri workerHttpUri,
    Func<string, string?, CancellationToken, Task<FunctionInvocationResult>> invokeByName, WorkerLogs logs, TimeProvider clock)
    : IAsyncDisposable
{
    private const string InvocationHeader = "x-ms-invocation-id";
    private static readonly HashSet<string> HopByHop = new(StringComparer.OrdinalIgnoreCase) { "Host", "Transfer-Encoding", "Connection", "Keep-Alive" };

    private readonly HttpClient _worker = new(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false, UseCookies = false })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };

    private WebApplication? _app;
    private HttpRoutes? _routes;

    public Uri BaseAddress { get; private set; } = null!;

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = settings.RequestBodySizeLimit;
            // localhost is both 127.0.0.1 and ::1, so a browser reaches the fixed port whichever it tries first.
            if (port == 0)
            {
                kestrel.Listen(IPAddress.Loopback, 0);
            }
            else
            {
                kestrel.ListenLocalhost(port);
            }
        });
        _app = builder.Build();
        _routes = new HttpRoutes(functions, settings.RoutePrefix, _app.Services.GetRequiredService<IInlineConstraintResolver>());
        _app.Run(HandleOrReportAsync);
        await _app.StartAsync();
        BaseAddress = port == 0 ? new Uri(_app.Urls.Single()) : new Uri($"http://localhost:{port}/");
    }

    // A failure on the host's side is a 500 as in the real host, and a "TestHost" log line so a test can show why.
    private async Task HandleOrReportAsync(HttpContext context)
    {
        try
        {
            await HandleAsync(context);
        }
        catch (Exception e) when (TooLarge(e) && !context.Response.HasStarted)
        {
            // A chunked body over the limit is only found while it is forwarded.
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
        }
        catch (Exception e) when (!context.RequestAborted.IsCancellationRequested)
        {
            logs.Add(new WorkerLogLine(clock.GetUtcNow(), "Error", "TestHost", $"{context.Request.Method} {context.Request.Path} failed in the test host: {e.Message}", e.ToString(), null));
            if (!context.Response.HasStarted)
            {
                context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            }
        }
    }

    private static bool TooLarge(Exception? e) =>
        e is not null && (e is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } || TooLarge(e.InnerException));

    private async Task HandleAsync(HttpContext context)
    {
        if (context.Request.ContentLength > settings.RequestBodySizeLimit)
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return;
        }

        var path = context.Request.Path;
        if (HttpMethods.IsPost(context.Request.Method) && path.StartsWithSegments("/admin/functions", out var rest) && rest.Value!.Length > 1)
        {
            await AdminInvokeAsync(context, rest.Value[1..]);
            return;
        }

        if (_routes!.Match(context.Request.Method, path) is not var (function, values))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        var invocationId = Guid.NewGuid().ToString();
        var metadata = values.ToDictionary(v => v.Key, v => new TypedData { String = Convert.ToString(v.Value, System.Globalization.CultureInfo.InvariantCulture) ?? "" });
        var ct = context.RequestAborted;
        var invocation = invoker.InvokeAsync(function, invocationId, new TypedData { Http = new RpcHttp() }, metadata, ct);
        using var forwarded = await _worker.SendAsync(Forward(context.Request, invocationId), HttpCompletionOption.ResponseHeadersRead, ct);
        var (result, _) = await invocation;
        if (!result.Succeeded)
        {
            // The worker's server answers 200 with an empty body when the function throws; the host's answer is 500.
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            return;
        }

        context.Response.StatusCode = (int)forwarded.StatusCode;
        foreach (var header in forwarded.Headers.Concat(forwarded.Content.Headers).Where(h => !HopByHop.Contains(h.Key)))
        {
            context.Response.Headers[header.Key] = header.Value.ToArray();
        }

        await forwarded.Content.CopyToAsync(context.Response.Body, ct);
    }

    private HttpRequestMessage Forward(HttpRequest request, string invocationId)
    {
        var message = new HttpRequestMessage(new HttpMethod(request.Method), new Uri(workerHttpUri, request.Path + request.QueryString));
        if (request.ContentLength > 0 || request.Headers.TransferEncoding.Count > 0)
        {
            message.Content = new StreamContent(request.Body);
        }

        foreach (var (name, value) in request.Headers.Where(h => !HopByHop.Contains(h.Key)))
        {
            if (!message.Headers.TryAddWithoutValidation(name, value.ToArray()))
            {
                message.Content?.Headers.TryAddWithoutValidation(name, value.ToArray());
            }
        }

        message.Headers.Add(InvocationHeader, invocationId);
        return message;
    }

    // Like the real host's admin API, with one difference: this answers after the invocation ended, so a test can rely on it.
    private async Task AdminInvokeAsync(HttpContext context, string name)
    {
        string? input = null;
        if (context.Request.ContentLength > 0)
        {
            using var body = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
            input = body.RootElement.TryGetProperty("input", out var value) ? value.GetString() : null;
        }

        try
        {
            var result = await invokeByName(name, input, context.RequestAborted);
            context.Response.StatusCode = result.Succeeded ? StatusCodes.Status202Accepted : StatusCodes.Status500InternalServerError;
        }
        catch (KeyNotFoundException)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        _worker.Dispose();
    }
}
