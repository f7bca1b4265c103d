using Azure;
using Azure.Data.Tables;
using MazeVault.Alerts.Core.Channels;
using MazeVault.Alerts.Core.Storage;
using Microsoft.Extensions.Options;

namespace MazeVault.Alerts.Core.Pacing;

/// <summary>
/// Send slots per destination in table <c>Pacing</c> (PartitionKey = destination key), shared by every instance: GCRA
/// virtual scheduling without burst credit. Each send takes the row's next free slot (never earlier than now or the end of
/// a pause) and moves it one interval on with an ETag-conditional write, so two instances can never take the same slot;
/// the loser of a race reads again and takes the following one. A vendor's 429 sets "paused until", which every later slot
/// waits for. One instance's concurrent requests for a destination share one read and one write (<see cref="SlotLane"/>);
/// a lost race costs one more of each.
/// </summary>
public sealed class DestinationPacer(TableProvider tables, IOptions<PacingOptions> options, TimeProvider clock)
{
    /// <summary>
    /// Slots sit 5% further apart than the documented rate: a send leaves a few milliseconds after its slot, and a vendor
    /// that counts strictly would otherwise see one message too many in a window now and then.
    /// </summary>
    public const double Headroom = 0.95;

    private const string SlotRow = "slot";

    // Each lost race means another instance took a slot, so this many in a row only happens under a storm of senders.
    private const int MaxRaces = 100;

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, SlotLane> _lanes = new();

    /// <summary>The time between two slots of a destination with <paramref name="rate"/>.</summary>
    public TimeSpan Interval(PacingRate rate) =>
        TimeSpan.FromTicks((long)(rate.Per.Ticks / (rate.Requests * options.Value.RatePercent / 100.0 * Headroom)));

    /// <summary>
    /// When the next send to <paramref name="destination"/> may go. A slot this delivery <paramref name="reserved"/> on an
    /// earlier pass stands (a read, no write) unless a pause now covers it; otherwise this takes the next free slot.
    /// </summary>
    public async Task<DateTimeOffset> AcquireAsync(PacedDestination destination, DateTimeOffset? reserved, CancellationToken ct)
    {
        var table = await tables.GetAsync(TableNames.Pacing, ct);
        if (reserved is { } slot && !((await ReadAsync(table, destination.Key, ct))?.PausedUntil > slot))
        {
            return slot;
        }

        // The batch outlives any one caller's cancellation: its slots are handed to every waiter of this instance.
        return await _lanes.GetOrAdd(destination.Key, _ => new SlotLane())
            .TakeAsync(count => ReserveAsync(table, destination, count, CancellationToken.None), ct);
    }

    /// <summary>Takes <paramref name="count"/> consecutive slots: the first free one and those after it.</summary>
    private async Task<IReadOnlyList<DateTimeOffset>> ReserveAsync(TableClient table, PacedDestination destination, int count, CancellationToken ct)
    {
        var interval = Interval(destination.Rate);
        for (var race = 0; race < MaxRaces; race++)
        {
            var state = await ReadAsync(table, destination.Key, ct);
            var at = Latest(clock.GetUtcNow(), state?.NextSlot, state?.PausedUntil);
            if (await TryWriteAsync(table, destination.Key, state, new PacingState(at + count * interval, state?.PausedUntil, state?.PausedBy, null), ct))
            {
                return Enumerable.Range(0, count).Select(i => at + i * interval).ToList();
            }
        }

        throw new InvalidOperationException($"Pacing of destination {destination.Key} lost {MaxRaces} races in a row for its next slots.");
    }

    /// <summary>
    /// The destination answered 429: no slot before <paramref name="until"/> for anyone. Slots already handed out that
    /// fall inside the pause are taken again by their holders (<see cref="AcquireAsync"/> sees the pause cover them).
    /// </summary>
    /// <returns>Whether this call paused it: false when a pause at least as long was already there.</returns>
    public async Task<bool> PauseAsync(PacedDestination destination, DateTimeOffset until, string pausedBy, CancellationToken ct)
    {
        var table = await tables.GetAsync(TableNames.Pacing, ct);
        for (var race = 0; race < MaxRaces; race++)
        {
            var state = await ReadAsync(table, destination.Key, ct);
            if (state?.PausedUntil >= until)
            {
                return false;
            }

            // The next slot moves past the pause too, so new slots never overlap the ones that survive it.
            if (await TryWriteAsync(table, destination.Key, state, new PacingState(Latest(until, state?.NextSlot, null), until, pausedBy, null), ct))
            {
                return true;
            }
        }

        throw new InvalidOperationException($"Pacing of destination {destination.Key} lost {MaxRaces} races in a row to record a pause.");
    }

    private static async Task<PacingState?> ReadAsync(TableClient table, string key, CancellationToken ct)
    {
        var response = await table.GetEntityIfExistsAsync<TableEntity>(key, SlotRow, cancellationToken: ct);
        return response.HasValue && response.Value is { } e
            ? new PacingState(e.GetDateTimeOffset("NextSlot") ?? DateTimeOffset.MinValue, e.GetDateTimeOffset("PausedUntil"), e.GetString("PausedBy"), e.ETag.ToString())
            : null;
    }

    /// <summary>Adds the row, or replaces it if it still has the ETag <paramref name="read"/> had; false when someone else wrote first.</summary>
    private async Task<bool> TryWriteAsync(TableClient table, string key, PacingState? read, PacingState next, CancellationToken ct)
    {
        var entity = new TableEntity(key, SlotRow)
        {
            ["NextSlot"] = next.NextSlot,
            ["PausedUntil"] = next.PausedUntil,
            ["PausedBy"] = next.PausedBy,
            ["UpdatedAt"] = clock.GetUtcNow(),
        };
        try
        {
            if (read is null)
            {
                await table.AddEntityAsync(entity, ct);
            }
            else
            {
                await table.UpdateEntityAsync(entity, new ETag(read.ETag!), TableUpdateMode.Replace, ct);
            }

            return true;
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412 or 404)
        {
            return false;
        }
    }

    private static DateTimeOffset Latest(DateTimeOffset a, DateTimeOffset? b, DateTimeOffset? c)
    {
        var latest = b > a ? b.Value : a;
        return c > latest ? c.Value : latest;
    }
}
