using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using MimeKit;
using SmtpServer;
using SmtpServer.Authentication;
using SmtpServer.Mail;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace MazeVault.Alerts.TestSupport.Vendors;

/// <summary>
/// A real SMTP server (the SmtpServer package) on a free loopback port. It records accepted messages and can be told to
/// answer the message data with any reply code (e.g. 451 or 554) to test classification. With a username and password it
/// advertises AUTH and requires it; with a certificate it offers STARTTLS and allows AUTH only after it.
/// </summary>
public sealed class SmtpTestServer : IAsyncDisposable
{
    private readonly ConcurrentQueue<ReceivedEmail> _received = new();
    private readonly CancellationTokenSource _stop = new();
    private Task _running = Task.CompletedTask;
    private volatile SmtpResponse? _dataReply;
    private volatile SmtpResponse? _authenticationReply;

    public string Host => "127.0.0.1";
    public int Port { get; private set; }
    public IReadOnlyList<ReceivedEmail> Received => _received.ToArray();

    public static async Task<SmtpTestServer> StartAsync(string? username = null, string? password = null, X509Certificate2? startTlsCertificate = null)
    {
        var server = new SmtpTestServer();
        for (var attempt = 1; ; attempt++)
        {
            server.Port = FreePort.Next();
            var options = new SmtpServerOptionsBuilder()
                .ServerName("localhost")
                .Endpoint(endpoint =>
                {
                    endpoint.Endpoint(new IPEndPoint(IPAddress.Loopback, server.Port))
                        .AllowUnsecureAuthentication(startTlsCertificate is null)
                        .AuthenticationRequired(username is not null);
                    if (startTlsCertificate is not null)
                    {
                        endpoint.Certificate(startTlsCertificate);
                    }
                })
                .Build();
            var services = new SmtpServer.ComponentModel.ServiceProvider();
            services.Add(new Store(server));
            if (username is not null)
            {
                services.Add(new Authenticator(server, username, password ?? ""));
            }

            var smtp = new SmtpServer.SmtpServer(options, services);
            server._running = smtp.StartAsync(server._stop.Token);
            if (await AcceptsAsync(server.Port))
            {
                return server;
            }

            if (attempt == 3)
            {
                throw new InvalidOperationException("The test SMTP server did not start.");
            }
        }
    }

    /// <summary>Answer authentication with this reply (e.g. 454 temporary failure) instead of checking the password; null to check again.</summary>
    public void ReplyToAuthentication(int? code, string text = "") =>
        _authenticationReply = code is { } c ? new SmtpResponse((SmtpReplyCode)c, text) : null;

    /// <summary>Answer the next messages' data with this reply instead of 250 (e.g. 451 retry later, 554 rejected).</summary>
    public void ReplyToData(int code, string text) => _dataReply = new SmtpResponse((SmtpReplyCode)code, text);

    public void AcceptMessages() => _dataReply = null;

    private static async Task<bool> AcceptsAsync(int port)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return true;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }

        return false;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _running;
        }
        catch (OperationCanceledException)
        {
            // Stopping is the point.
        }

        _stop.Dispose();
    }

    private sealed class Store(SmtpTestServer server) : MessageStore
    {
        public override Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            if (server._dataReply is { } reply)
            {
                return Task.FromResult(reply);
            }

            using var stream = new MemoryStream(buffer.ToArray());
            var message = MimeMessage.Load(stream, cancellationToken);
            var user = context.Authentication.IsAuthenticated ? context.Authentication.User : null;
            server._received.Enqueue(new ReceivedEmail(
                Address(transaction.From),
                transaction.To.Select(Address).ToList(),
                message,
                user,
                context.Pipe.IsSecure));
            return Task.FromResult(SmtpResponse.Ok);
        }
    }

    private static string Address(IMailbox mailbox) => $"{mailbox.User}@{mailbox.Host}";

    private sealed class Authenticator(SmtpTestServer server, string username, string password) : UserAuthenticator
    {
        public override Task<bool> AuthenticateAsync(ISessionContext context, string user, string secret, CancellationToken cancellationToken) =>
            server._authenticationReply is { } reply
                ? throw new SmtpResponseException(reply)
                : Task.FromResult(user == username && secret == password);
    }
}
