using Microsoft.AspNetCore.Http;

namespace MazeVault.Alerts.Functions.Http;

/// <summary>
/// A state-changing request a browser sent on behalf of another site (a forged form or script): the browser's own
/// <c>Sec-Fetch-Site</c> says so, or, from a browser too old to send that, its <c>Origin</c> names a host other than the
/// one the request was sent to. A
/// signed-in operator's session cookie would ride along with such a request, so the app refuses it whatever the
/// credential; servers calling the API send neither header and are not affected.
/// </summary>
public static class CrossSiteRequest
{
    public static bool IsForged(HttpRequest request)
    {
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method))
        {
            return false;
        }

        // Every current browser says where a request comes from; a page of this app says same-origin.
        var fetchSite = request.Headers["Sec-Fetch-Site"].ToString();
        if (fetchSite.Length > 0)
        {
            return fetchSite.Equals("cross-site", StringComparison.OrdinalIgnoreCase) || fetchSite.Equals("same-site", StringComparison.OrdinalIgnoreCase);
        }

        // An older browser sends only Origin: it must name the host the request went to.
        var origin = request.Headers.Origin.ToString();
        if (origin.Length == 0)
        {
            return false;
        }

        // Behind a proxy or front door the host the browser used arrives as X-Forwarded-Host.
        var host = request.Headers["X-Forwarded-Host"].FirstOrDefault() ?? request.Host.Value;
        return !Uri.TryCreate(origin, UriKind.Absolute, out var parsed)
               || !string.Equals(parsed.Authority, host, StringComparison.OrdinalIgnoreCase);
    }
}
