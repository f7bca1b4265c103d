using System.Net;

namespace MazeVault.Alerts.TestSupport;

/// <summary>What tests put in EGRESS_ALLOWED_NETWORKS: the only place their traffic goes.</summary>
public static class TestNetworks
{
    public const string Loopback = "127.0.0.0/8";

    /// <summary>
    /// For tests that open one loopback address to vendors (<see cref="VendorsOnly"/>) and keep another closed: 127.0.0.1,
    /// because the Graph SDK sends a token over plain http only to that spelling of loopback.
    /// </summary>
    public static readonly IPAddress Vendors = IPAddress.Loopback;

    public const string VendorsOnly = "127.0.0.1/32";

    /// <summary>A loopback address outside <see cref="VendorsOnly"/>: where a test serves a platform endpoint (the identity endpoint).</summary>
    public static readonly IPAddress Platform = IPAddress.Parse("127.0.0.3");
}
