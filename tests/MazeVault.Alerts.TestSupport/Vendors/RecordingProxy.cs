using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace MazeVault.Alerts.TestSupport.Vendors;

/// <summary>
/// What HTTPS_PROXY points at in tests: a plain TCP listener on loopback that records the first line of every connection
/// (<c>CONNECT host:port HTTP/1.1</c> for an https request) and refuses it with 403, so nothing goes through it. A raw
/// listener, because an HTTP server could reject a CONNECT before any code of the test saw it.
/// </summary>
public sealed class RecordingProxy : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly ConcurrentQueue<string> _requestLines = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;

    private RecordingProxy(TcpListener listener)
    {
        _listener = listener;
        _accepting = AcceptAsync();
    }

    public Uri Url => new($"http://{_listener.LocalEndpoint}/");

    /// <summary>The first line of each connection, in arrival order.</summary>
    public IReadOnlyList<string> RequestLines => _requestLines.ToArray();

    public static RecordingProxy Start()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return new RecordingProxy(listener);
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            using (client)
            {
                await RefuseAsync(client.GetStream());
            }
        }
    }

    private async Task RefuseAsync(NetworkStream stream)
    {
        try
        {
            using var reader = new StreamReader(stream, Encoding.ASCII, leaveOpen: true);
            _requestLines.Enqueue(await reader.ReadLineAsync(_stop.Token) ?? "");
            await stream.WriteAsync("HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"u8.ToArray(), _stop.Token);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException)
        {
            // The client gave up first; its first line, if any, is recorded.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        _stop.Dispose();
    }
}
