using MazeVault.Alerts.Core.Delivery;
using MazeVault.Alerts.Core.Inventory;
using MazeVault.Alerts.Core.Routing;

namespace MazeVault.Alerts.Core.Noise;

/// <summary>
/// The daily check's digests of one organization: one per distinct route among the digest targets, each with only the
/// items that route takes, so a digest never lists what its targets' route keeps out. Targets without a route share
/// the one digest the spec's behaviour sends.
/// </summary>
public sealed class DigestsByRoute
{
    private readonly List<(DailyDigest Digest, IReadOnlyList<DeliveryTarget> Targets)> _groups;

    public DigestsByRoute(string organizationId, IReadOnlyList<DeliveryTarget> digestTargets) =>
        _groups = digestTargets
            .GroupBy(t => t.Integration.Route.ToStored() ?? "", StringComparer.Ordinal)
            .Select(g => (new DailyDigest(organizationId, g.Key.Length == 0 ? "" : "|" + AlertIds.Hash(g.Key)), (IReadOnlyList<DeliveryTarget>)g.ToList()))
            .ToList();

    public void Add(Certificate certificate, AlertTraits traits, DateTimeOffset now)
    {
        foreach (var (digest, targets) in _groups)
        {
            if (DeliveryPlan.Takes(targets[0], traits))
            {
                digest.Add(certificate, now);
            }
        }
    }

    public void Add(RotationConfig config, AlertTraits traits)
    {
        foreach (var (digest, targets) in _groups)
        {
            if (DeliveryPlan.Takes(targets[0], traits))
            {
                digest.Add(config);
            }
        }
    }

    /// <summary>Each digest that has items, with its targets in delivery order.</summary>
    public IEnumerable<(Alert Digest, IReadOnlyList<DeliveryTarget> Targets)> ToDispatch(DateTimeOffset now) =>
        _groups.Where(g => g.Digest.Count > 0).Select(g => (g.Digest.ToAlert(now), g.Targets));
}
