using MazeVault.Alerts.Core.Channels;
using MazeVault.Alerts.Core.Integrations;
using MazeVault.Alerts.TestSupport.Vendors;

namespace MazeVault.Alerts.Core.Tests.Channels;

/// <summary>
/// The four kinds of test every HTTP channel gets against a real local server: the status-code theory (200-599),
/// Retry-After, a timeout and a refused connection, and no secret in any error text or log. Each channel's class adds its payload tests.
/// </summary>
public abstract class HttpChannelContractTests
{
    protected HttpChannelContractTests(FakeVendorServerFixture fixture)
    {
        Server = fixture.Server;
        Server.Reset();
    }

    protected FakeVendorServer Server { get; }

    protected abstract string Type { get; }

    /// <summary>The path of the request whose answer decides the outcome.</summary>
    protected abstract string Path { get; }

    protected abstract Integration Target(Uri serverBase);

    /// <summary>Values that must never appear in an error text or a log line.</summary>
    protected abstract IEnumerable<string> Secrets(Integration target);

    protected virtual Notification Notification => Samples.CertificateExpiring();

    /// <summary>A vendor-like answer with the given status (e.g. JIRA's created-issue body).</summary>
    protected virtual FakeResponse Answer(int status) => FakeResponse.Text(status, status < 300 ? "ok" : "error_code");

    protected virtual Type ExpectedOutcome(int status) => status switch
    {
        >= 200 and < 300 => typeof(DeliveryOutcome.Delivered),
        408 or 429 or >= 500 => typeof(DeliveryOutcome.Retryable),
        _ => typeof(DeliveryOutcome.Permanent),
    };

    public static TheoryData<int> StatusCodes { get; } = new(Enumerable.Range(200, 400));

    [Theory]
    [MemberData(nameof(StatusCodes))]
    public async Task Vendor_status_code_gives_delivered_retryable_or_permanent(int status)
    {
        using var host = ChannelTestHost.Create();
        Server.On("POST", Path, Answer(status));

        var outcome = await host.Channel(Type).SendAsync(Notification, Target(Server.BaseUrl), CancellationToken.None);

        Assert.IsType(ExpectedOutcome(status), outcome);
    }

    [Fact]
    public async Task Retry_after_seconds_of_a_429_are_returned_with_the_retryable_outcome()
    {
        using var host = ChannelTestHost.Create();
        Server.On("POST", Path, Answer(429) with { Headers = new Dictionary<string, string> { ["Retry-After"] = "17" } });

        var outcome = await host.Channel(Type).SendAsync(Notification, Target(Server.BaseUrl), CancellationToken.None);

        var retryable = Assert.IsType<DeliveryOutcome.Retryable>(outcome);
        Assert.Equal(TimeSpan.FromSeconds(17), retryable.RetryAfter);
    }

    [Fact]
    public async Task A_vendor_that_does_not_answer_in_time_gives_a_retryable_timeout()
    {
        using var host = ChannelTestHost.Create(httpTimeout: TimeSpan.FromMilliseconds(300));
        Server.On("POST", Path, Answer(200) with { Delay = TimeSpan.FromSeconds(5) });

        var outcome = await host.Channel(Type).SendAsync(Notification, Target(Server.BaseUrl), CancellationToken.None);

        var retryable = Assert.IsType<DeliveryOutcome.Retryable>(outcome);
        Assert.Contains("timed out", retryable.Reason);
    }

    [Fact]
    public async Task A_refused_connection_is_retryable()
    {
        using var host = ChannelTestHost.Create();
        var closed = new Uri($"http://127.0.0.1:{FreePort.Next()}/");

        var outcome = await host.Channel(Type).SendAsync(Notification, Target(closed), CancellationToken.None);

        var retryable = Assert.IsType<DeliveryOutcome.Retryable>(outcome);
        Assert.Contains("connection failed", retryable.Reason);
    }

    [Theory]
    [InlineData(401)]
    [InlineData(404)]
    [InlineData(500)]
    [InlineData(-1)] // timeout
    [InlineData(-2)] // connection refused
    public async Task Error_texts_and_logs_never_contain_a_secret(int status)
    {
        using var host = ChannelTestHost.Create(httpTimeout: TimeSpan.FromMilliseconds(300));
        var target = Target(status == -2 ? new Uri($"http://127.0.0.1:{FreePort.Next()}/") : Server.BaseUrl);
        Server.On("POST", Path, status == -1 ? Answer(200) with { Delay = TimeSpan.FromSeconds(5) } : Answer(status));

        var outcome = await host.Channel(Type).SendAsync(Notification, target, CancellationToken.None);

        var reason = outcome switch
        {
            DeliveryOutcome.Retryable r => r.Reason,
            DeliveryOutcome.Permanent p => p.Reason,
            _ => throw new Xunit.Sdk.XunitException($"Expected a failure, got {outcome}"),
        };
        var logs = host.AllLogText();
        foreach (var secret in Secrets(target))
        {
            Assert.DoesNotContain(secret, reason);
            Assert.DoesNotContain(secret, logs);
        }
    }
}
