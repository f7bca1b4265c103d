using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using MazeVault.Alerts.Core.Delivery;
using MazeVault.Alerts.Core.Storage;
using MazeVault.Alerts.Core.Validation;

namespace MazeVault.Alerts.Core.Idempotency;

/// <summary>
/// The <c>Idempotency-Key</c> header of the IETF httpapi draft, over table <c>IdempotencyKeys</c>: PartitionKey =
/// organization, RowKey = operation and a hash of the key (a key may hold characters a RowKey may not). The first request
/// with a key claims it with a fingerprint of its content; once it finishes its answer is stored, and repeats within
/// <see cref="Retention"/> get that answer without running again. A different request under the same key is refused
/// (<see cref="IdempotencyKeyReusedException"/>), and so is a repeat while the first still runs
/// (<see cref="ConcurrencyConflictException"/>). Expired rows are ignored and overwritten by the next claim of their key.
/// </summary>
public sealed class IdempotencyStore(TableProvider tables, TimeProvider clock)
{
    public const string HeaderName = "Idempotency-Key";

    /// <summary>The draft suggests a key be a UUID; 255 leaves room for any caller's scheme and keeps rows small.</summary>
    public const int MaxKeyLength = 255;

    /// <summary>How long a key is remembered: longer than any caller's retry schedule, short enough to keep the table small.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromHours(24);

    /// <summary>
    /// A claim without an answer after this long belongs to a request that died (a worker restart): a repeat then runs the
    /// operation again, which is safe because the operations are idempotent by content. Functions' HTTP limit is 230 s.
    /// </summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);

    private const int MaxClaimAttempts = 5;

    /// <summary>Null when absent; <see cref="ValidationException"/> naming the header when it is not 1-255 printable ASCII characters.</summary>
    public static string? ValidateKey(string? key) =>
        key is null ? null
        : key.Length is 0 or > MaxKeyLength || !key.All(c => c is >= ' ' and <= '~') || key.Trim().Length != key.Length
            ? throw new ValidationException(HeaderName, $"must be 1-{MaxKeyLength} printable ASCII characters without surrounding spaces (a UUID is a good key).")
            : key;

    /// <summary>
    /// Runs <paramref name="operation"/> once per key and <paramref name="fingerprint"/>; a repeat returns the stored answer.
    /// A failed operation releases the key, so that the caller may retry it.
    /// </summary>
    public async Task<T> RunAsync<T>(
        string organizationId, string operation, string key, string fingerprint, Func<Task<T>> run, CancellationToken ct)
    {
        var table = await tables.GetAsync(TableNames.IdempotencyKeys, ct);
        var rowKey = $"{operation}-{AlertIds.Hash(key)}";
        var (claim, stored) = await ClaimAsync(table, organizationId, rowKey, fingerprint, ct);
        if (stored is not null)
        {
            return JsonSerializer.Deserialize<T>(stored)!;
        }

        T answer;
        try
        {
            answer = await run();
        }
        catch
        {
            await ReleaseAsync(table, claim);
            throw;
        }

        claim["Answer"] = JsonSerializer.Serialize(answer);
        claim["CompletedAt"] = clock.GetUtcNow();
        await table.UpdateEntityAsync(claim, claim.ETag, TableUpdateMode.Replace, ct);
        return answer;
    }

    private static async Task ReleaseAsync(TableClient table, TableEntity claim)
    {
        try
        {
            // Not the caller's token: a cancelled request must still release its key.
            await table.DeleteEntityAsync(claim.PartitionKey, claim.RowKey, claim.ETag, CancellationToken.None);
        }
        catch (RequestFailedException)
        {
            // Storage is failing too; the lease frees the key instead, and the operation's own error is the one to report.
        }
    }

    /// <summary>This request's new claim (with its ETag), or the stored answer of an earlier request with the same key.</summary>
    private async Task<(TableEntity Claim, string? Answer)> ClaimAsync(
        TableClient table, string organizationId, string rowKey, string fingerprint, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var now = clock.GetUtcNow();
            var found = await table.GetEntityIfExistsAsync<TableEntity>(organizationId, rowKey, cancellationToken: ct);
            var existing = found.HasValue ? found.Value : null;
            if (existing is not null && existing.GetDateTimeOffset("ExpiresAt") > now)
            {
                if (existing.GetString("Fingerprint") != fingerprint)
                {
                    throw new IdempotencyKeyReusedException();
                }

                if (existing.GetString("Answer") is { } answer)
                {
                    return (existing, answer);
                }

                if (existing.GetDateTimeOffset("LeaseUntil") > now)
                {
                    throw new ConcurrencyConflictException($"A request with this {HeaderName} is still being processed: retry once it has finished.");
                }
            }

            var claim = new TableEntity(organizationId, rowKey)
            {
                ["Fingerprint"] = fingerprint,
                ["ClaimedAt"] = now,
                ["LeaseUntil"] = now + Lease,
                ["ExpiresAt"] = now + Retention,
            };
            try
            {
                var response = await TableWrites.AddOrReplaceAsync(table, claim, found, ct);
                claim.ETag = response.Headers.ETag!.Value;
                return (claim, null);
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412 && attempt < MaxClaimAttempts)
            {
                // Another request with this key claimed it first: look again, and answer as its repeat.
            }
        }
    }
}
