using MazeVault.Alerts.Core.Inventory;
using MazeVault.Alerts.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace MazeVault.Alerts.Functions;

/// <summary>The vault's inventory feed: upsert one certificate or rotation config, or import many at once.</summary>
public sealed class InventoryApi(InventoryService inventory)
{
    [Function("UpsertCertificate")]
    public Task<IActionResult> UpsertCertificate(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "organizations/{organizationId}/certificates/{certificateId}")] HttpRequest request,
        string organizationId, string certificateId, CancellationToken ct)
        => ApiResults.HandleAsync(async () =>
        {
            var input = await ApiJson.ReadAsync<CertificateInput>(request, ct);
            var certificate = await inventory.UpsertCertificateAsync(organizationId, certificateId, input, ct);
            return ApiResults.Ok(request, certificate, certificate.ETag);
        });

    [Function("UpsertRotationConfig")]
    public Task<IActionResult> UpsertRotationConfig(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "organizations/{organizationId}/rotation-configs/{configId}")] HttpRequest request,
        string organizationId, string configId, CancellationToken ct)
        => ApiResults.HandleAsync(async () =>
        {
            var input = await ApiJson.ReadAsync<RotationConfigInput>(request, ct);
            var config = await inventory.UpsertRotationConfigAsync(organizationId, configId, input, ct);
            return ApiResults.Ok(request, config, config.ETag);
        });

    /// <summary>200 with a result per item; items a storage batch refused carry their error (nothing of that batch is written).</summary>
    [Function("ImportInventory")]
    public Task<IActionResult> Import(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "organizations/{organizationId}/inventory/import")] HttpRequest request,
        string organizationId, CancellationToken ct)
        => ApiResults.HandleAsync(async () =>
        {
            var input = await ApiJson.ReadAsync<InventoryImportInput>(request, ct);
            return ApiResults.Ok(request, await inventory.ImportAsync(organizationId, input, ct));
        });
}
