namespace MazeVault.Alerts.Core.Channels;

/// <summary>A destination's documented limit: at most <see cref="Requests"/> messages per <see cref="Per"/>.</summary>
public sealed record PacingRate(int Requests, TimeSpan Per)
{
    public static PacingRate PerSecond(int requests) => new(requests, TimeSpan.FromSeconds(1));

    public static PacingRate PerMinute(int requests) => new(requests, TimeSpan.FromMinutes(1));
}
