using System.Diagnostics;
using MazeVault.Alerts.Core.Telemetry;

namespace MazeVault.Alerts.Core.Tests.Telemetry;

public sealed class UrlRedactionProcessorTests
{
    [Fact]
    public void A_url_keeps_only_scheme_host_and_port()
    {
        Assert.Equal("https://hooks.slack.com", UrlRedactionProcessor.Origin("https://user:pw@hooks.slack.com/services/T0/B0/secret?x=1"));
        Assert.Equal("http://127.0.0.1:8080", UrlRedactionProcessor.Origin("http://127.0.0.1:8080/hook?sig=s"));
        Assert.Null(UrlRedactionProcessor.Origin("/relative/secret"));
    }

    [Fact]
    public void A_span_ends_with_its_url_tags_cut_to_the_origin_and_path_and_query_tags_gone()
    {
        using var span = new Activity("POST");
        span.SetTag("url.full", "https://hooks.slack.com/services/T0/B0/secret");
        span.SetTag("http.url", "https://hooks.slack.com/services/T0/B0/secret");
        span.SetTag("url.path", "/services/T0/B0/secret");
        span.SetTag("url.query", "token=secret");
        span.SetTag("server.address", "hooks.slack.com");

        new UrlRedactionProcessor().OnEnd(span);

        Assert.Equal("https://hooks.slack.com", span.GetTagItem("url.full"));
        Assert.Equal("https://hooks.slack.com", span.GetTagItem("http.url"));
        Assert.Null(span.GetTagItem("url.path"));
        Assert.Null(span.GetTagItem("url.query"));
        Assert.Equal("hooks.slack.com", span.GetTagItem("server.address"));
    }
}
