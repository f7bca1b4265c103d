using System.Net;
using System.Net.Sockets;

namespace MazeVault.Alerts.Core.Egress;

/// <summary>
/// The connect step of every outbound vendor call (<see cref="SocketsHttpHandler.ConnectCallback"/>): resolves the host
/// once, keeps only the addresses the policy allows, and connects to one of those. Checking the address actually
/// connected to is what stops other IP spellings, mapped IPv6 and names that resolve (or re-resolve) inward.
/// </summary>
public sealed class EgressGuard(EgressPolicy policy)
{
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken ct)
    {
        var endPoint = context.DnsEndPoint;
        var addresses = IPAddress.TryParse(endPoint.Host.Trim('[', ']'), out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(endPoint.Host, ct);
        var allowed = addresses.Where(policy.IsAllowed).ToList();
        if (allowed.Count == 0)
        {
            throw new EgressRefusedException(endPoint.Host);
        }

        SocketException? last = null;
        foreach (var allowedAddress in allowed)
        {
            // An IPv4 address written as IPv6 is connected to as the IPv4 address it is.
            var address = allowedAddress.IsIPv4MappedToIPv6 ? allowedAddress.MapToIPv4() : allowedAddress;
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

    /// <summary>The handler every vendor client uses: guarded connects, and no redirects (a redirect would carry a secret URL's request elsewhere).</summary>
    public SocketsHttpHandler CreateHandler() => new() { AllowAutoRedirect = false, ConnectCallback = ConnectAsync };
}
