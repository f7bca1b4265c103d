using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace MazeVault.Alerts.Core.Egress;

/// <summary>
/// The connect step of every outbound vendor call (<see cref="SocketsHttpHandler.ConnectCallback"/>): resolves the host
/// once, keeps only the addresses the policy allows, and connects to one of those. Checking the address actually
/// connected to is what stops other IP spellings, mapped IPv6 and names that resolve (or re-resolve) inward.
/// Plain http is connected only to a loopback address (the local test servers); anywhere else it is refused.
/// </summary>
public sealed class EgressGuard
{
    /// <summary>The instance metadata endpoint Azure.Identity asks for a token where the platform sets no identity endpoint.</summary>
    private static readonly DnsEndPoint InstanceMetadata = new("169.254.169.254", 80);

    private readonly EgressPolicy _policy;
    private readonly IReadOnlyList<DnsEndPoint> _identityEndpoints;

    public EgressGuard(EgressPolicy policy, IOptions<EgressOptions> options)
    {
        _policy = policy;
        _identityEndpoints = [.. new[] { options.Value.IdentityEndpoint, options.Value.MsiEndpoint }
            .Select(value => Uri.TryCreate(value?.Trim(), UriKind.Absolute, out var uri) && uri.Host.Length > 0 ? new DnsEndPoint(uri.Host, uri.Port) : null)
            .OfType<DnsEndPoint>()
            .Append(InstanceMetadata)];
    }

    public ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken ct) => ConnectAsync(context, [], ct);

    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, IReadOnlyList<DnsEndPoint> platformEndpoints, CancellationToken ct)
    {
        var endPoint = context.DnsEndPoint;
        var addresses = IPAddress.TryParse(endPoint.Host.Trim('[', ']'), out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(endPoint.Host, ct);
        // An IPv4 address written as IPv6 is judged and connected to as the IPv4 address it is.
        var candidates = addresses.Select(a => a.IsIPv4MappedToIPv6 ? a.MapToIPv4() : a).ToList();
        var isPlatformEndpoint = platformEndpoints.Any(p => p.Port == endPoint.Port && string.Equals(p.Host, endPoint.Host, StringComparison.OrdinalIgnoreCase));
        var allowed = isPlatformEndpoint ? candidates : candidates.Where(_policy.IsAllowed).ToList();
        if (allowed.Count == 0)
        {
            throw new EgressRefusedException(endPoint.Host);
        }

        // A stored or legacy http URL (TEAMS_WEBHOOK_URL, rows older than the https rule) would send its secrets readable.
        var plainHttp = context.InitialRequestMessage.RequestUri?.Scheme == Uri.UriSchemeHttp;
        if (plainHttp && !isPlatformEndpoint)
        {
            allowed = allowed.Where(IPAddress.IsLoopback).ToList();
            if (allowed.Count == 0)
            {
                throw new EgressRefusedException(endPoint.Host, plainHttp: true);
            }
        }

        SocketException? last = null;
        foreach (var address in allowed)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, endPoint.Port), ct);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException e)
            {
                socket.Dispose();
                last = e;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        throw last!;
    }

    /// <summary>
    /// The handler every vendor client uses: guarded connects, no redirects (a redirect would carry a secret URL's request
    /// elsewhere), and no proxy (HTTPS_PROXY would make the guard judge the proxy's address instead of the destination's).
    /// </summary>
    public SocketsHttpHandler CreateHandler() => Handler(ConnectAsync);

    /// <summary>
    /// The handler of the managed-identity credential's token requests: the guard of <see cref="CreateHandler"/>, which
    /// also reaches the platform's identity endpoint (IDENTITY_ENDPOINT, MSI_ENDPOINT, host and port as the platform set
    /// them) and the instance metadata endpoint, without EGRESS_ALLOWED_NETWORKS opening them to vendor calls.
    /// </summary>
    public SocketsHttpHandler CreateManagedIdentityHandler() => Handler((context, ct) => ConnectAsync(context, _identityEndpoints, ct));

    private static SocketsHttpHandler Handler(Func<SocketsHttpConnectionContext, CancellationToken, ValueTask<Stream>> connect) =>
        new() { AllowAutoRedirect = false, UseProxy = false, ConnectCallback = connect };
}
