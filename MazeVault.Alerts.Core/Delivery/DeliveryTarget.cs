using MazeVault.Alerts.Core.Integrations;

namespace MazeVault.Alerts.Core.Delivery;

/// <summary>
/// One recipient of an alert. <see cref="Ref"/> is what queue messages carry (never the URL or token);
/// legacy recipients and contacts are synthetic Email/Teams integrations so that channels need no special case.
/// </summary>
public sealed record DeliveryTarget(string Ref, Integration Integration)
{
    public string DisplayName => Integration.Name;
}
