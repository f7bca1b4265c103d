namespace MazeVault.Alerts.TestSupport;

/// <summary>A request <see cref="AzuriteTableProxy"/> holds: <see cref="Arrived"/> once it is there, forwarded on <see cref="Release"/>.</summary>
public sealed class HeldRequest
{
    private readonly TaskCompletionSource _arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Arrived => _arrived.Task;

    public void Release() => _released.TrySetResult();

    internal Task WaitAsync()
    {
        _arrived.TrySetResult();
        return _released.Task;
    }
}
