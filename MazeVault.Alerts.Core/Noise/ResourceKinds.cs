using MazeVault.Alerts.Core.Inventory;

namespace MazeVault.Alerts.Core.Noise;

/// <summary>The route names of resource kinds and what counts as a resource's alerting state.</summary>
public static class ResourceKinds
{
    public const string Certificates = "certificates";
    public const string RotationConfigs = "rotation-configs";

    public static string RouteName(ResourceKind kind) => kind == ResourceKind.Certificate ? Certificates : RotationConfigs;

    public static ResourceKind? FromRouteName(string? name) => name switch
    {
        Certificates => ResourceKind.Certificate,
        RotationConfigs => ResourceKind.RotationConfig,
        _ => null,
    };

    /// <summary>A certificate's expiry and renewal state: a new notAfter or a renewal outcome ends its snooze.</summary>
    public static string Version(Certificate certificate) =>
        $"{certificate.NotAfter.UtcTicks}|{certificate.AutoRenewalEnabled}|{certificate.LastRenewalStatus}";

    /// <summary>A rotation config's status: a success (or being disabled) ends its snooze.</summary>
    public static string Version(RotationConfig config) => $"{config.Enabled}|{config.Status}";
}
