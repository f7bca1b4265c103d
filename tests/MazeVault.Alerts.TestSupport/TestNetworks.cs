namespace MazeVault.Alerts.TestSupport;

/// <summary>What tests put in EGRESS_ALLOWED_NETWORKS: the only place their traffic goes.</summary>
public static class TestNetworks
{
    public const string Loopback = "127.0.0.0/8";
}
