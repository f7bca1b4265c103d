using System.Net;
using System.Net.Http.Headers;

namespace MazeVault.Alerts.EndToEnd.Tests;

/// <summary>The operator console's files as the compiled app serves them: types, security headers, caching, and no way out of the console.</summary>
public sealed class ConsoleFilesEndToEndTests(AlertsAppFixture fixture) : IClassFixture<AlertsAppFixture>
{
    [Theory]
    [InlineData("api/console/", "text/html")]
    [InlineData("api/console/index.html", "text/html")]
    [InlineData("api/console/app.js", "text/javascript")]
    [InlineData("api/console/notifications.js", "text/javascript")]
    [InlineData("api/console/styles.css", "text/css")]
    public async Task Each_file_is_served_with_its_type_a_strict_policy_and_a_content_hash(string path, string type)
    {
        using var response = await fixture.Client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(type, response.Content.Headers.ContentType?.MediaType);
        var policy = string.Join(" ", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", policy, StringComparison.Ordinal);
        Assert.Equal("nosniff", string.Join("", response.Headers.GetValues("X-Content-Type-Options")));
        Assert.True(response.Headers.CacheControl?.NoCache);
        Assert.NotNull(response.Headers.ETag);
    }

    [Fact]
    public async Task An_unchanged_file_is_answered_304_by_its_etag()
    {
        using var first = await fixture.Client.GetAsync("api/console/app.js");
        using var again = new HttpRequestMessage(HttpMethod.Get, "api/console/app.js");
        again.Headers.IfNoneMatch.Add(first.Headers.ETag!);

        using var response = await fixture.Client.SendAsync(again);

        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
    }

    [Theory]
    [InlineData("api/console/notifications")]
    [InlineData("api/console/../openapi.json")]
    [InlineData("api/console/..%2F..%2Fhost.json")]
    [InlineData("api/console/%2e%2e/%2e%2e/local.settings.json")]
    [InlineData("api/console/MazeVault.Alerts.Functions.dll")]
    [InlineData("api/console/app.js%00.html")]
    public async Task Any_other_path_is_the_console_page_never_another_file(string path)
    {
        using var index = await fixture.Client.GetAsync("api/console/");
        var page = await index.Content.ReadAsStringAsync();

        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(fixture.Client.BaseAddress + path, UriKind.Absolute));
        using var response = await fixture.Client.SendAsync(request);

        // A path the host resolves outside the console is another route (or none): never a file of the app.
        if (response.StatusCode == HttpStatusCode.OK && response.Content.Headers.ContentType?.MediaType == "text/html")
        {
            Assert.Equal(page, await response.Content.ReadAsStringAsync());
        }
        else
        {
            Assert.True(response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.BadRequest or HttpStatusCode.OK, $"{path}: {(int)response.StatusCode}");
            Assert.DoesNotContain("AzureWebJobsStorage", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.NotEqual(new MediaTypeHeaderValue("application/octet-stream").MediaType, response.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task The_page_has_no_inline_script_or_style_and_loads_only_its_own_files()
    {
        var page = await fixture.Client.GetStringAsync("api/console/");

        Assert.DoesNotMatch("<script(?![^>]*\\bsrc=)", page);
        Assert.DoesNotContain("<style", page, StringComparison.Ordinal);
        Assert.DoesNotContain(" style=", page, StringComparison.Ordinal);
        Assert.DoesNotMatch("(src|href)=\"(https?:)?//", page);
    }
}
