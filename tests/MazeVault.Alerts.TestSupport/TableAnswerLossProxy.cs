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
/// except for the requests a test picks, whose answer it throws away and replaces with a 503. The write happened; the
/// client never heard, and the SDK retries it: what a connection lost after the commit looks like on Azure.
/// </summary>
public sealed class TableAnswerLossProxy : IAsyncDisposable
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

    private TableAnswerLossProxy(AzuriteFixture azurite) => _azurite = azurite;

    /// <summary>Azurite's connection string with the table endpoint on this proxy.</summary>
    public string ConnectionString => _azurite.ConnectionString.Replace(
        $"TableEndpoint=http://127.0.0.1:{_azurite.TablePort}/", $"TableEndpoint=http://127.0.0.1:{_port}/", StringComparison.Ordinal);

    public int AnswersLost => _answersLost;

    public static async Task<TableAnswerLossProxy> StartAsync(AzuriteFixture azurite)
    {
        var proxy = new TableAnswerLossProxy(azurite);
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
