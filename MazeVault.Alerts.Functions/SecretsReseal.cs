using MazeVault.Alerts.Core.Integrations;
using MazeVault.Alerts.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace MazeVault.Alerts.Functions;

/// <summary>
/// After a new version of the key-encryption key becomes current: rewrites every integration still sealed with an older
/// version (or stored in the old plain format) and answers the counts. Platform admins only.
/// </summary>
public sealed class SecretsReseal(IIntegrationStore integrations)
{
    [Function("ResealSecrets")]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "secrets/reseal")] HttpRequest request, CancellationToken ct)
        => ApiResults.HandleAsync(async () => ApiResults.Ok(request, await integrations.ResealAsync(ct)));
}
