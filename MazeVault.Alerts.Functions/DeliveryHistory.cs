using MazeVault.Alerts.Core.Delivery;
using MazeVault.Alerts.Core.Storage;
using MazeVault.Alerts.Core.Validation;
using MazeVault.Alerts.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace MazeVault.Alerts.Functions;

/// <summary>What happened to each delivery, by alert or incident and by status, without reading logs.</summary>
public sealed class DeliveryHistory(DeliveryLedger ledger)
{
    [Function(nameof(DeliveryHistory))]
    public Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "organizations/{organizationId}/deliveries")] HttpRequest request,
        string organizationId,
        CancellationToken ct)
        => ApiResults.HandleAsync(async () =>
        {
            FieldErrors.RequireOrganization(organizationId);
            var page = await ledger.QueryAsync(organizationId, Parse(request.Query), ApiQuery.Page(request.Query), ct);
            return ApiResults.Ok(request, page.Select(d => DeliveryView.From(d)));
        });

    /// <summary>One delivery with every attempt kept: when, outcome, reason, the vendor's status and duration.</summary>
    [Function("GetDelivery")]
    public Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "organizations/{organizationId}/deliveries/{deliveryId}")] HttpRequest request,
        string organizationId,
        string deliveryId,
        CancellationToken ct)
        => ApiResults.HandleAsync(async () =>
        {
            FieldErrors.RequireOrganization(organizationId);
            return TableKeys.IsValid(deliveryId) && await ledger.GetAsync(organizationId, deliveryId, ct) is { } delivery
                ? ApiResults.Ok(request, DeliveryView.From(delivery, withAttempts: true))
                : ProblemResults.NotFound($"There is no delivery '{deliveryId}' in this organization.");
        });


    private static DeliveryQuery Parse(IQueryCollection query)
    {
        string? Single(string name) => ApiQuery.Single(query, name);

        DeliveryStatus? status = null;
        if (Single("status") is { } text)
        {
            // Enum.TryParse also takes numbers and comma lists ("sending,delivered" is Retrying): only a name will do.
            status = Enum.GetNames<DeliveryStatus>().FirstOrDefault(n => n.Equals(text, StringComparison.OrdinalIgnoreCase)) is { } name
                ? Enum.Parse<DeliveryStatus>(name)
                : throw new ValidationException("status", $"Must be one of {string.Join(", ", Enum.GetNames<DeliveryStatus>().Select(n => n.ToLowerInvariant()))}.");
        }

        return new DeliveryQuery(Single("alertId"), Single("incidentId"), status);
    }
}
