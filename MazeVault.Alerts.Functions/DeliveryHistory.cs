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
    /// <summary>A page bound: history is for looking at one alert or incident, not for exporting the ledger.</summary>
    internal const int MaxItems = 1000;

    [Function(nameof(DeliveryHistory))]
    public async Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "organizations/{organizationId}/deliveries")] HttpRequest request,
        string organizationId,
        CancellationToken ct)
    {
        DeliveryQuery query;
        try
        {
            query = Parse(request.Query);
        }
        catch (ValidationException e)
        {
            return ProblemResults.Validation(e);
        }

        var items = new List<object>();
        await foreach (var d in ledger.QueryAsync(organizationId, query, ct))
        {
            items.Add(DeliveryView.From(d));
            if (items.Count == MaxItems)
            {
                break;
            }
        }

        return new OkObjectResult(new { items, truncated = items.Count == MaxItems });
    }

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
                : throw new ValidationException("status", "Must be queued, sending, delivered, retrying or failed.");
        }

        return new DeliveryQuery(Single("alertId"), Single("incidentId"), status);
    }
}
