using MazeVault.Alerts.Core.Integrations;
using MazeVault.Alerts.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace MazeVault.Alerts.Functions;

/// <summary>Management API of notification integrations. Secrets are write-only: responses show a masked hint.</summary>
public sealed class IntegrationsApi(IntegrationService integrations, IntegrationDirectory directory)
{
    private const string Collection = "organizations/{organizationId}/integrations";
    private const string Item = Collection + "/{integrationId}";

    [Function("ListIntegrations")]
    public Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Collection)] HttpRequest request, string organizationId, CancellationToken ct)
        => ApiResults.HandleAsync(async () =>
            ApiResults.Ok(request, await directory.ListAsync(organizationId, ApiQuery.Page(request.Query), ct)));

    [Function("CreateIntegration")]
    public Task<IActionResult> Create(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Collection)] HttpRequest request, string organizationId, CancellationToken ct)
        => ApiResults.HandleAsync(async () =>
        {
            var input = await ApiJson.ReadAsync<IntegrationInput>(request, ct);
            var created = await integrations.CreateAsync(organizationId, input, ct);
            var location = ApiResults.Path(request, "organizations", organizationId, "integrations", created.Id);
            return ApiResults.Created(request, location, IntegrationView.From(created), created.ETag);
        }, StatusCodes.Status409Conflict);

    [Function("GetIntegration")]
    public Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Item)] HttpRequest request, string organizationId, string integrationId, CancellationToken ct)
        => ApiResults.HandleAsync(async () =>
            await integrations.GetAsync(organizationId, integrationId, ct) is { } integration
                ? ApiResults.Ok(request, IntegrationView.From(integration), integration.ETag)
                : NotFound(integrationId));

    [Function("UpdateIntegration")]
    public Task<IActionResult> Update(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = Item)] HttpRequest request, string organizationId, string integrationId, CancellationToken ct)
        => ApiResults.HandleAsync(async () =>
        {
            var etag = ApiResults.RequiredIfMatch(request);
            var input = await ApiJson.ReadAsync<IntegrationInput>(request, ct);
            return await integrations.UpdateAsync(organizationId, integrationId, input, etag, ct) is { } updated
                ? ApiResults.Ok(request, IntegrationView.From(updated), updated.ETag)
                : NotFound(integrationId);
        });

    [Function("DeleteIntegration")]
    public Task<IActionResult> Delete(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = Item)] HttpRequest request, string organizationId, string integrationId, CancellationToken ct)
        => ApiResults.HandleAsync(async () =>
            await directory.DeleteAsync(organizationId, integrationId, ApiResults.RequiredIfMatch(request), ct)
                ? new NoContentResult()
                : NotFound(integrationId));

    private static IActionResult NotFound(string integrationId) =>
        ProblemResults.NotFound($"There is no integration '{integrationId}' in this organization.");
}
