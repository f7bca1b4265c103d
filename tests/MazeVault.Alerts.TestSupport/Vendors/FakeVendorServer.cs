using System.Collections.Concurrent;
using System.IO.Compression;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace MazeVault.Alerts.TestSupport.Vendors;

/// <summary>
/// A real HTTP(S) server (Kestrel) on a free loopback port standing in for a vendor API (Slack, Teams, JIRA, Graph, a token
/// endpoint, any webhook). It records every request, and each test programs the answer per method and path.
/// Unprogrammed routes answer 404 with <c>no route</c>. A path can enforce a rate as the vendors do (<see cref="LimitRate"/>).
/// </summary>
public sealed class FakeVendorServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly ConcurrentDictionary<(string Method, string Path), Func<RecordedRequest, FakeResponse>> _routes = new();
    private readonly ConcurrentDictionary<string, FakeRateLimit> _limits = new();

    private FakeVendorServer(WebApplication app) => _app = app;

    public Uri BaseUrl { get; private set; } = null!;

    public IReadOnlyList<RecordedRequest> Requests => _requests.ToArray();

    /// <summary>
    /// Starts on 127.0.0.1 (or another loopback <paramref name="address"/>, see <see cref="TestNetworks"/>) with an
    /// OS-assigned port; HTTPS when a certificate (with its private key) is given.
    /// </summary>
    public static async Task<FakeVendorServer> StartAsync(X509Certificate2? httpsCertificate = null, IPAddress? address = null)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().UseKestrelHttpsConfiguration().ConfigureKestrel(kestrel =>
            kestrel.Listen(address ?? IPAddress.Loopback, 0, listen =>
            {
                if (httpsCertificate is not null)
                {
                    listen.UseHttps(httpsCertificate);
                }
            }));
        var app = builder.Build();
        var server = new FakeVendorServer(app);
        app.Run(server.HandleAsync);
        await app.StartAsync();
        var listening = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        server.BaseUrl = new Uri(listening.Replace("[::]", "127.0.0.1", StringComparison.Ordinal) + "/");
        return server;
    }

    /// <summary>Answers <paramref name="method"/> <paramref name="path"/> (exact, without query) with the function's response.</summary>
    public FakeVendorServer On(string method, string path, Func<RecordedRequest, FakeResponse> respond)
    {
        _routes[(method.ToUpperInvariant(), path)] = respond;
        return this;
    }

    public FakeVendorServer On(string method, string path, FakeResponse response) => On(method, path, _ => response);

    /// <summary>
    /// Answers as the Microsoft identity platform does for <paramref name="tenant"/>: what MSAL asks an authority it does
    /// not know (instance discovery, then the OpenID configuration), and a client-credentials token.
    /// </summary>
    public FakeVendorServer ServeIdentityPlatform(string tenant, string accessToken)
    {
        var authority = BaseUrl.ToString().TrimEnd('/');
        On("GET", "/common/discovery/instance", FakeResponse.Json(200, new JsonObject
        {
            ["tenant_discovery_endpoint"] = $"{authority}/{tenant}/v2.0/.well-known/openid-configuration",
            ["api-version"] = "1.1",
            ["metadata"] = new JsonArray(new JsonObject
            {
                ["preferred_network"] = BaseUrl.Authority,
                ["preferred_cache"] = BaseUrl.Authority,
                ["aliases"] = new JsonArray(BaseUrl.Authority),
            }),
        }));
        On("GET", $"/{tenant}/v2.0/.well-known/openid-configuration", FakeResponse.Json(200, new JsonObject
        {
            ["token_endpoint"] = $"{authority}/{tenant}/oauth2/v2.0/token",
            ["authorization_endpoint"] = $"{authority}/{tenant}/oauth2/v2.0/authorize",
            ["issuer"] = $"{authority}/{tenant}/v2.0",
        }));
        return On("POST", $"/{tenant}/oauth2/v2.0/token", FakeResponse.Json(200, new JsonObject
        {
            ["token_type"] = "Bearer",
            ["expires_in"] = 3599,
            ["ext_expires_in"] = 3599,
            ["access_token"] = accessToken,
        }));
    }

    /// <summary>
    /// Answers as App Service's managed-identity endpoint (IDENTITY_ENDPOINT at <paramref name="path"/>) does: a token for
    /// the resource asked, valid for an hour.
    /// </summary>
    public FakeVendorServer ServeManagedIdentity(string path, string accessToken) => On("GET", path, _ => FakeResponse.Json(200, new JsonObject
    {
        ["access_token"] = accessToken,
        ["expires_on"] = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["resource"] = "https://graph.microsoft.com",
        ["token_type"] = "Bearer",
    }));

    /// <summary>
    /// Answers JIRA Cloud's issue transitions for <paramref name="issueKey"/> as Jira documents them: <c>GET …/transitions</c>
    /// lists each transition with its target status and status category (<c>new</c>, <c>indeterminate</c> or <c>done</c>);
    /// <c>POST …/transitions</c> takes <c>{"transition":{"id":"…"}}</c> and answers 204, or 400 for a body of another shape
    /// or an id the issue does not offer.
    /// </summary>
    public FakeVendorServer ServeJiraTransitions(string issueKey, params (string Id, string Name, string StatusCategory)[] transitions)
    {
        var path = $"/rest/api/3/issue/{issueKey}/transitions";
        var listed = new JsonArray();
        foreach (var (id, name, category) in transitions)
        {
            var (categoryId, categoryName, colour) = category switch
            {
                "new" => (2, "To Do", "blue-gray"),
                "indeterminate" => (4, "In Progress", "yellow"),
                "done" => (3, "Done", "green"),
                _ => throw new ArgumentException($"Jira has no status category '{category}'.", nameof(transitions)),
            };
            listed.Add(new JsonObject
            {
                ["id"] = id,
                ["name"] = name,
                ["to"] = new JsonObject
                {
                    ["self"] = $"{BaseUrl}rest/api/3/status/1{id}",
                    ["description"] = "",
                    ["iconUrl"] = $"{BaseUrl}images/icons/statuses/generic.png",
                    ["name"] = name,
                    ["id"] = $"1{id}",
                    ["statusCategory"] = new JsonObject
                    {
                        ["self"] = $"{BaseUrl}rest/api/3/statuscategory/{categoryId}",
                        ["id"] = categoryId,
                        ["key"] = category,
                        ["colorName"] = colour,
                        ["name"] = categoryName,
                    },
                },
                ["hasScreen"] = false,
                ["isGlobal"] = false,
                ["isInitial"] = false,
                ["isAvailable"] = true,
                ["isConditional"] = false,
                ["isLooped"] = false,
            });
        }

        On("GET", path, FakeResponse.Json(200, new JsonObject { ["expand"] = "transitions", ["transitions"] = listed }));
        return On("POST", path, request =>
        {
            var id = TransitionId(request.Body);
            if (id is null)
            {
                return JiraError("Missing 'transition' identifier");
            }

            return transitions.Any(t => t.Id == id) ? new FakeResponse(204) : JiraError($"Transition id '{id}' is not valid for this issue.");
        });
    }

    private static FakeResponse JiraError(string message) =>
        FakeResponse.Json(400, new JsonObject { ["errorMessages"] = new JsonArray(message), ["errors"] = new JsonObject() });

    /// <summary>The id of a <c>{"transition":{"id":"…"}}</c> body; null for any other shape.</summary>
    private static string? TransitionId(string body)
    {
        try
        {
            return JsonNode.Parse(body) is JsonObject { } root && root["transition"] is JsonObject transition
                   && transition["id"] is JsonValue id && id.TryGetValue<string>(out var text)
                ? text
                : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    /// <summary>Answers in turn; the last answer repeats once the list is used up.</summary>
    public FakeVendorServer OnSequence(string method, string path, params FakeResponse[] responses)
    {
        var next = 0;
        return On(method, path, _ => responses[Math.Min(Interlocked.Increment(ref next) - 1, responses.Length - 1)]);
    }

    /// <summary>
    /// Rate-enforcing mode for <paramref name="path"/> (any method): above <paramref name="requests"/> per
    /// <paramref name="per"/> it answers 429 with Retry-After instead of the programmed answer. The limit counts what it refused.
    /// </summary>
    public FakeRateLimit LimitRate(string path, int requests, TimeSpan per) => _limits[path] = new FakeRateLimit(requests, per);

    /// <summary>Forgets recorded requests, programmed routes and rate limits, for a server shared by a test class.</summary>
    public void Reset()
    {
        _requests.Clear();
        _routes.Clear();
        _limits.Clear();
    }

    public IReadOnlyList<RecordedRequest> RequestsTo(string method, string path) =>
        Requests.Where(r => r.Method == method.ToUpperInvariant() && r.Path == path).ToList();

    public Uri Url(string pathAndQuery) => new(BaseUrl, pathAndQuery.TrimStart('/'));

    private async Task HandleAsync(HttpContext context)
    {
        // A client may compress its body (Azure Monitor's exporter gzips each batch); a real server decodes it.
        var body = context.Request.Headers.ContentEncoding.ToString().Equals("gzip", StringComparison.OrdinalIgnoreCase)
            ? new GZipStream(context.Request.Body, CompressionMode.Decompress)
            : context.Request.Body;
        using var reader = new StreamReader(body, Encoding.UTF8);
        var text = await reader.ReadToEndAsync(context.RequestAborted);
        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var request = new RecordedRequest(context.Request.Method, context.Request.Path.Value ?? "/", context.Request.QueryString.Value ?? "", headers, text);
        _requests.Enqueue(request);

        var response = _limits.TryGetValue(request.Path, out var limit) && limit.Admit() is { } wait
            ? Throttled(wait)
            : _routes.TryGetValue((request.Method, request.Path), out var respond)
                ? respond(request)
                : FakeResponse.Text(404, "no route");
        if (response.Delay > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(response.Delay, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        if (response.Reset)
        {
            context.Abort();
            return;
        }

        context.Response.StatusCode = response.Status;
        foreach (var (name, value) in response.Headers)
        {
            context.Response.Headers[name] = value;
        }

        // 204, 205 and 304 may not carry a body.
        if (response.Body.Length > 0 && response.Status is not (204 or 205 or 304))
        {
            context.Response.ContentType = response.ContentType;
            await context.Response.WriteAsync(response.Body, context.RequestAborted);
        }
    }

    // As Slack does: the status, a short error body and the whole seconds to wait (never 0, which would invite a storm).
    private static FakeResponse Throttled(TimeSpan wait) => FakeResponse.Text(429, "rate_limited") with
    {
        Headers = new Dictionary<string, string> { ["Retry-After"] = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture) },
    };

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
