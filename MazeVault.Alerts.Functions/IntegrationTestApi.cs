using MazeVault.Alerts.Core.Channels;
using MazeVault.Alerts.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace MazeVault.Alerts.Functions;

/// <summary>The Test button: sends a test notification now and answers 200 with success or the specific error.</summary>
public sealed class IntegrationTestApi(IntegrationTester tester)
{
    [Function("TestIntegration")]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "organizations/{organizationId}/integrations/{integrationId}/test")] HttpRequest request,
        string organizationId,
        string integrationId,
        CancellationToken ct)
        => await ApiResults.HandleAsync(async () =>
            await tester.TestAsync(organizationId, integrationId, ct) is { } result
                // A failed test is still a completed test: 200 with the failure in the body, as the Test toast shows it.
                ? ApiResults.Ok(request, result)
                : ProblemResults.NotFound($"Integration {integrationId} was not found in organization {organizationId}."));
}
