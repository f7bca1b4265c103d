using MazeVault.Alerts.Core.Email;
using MazeVault.Alerts.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace MazeVault.Alerts.Functions;

/// <summary>The email transport indicator: which transport is active and whether its settings are complete.</summary>
public sealed class EmailStatusApi(EmailTransportStatusService status)
{
    [Function("EmailStatus")]
    public IActionResult Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "email/status")] HttpRequest request)
        => ApiResults.Ok(request, status.GetStatus());
}
