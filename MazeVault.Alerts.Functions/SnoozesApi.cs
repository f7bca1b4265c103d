using MazeVault.Alerts.Core.Access;
using MazeVault.Alerts.Core.Noise;
using MazeVault.Alerts.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace MazeVault.Alerts.Functions;

/// <summary>Snoozes of certificates and rotation configs: list, set (or replace) and end.</summary>
public sealed class SnoozesApi(SnoozeService snoozes)
{
    private const string Route = "organizations/{organizationId}/snoozes";
    private const string ItemRoute = Route + "/{kind}/{resourceId}";

    [Function("ListSnoozes")]
    public Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Route)] HttpRequest request, string organizationId, CancellationToken ct)
        => ApiResults.HandleAsync(async () => ApiResults.Ok(request, await snoozes.ListAsync(organizationId, ApiQuery.Page(request.Query), ct)));

    [Function("SnoozeResource")]
    public Task<IActionResult> Snooze(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = ItemRoute)] HttpRequest request,
        string organizationId, string kind, string resourceId, CancellationToken ct)
        => ApiResults.HandleAsync(async () =>
        {
            var input = await ApiJson.ReadAsync<SnoozeInput>(request, ct);
            // The owner is whoever snoozed it, when the app knows who that is; locally the body names one.
            var caller = ApiCaller.Of(request);
            input = caller.Kind == CallerKind.Local ? input : input with { Owner = caller.Describe() };
            return await snoozes.SnoozeAsync(organizationId, kind, resourceId, input, ct) is { } snooze
                ? ApiResults.Ok(request, snooze)
                : ProblemResults.NotFound($"There is no {kind} '{resourceId}' in this organization.");
        });

    [Function("EndSnooze")]
    public Task<IActionResult> End(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = ItemRoute)] HttpRequest request,
        string organizationId, string kind, string resourceId, CancellationToken ct)
        => ApiResults.HandleAsync(async () =>
            await snoozes.EndAsync(organizationId, kind, resourceId, ct)
                ? new NoContentResult()
                : ProblemResults.NotFound($"The {kind} '{resourceId}' is not snoozed."));
}
