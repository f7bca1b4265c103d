using MazeVault.Alerts.Core.Integrations;
using MazeVault.Alerts.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace MazeVault.Alerts.Functions;

/// <summary>Management API of incident contacts, listed a page at a time, each with its priority.</summary>
public sealed class IncidentContactsApi(IncidentContactService contacts)
{
    private const string Collection = "organizations/{organizationId}/incident-contacts";
    private const string Item = Collection + "/{contactId}";

    [Function("ListIncidentContacts")]
    public Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Collection)] HttpRequest request, string organizationId, CancellationToken ct)
        => ApiResults.HandleAsync(async () => ApiResults.Ok(request, await contacts.ListAsync(organizationId, ApiQuery.Page(request.Query), ct)));

    [Function("CreateIncidentContact")]
    public Task<IActionResult> Create(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Collection)] HttpRequest request, string organizationId, CancellationToken ct)
        => ApiResults.HandleAsync(async () =>
        {
            var input = await ApiJson.ReadAsync<IncidentContactInput>(request, ct);
            var created = await contacts.CreateAsync(organizationId, input, ct);
            var location = ApiResults.Path(request, "organizations", organizationId, "incident-contacts", created.Id);
            return ApiResults.Created(request, location, created, created.ETag);
        }, StatusCodes.Status409Conflict);

    [Function("UpdateIncidentContact")]
    public Task<IActionResult> Update(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = Item)] HttpRequest request, string organizationId, string contactId, CancellationToken ct)
        => ApiResults.HandleAsync(async () =>
        {
            var etag = ApiResults.RequiredIfMatch(request);
            var input = await ApiJson.ReadAsync<IncidentContactInput>(request, ct);
            return await contacts.UpdateAsync(organizationId, contactId, input, etag, ct) is { } updated
                ? ApiResults.Ok(request, updated, updated.ETag)
                : NotFound(contactId);
        });

    [Function("DeleteIncidentContact")]
    public Task<IActionResult> Delete(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = Item)] HttpRequest request, string organizationId, string contactId, CancellationToken ct)
        => ApiResults.HandleAsync(async () =>
            await contacts.DeleteAsync(organizationId, contactId, ApiResults.RequiredIfMatch(request), ct)
                ? new NoContentResult()
                : NotFound(contactId));

    private static IActionResult NotFound(string contactId) =>
        ProblemResults.NotFound($"There is no incident contact '{contactId}' in this organization.");
}
