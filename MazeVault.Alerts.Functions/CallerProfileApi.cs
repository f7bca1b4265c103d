using MazeVault.Alerts.Core.Access;
using MazeVault.Alerts.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace MazeVault.Alerts.Functions;

/// <summary>Who the caller is and its role in each organization it reaches: what the console lists and which controls it shows.</summary>
public sealed class CallerProfileApi(CallerProfiles profiles)
{
    [Function("GetCallerProfile")]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "access/me")] HttpRequest request, CancellationToken ct)
        => ApiResults.HandleAsync(async () => ApiResults.Ok(request, await profiles.DescribeAsync(ApiCaller.Of(request), ct)));
}
