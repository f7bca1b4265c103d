namespace MazeVault.Alerts.Core.Pacing;

/// <summary>
/// One destination's row in table <c>Pacing</c>: the first free send slot, the end of a vendor's pause (429) and which
/// integration's send caused it (for operators), with the ETag the row was read with.
/// </summary>
internal sealed record PacingState(DateTimeOffset NextSlot, DateTimeOffset? PausedUntil, string? PausedBy, string? ETag);
