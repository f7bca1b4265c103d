using MazeVault.Alerts.Core.Idempotency;
using MazeVault.Alerts.Core.Storage;
using MazeVault.Alerts.Core.Tests.Storage;
using Microsoft.Extensions.Time.Testing;

namespace MazeVault.Alerts.Core.Tests.Idempotency;

/// <summary>Idempotency-Key claims on Azurite: replay, reuse, a request still running, a dead request's lease, expiry.</summary>
public sealed class IdempotencyStoreTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private readonly string _org = AzuriteStorage.NewOrganization();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.Zero));
    private IdempotencyStore Store => new(new AzuriteStorage(azurite).Tables, _clock);

    private Task<int> RunAsync(string key, string fingerprint, Func<Task<int>> run) =>
        Store.RunAsync(_org, "op", key, fingerprint, run, CancellationToken.None);

    [Fact]
    public async Task A_repeat_gets_the_first_answer_without_running_again()
    {
        var runs = 0;

        var first = await RunAsync("k", "f", () => Task.FromResult(++runs));
        var repeat = await RunAsync("k", "f", () => Task.FromResult(++runs));

        Assert.Equal((1, 1, 1), (first, repeat, runs));
    }

    [Fact]
    public async Task A_key_reused_for_another_request_is_refused_until_it_expires()
    {
        await RunAsync("k", "f", () => Task.FromResult(1));

        await Assert.ThrowsAsync<IdempotencyKeyReusedException>(() => RunAsync("k", "other", () => Task.FromResult(2)));
        _clock.Advance(IdempotencyStore.Retention);
        Assert.Equal(2, await RunAsync("k", "other", () => Task.FromResult(2)));
    }

    [Fact]
    public async Task A_repeat_while_the_first_runs_is_a_conflict_and_a_dead_requests_key_frees_after_its_lease()
    {
        var never = new TaskCompletionSource<int>();
        var started = new TaskCompletionSource();
        _ = RunAsync("k", "f", () =>
        {
            started.SetResult();
            return never.Task;
        });
        await started.Task;

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => RunAsync("k", "f", () => Task.FromResult(2)));
        _clock.Advance(IdempotencyStore.Lease);
        Assert.Equal(2, await RunAsync("k", "f", () => Task.FromResult(2)));
    }

    [Fact]
    public async Task A_failed_request_releases_its_key_for_the_retry()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(() => RunAsync("k", "f", () => throw new InvalidOperationException("storage down")));

        Assert.Equal(3, await RunAsync("k", "f", () => Task.FromResult(3)));
    }

    [Fact]
    public async Task Keys_are_per_organization_and_may_hold_characters_a_row_key_may_not()
    {
        const string key = "a/b#c?d\\e";
        await RunAsync(key, "f", () => Task.FromResult(1));

        var elsewhere = await new IdempotencyStore(new AzuriteStorage(azurite).Tables, _clock)
            .RunAsync(AzuriteStorage.NewOrganization(), "op", key, "other", () => Task.FromResult(2), CancellationToken.None);

        Assert.Equal(2, elsewhere);
        Assert.Equal(1, await RunAsync(key, "f", () => Task.FromResult(9)));
    }
}
