namespace MazeVault.Alerts.Core.Channels;

/// <summary>Reports each vendor answer's status to the <see cref="VendorCall"/> in progress (the delivery history shows it).</summary>
public sealed class VendorStatusHandler : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        VendorCall.Answered((int)response.StatusCode);
        return response;
    }
}
