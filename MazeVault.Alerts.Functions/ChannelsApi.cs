using MazeVault.Alerts.Core.Channels;
using MazeVault.Alerts.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace MazeVault.Alerts.Functions;

/// <summary>The channel types in delivery order with their declared settings: what a form for a new integration asks.</summary>
public sealed class ChannelsApi(ChannelCatalog catalog)
{
    [Function("ListChannels")]
    public IActionResult List([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "channels")] HttpRequest request)
        => ApiResults.Ok(request, new { items = catalog.Describe() });
}
