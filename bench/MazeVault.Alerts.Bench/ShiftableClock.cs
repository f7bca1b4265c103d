namespace MazeVault.Alerts.Bench;

/// <summary>The clock the engine reads, moved a day forward between repetitions.</summary>
internal sealed class ShiftableClock : TimeProvider
{
    private TimeSpan _offset;
    public void Advance(TimeSpan by) => _offset += by;
    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + _offset;
}
