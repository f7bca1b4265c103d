namespace MazeVault.Alerts.Core.Storage;

/// <summary>What <see cref="WindowCounter"/> did with a use: counted it, or refused it (the window's first refusal told apart).</summary>
public enum WindowTake
{
    Taken,
    Refused,
    FirstRefused,
}
