using System.Globalization;
using MazeVault.Alerts.Core.Channels;
using MazeVault.Alerts.Core.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MazeVault.Alerts.Core.Pacing;

/// <summary>
/// The sender mailbox's recipients per UTC day (PACING_EMAIL_RECIPIENTS_PER_DAY), counted per mailbox address across
/// organizations, since they all send through it. The count sits in table <c>Pacing</c> beside the mailbox's send slots
/// (PartitionKey = its destination key, RowKey = <c>recipients|{day}</c>), kept by <see cref="WindowCounter"/>; the first
/// refusal of a day writes one <c>[Pacing]</c> warning.
/// </summary>
public sealed class MailboxRecipientLimit(TableProvider tables, WindowCounter counter, IOptions<PacingOptions> options, TimeProvider clock, ILogger<MailboxRecipientLimit> logger)
{
    /// <summary>
    /// Counts one message to <paramref name="recipients"/> recipients against <paramref name="mailbox"/>'s day: null when it
    /// may go now; otherwise (nothing counted) when the next UTC day starts, the soonest it may.
    /// </summary>
    public async Task<DateTimeOffset?> TryTakeAsync(string mailbox, int recipients, CancellationToken ct)
    {
        var limit = options.Value.EmailRecipientsPerDay;
        if (limit == 0 || recipients == 0)
        {
            return null;
        }

        var now = clock.GetUtcNow();
        var day = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
        var nextDay = day.AddDays(1);
        var key = PacedDestination.KeyOf(Channels.Email.EmailChannel.Type, mailbox.ToLowerInvariant());
        var table = await tables.GetAsync(TableNames.Pacing, ct);
        var take = await counter.TryTakeAsync(table, key, $"recipients|{day.ToString("yyyyMMdd", CultureInfo.InvariantCulture)}", recipients, limit, nextDay, ct);
        if (take == WindowTake.FirstRefused)
        {
            logger.LogWarning("[Pacing] The sender mailbox reached its {Limit} recipients of {Day:yyyy-MM-dd} (PACING_EMAIL_RECIPIENTS_PER_DAY); further emails wait for {NextDay:O}",
                limit, day, nextDay);
        }

        return take == WindowTake.Taken ? null : nextDay;
    }
}
