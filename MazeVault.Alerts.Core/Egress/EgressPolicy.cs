using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace MazeVault.Alerts.Core.Egress;

/// <summary>
/// Which addresses a vendor call may connect to: every public address, never an internal one (loopback, unspecified,
/// private, carrier-grade NAT, link-local with the cloud metadata addresses, the Azure platform address, unique-local IPv6,
/// multicast, broadcast, reserved, and the IPv6 prefixes that tunnel to an IPv4 address the policy cannot see: IPv4-compatible,
/// 6to4, Teredo, local-use NAT64), unless EGRESS_ALLOWED_NETWORKS names it. IPv4 written as IPv6 (mapped, well-known NAT64)
/// is judged as IPv4.
/// </summary>
public sealed class EgressPolicy
{
    private static readonly IPNetwork[] Internal =
    [
        IPNetwork.Parse("0.0.0.0/8"),        // "this network", including 0.0.0.0
        IPNetwork.Parse("10.0.0.0/8"),
        IPNetwork.Parse("100.64.0.0/10"),    // carrier-grade NAT
        IPNetwork.Parse("127.0.0.0/8"),
        IPNetwork.Parse("168.63.129.16/32"), // Azure platform (DNS, health probes, the wire server)
        IPNetwork.Parse("169.254.0.0/16"),   // link-local, 169.254.169.254 metadata
        IPNetwork.Parse("172.16.0.0/12"),
        IPNetwork.Parse("192.0.0.0/24"),     // IETF protocol assignments
        IPNetwork.Parse("192.168.0.0/16"),
        IPNetwork.Parse("198.18.0.0/15"),    // benchmarking
        IPNetwork.Parse("224.0.0.0/4"),      // multicast
        IPNetwork.Parse("240.0.0.0/4"),      // reserved, and 255.255.255.255 broadcast
        IPNetwork.Parse("::/96"),            // unspecified, loopback and IPv4-compatible (::a.b.c.d)
        IPNetwork.Parse("64:ff9b:1::/48"),   // local-use NAT64: translates to any IPv4 address the operator chose
        IPNetwork.Parse("2001::/32"),        // Teredo: the IPv4 server and client are inside the address
        IPNetwork.Parse("2002::/16"),        // 6to4: the IPv4 gateway is inside the address
        IPNetwork.Parse("fc00::/7"),         // unique-local, fd00:ec2::254 metadata
        IPNetwork.Parse("fe80::/10"),        // link-local
        IPNetwork.Parse("ff00::/8"),         // multicast
    ];

    private static readonly IPNetwork Nat64 = IPNetwork.Parse("64:ff9b::/96");

    private readonly IReadOnlyList<IPNetwork> _allowed;

    public EgressPolicy(IOptions<EgressOptions> options)
        : this(ParseNetworks(options.Value.AllowedNetworks, out _))
    {
    }

    private EgressPolicy(IReadOnlyList<IPNetwork> allowed) => _allowed = allowed;

    /// <summary>The policy with no internal network opened.</summary>
    public static EgressPolicy Strict { get; } = new([]);

    public bool IsAllowed(IPAddress address)
    {
        var normalized = Normalize(address);
        return _allowed.Any(n => n.Contains(normalized)) || !Internal.Any(n => n.Contains(normalized));
    }

    /// <summary>A URL whose host is an IP literal (any spelling <see cref="Uri"/> accepts) or localhost that this policy refuses.</summary>
    public bool RefusesLiteral(Uri url)
    {
        var host = url.IdnHost.Trim('[', ']');
        if (IPAddress.TryParse(host, out var address))
        {
            return !IsAllowed(address);
        }

        var isLocalName = host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase);
        return isLocalName && !IsAllowed(IPAddress.Loopback);
    }

    /// <summary>The CIDR list of EGRESS_ALLOWED_NETWORKS; <paramref name="error"/> names the first entry that is not one.</summary>
    public static IReadOnlyList<IPNetwork> ParseNetworks(string? value, out string? error)
    {
        error = null;
        var networks = new List<IPNetwork>();
        foreach (var entry in (value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            // A CIDR with host bits set (10.1.2.3/8) is refused: it reads as one address but would open the whole /8.
            if (!entry.Contains('/') || !IPNetwork.TryParse(entry, out var network)
                || !network.BaseAddress.Equals(IPAddress.Parse(entry[..entry.IndexOf('/')])))
            {
                error ??= $"EGRESS_ALLOWED_NETWORKS: '{entry}' is not a CIDR such as 10.20.0.0/16 (the address must be the network's first).";
                continue;
            }

            networks.Add(network);
        }

        return networks;
    }

    private static IPAddress Normalize(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4();
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6 && Nat64.Contains(address))
        {
            return new IPAddress(address.GetAddressBytes()[12..]);
        }

        return address;
    }
}
