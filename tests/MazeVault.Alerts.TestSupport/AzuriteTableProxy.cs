using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace MazeVault.Alerts.TestSupport;

/// <summary>
/// A loopback HTTP proxy in front of Azurite's table endpoint: it forwards every request to Azurite and its answer back,
/// counting them by path. A test can pick requests whose answer it throws away and replaces with a 503 (the write
/// happened; the client never heard, and the SDK retries it: what a connection lost after the commit looks like on
/// Azure), and a request to hold before forwarding until the test releases it (a request that is slow to answer, for
/// as long as the test needs, without a sleep).
/// </summary>
public sealed class AzuriteTableProxy : IAsyncDisposable
{
    private static readonly HashSet<string> HopByHop = new(StringComparer.OrdinalIgnoreCase) { "Host", "Connection", "Transfer-Encoding", "Keep-Alive" };

    private readonly AzuriteFixture _azurite;
    private readonly HttpClient _forward = new();
    private WebApplication _app = null!;
    private int _port;
    private readonly object _gate = new();
    private string _losePathEnding = "";
    private HashSet<int> _ordinalsToLose = [];
    private int _matching;
    private int _answersLost;
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _paths = new();
    private string _holdPathEnding = "";
    private int _holdOrdinal;
    private int _holdMatching;
    private HeldRequest? _hold;

    private AzuriteTableProxy(AzuriteFixture azurite) => _azurite = azurite;

    /// <summary>Azurite's connection string with the table endpoint on this proxy.</summary>
    public string ConnectionString => _azurite.ConnectionString.Replace(
        $"TableEndpoint=http://127.0.0.1:{_azurite.TablePort}/", $"TableEndpoint=http://127.0.0.1:{_port}/", StringComparison.Ordinal);

    public int AnswersLost => _answersLost;

    public static async Task<AzuriteTableProxy> StartAsync(AzuriteFixture azurite)
    {
        var proxy = new AzuriteTableProxy(azurite);
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        proxy._app = builder.Build();
        proxy._app.Run(proxy.ForwardAsync);
        await proxy._app.StartAsync();
        var address = proxy._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        proxy._port = new Uri(address).Port;
        return proxy;
    }

    /// <summary>
    /// From now on, loses the answers of the requests whose path ends with <paramref name="pathEnding"/> and that come
    /// <paramref name="ordinals"/> (1 the first) among those.
    /// </summary>
    public void LoseAnswers(string pathEnding, params int[] ordinals)
    {
        lock (_gate)
        {
            (_losePathEnding, _ordinalsToLose, _matching) = (pathEnding, [.. ordinals], 0);
        }
    }

    /// <summary>Requests received so far whose path ends with <paramref name="pathEnding"/> (retries included).</summary>
    public int CountOf(string pathEnding) => _paths.Count(p => p.EndsWith(pathEnding, StringComparison.Ordinal));

    /// <summary>
    /// From now on, holds the <paramref name="ordinal"/>th request (1 the first) whose path ends with
    /// <paramref name="pathEnding"/> before forwarding it, until the returned hold is released.
    /// </summary>
    public HeldRequest Hold(string pathEnding, int ordinal)
    {
        lock (_gate)
        {
            (_holdPathEnding, _holdOrdinal, _holdMatching, _hold) = (pathEnding, ordinal, 0, new HeldRequest());
            return _hold;
        }
    }

    private HeldRequest? HoldFor(HttpRequest request)
    {
        lock (_gate)
        {
            return _hold is not null && request.Path.Value?.EndsWith(_holdPathEnding, StringComparison.Ordinal) == true && ++_holdMatching == _holdOrdinal
                ? _hold
                : null;
        }
    }

    private bool Loses(HttpRequest request)
    {
        lock (_gate)
        {
            return _ordinalsToLose.Count > 0 && request.Path.Value?.EndsWith(_losePathEnding, StringComparison.Ordinal) == true
                && _ordinalsToLose.Contains(++_matching);
        }
    }

    private async Task ForwardAsync(HttpContext context)
    {
        var incoming = context.Request;
        using var body = new MemoryStream();
        await incoming.Body.CopyToAsync(body);
        using var request = new HttpRequestMessage(new HttpMethod(incoming.Method), $"http://127.0.0.1:{_azurite.TablePort}{incoming.Path}{incoming.QueryString}")
        {
            Content = new ByteArrayContent(body.ToArray()),
        };
        foreach (var (name, values) in incoming.Headers.Where(h => !HopByHop.Contains(h.Key)))
        {
            if (!request.Headers.TryAddWithoutValidation(name, values.ToArray()))
            {
                request.Content.Headers.TryAddWithoutValidation(name, values.ToArray());
            }
        }

        _paths.Enqueue(incoming.Path.Value ?? "");
        if (HoldFor(incoming) is { } hold)
        {
            await hold.WaitAsync();
        }

        var lose = Loses(incoming);
        using var answer = await _forward.SendAsync(request);
        var content = await answer.Content.ReadAsByteArrayAsync();
        if (lose)
        {
            Interlocked.Increment(ref _answersLost);
            context.Response.StatusCode = 503;
            return;
        }

        context.Response.StatusCode = (int)answer.StatusCode;
        foreach (var (name, values) in answer.Headers.Concat(answer.Content.Headers).Where(h => !HopByHop.Contains(h.Key)))
        {
            context.Response.Headers[name] = values.ToArray();
        }

        await context.Response.Body.WriteAsync(content);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        _forward.Dispose();
    }
}
