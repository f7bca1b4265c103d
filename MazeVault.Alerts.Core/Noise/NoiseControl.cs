using Microsoft.Extensions.Logging;

namespace MazeVault.Alerts.Core.Noise;

/// <summary>Reads an organization's policy and alert states for one daily check.</summary>
public sealed class NoiseControl(AlertPolicyStore policies, AlertStateStore states, SnoozeAudit audit, ILogger<NoiseControl> logger)
{
    public async Task<OrganizationNoise> LoadAsync(string organizationId, CancellationToken ct) =>
        new(await policies.GetAsync(organizationId, ct), await states.ListAsync(organizationId, ct), states, audit, logger);
}
