using System.Diagnostics;
using OpenTelemetry;

namespace MazeVault.Alerts.Core.Telemetry;

/// <summary>
/// Cuts every URL tag down to scheme, host and port before an exporter sees the span: webhook URLs carry their secret
/// in the path (Slack, Teams) or the query, and HttpClient's own spans record the path.
/// </summary>
public sealed class UrlRedactionProcessor : BaseProcessor<Activity>
{
    private static readonly string[] UrlTags = ["url.full", "http.url", "url.path", "url.query", "http.target"];

    public override void OnEnd(Activity data)
    {
        foreach (var tag in UrlTags)
        {
            if (data.GetTagItem(tag) is { } value)
            {
                data.SetTag(tag, tag is "url.full" or "http.url" ? Origin(value.ToString()) : null);
            }
        }
    }

    /// <summary>scheme://host[:port] (user info dropped too); anything but an absolute http(s) URL is dropped whole.</summary>
    internal static string? Origin(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? $"{uri.Scheme}://{uri.Authority}"
            : null;
}
