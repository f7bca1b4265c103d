namespace MazeVault.Alerts.Core.Channels.Teams;

/// <summary>How a Teams integration formats its message: Workflows Adaptive Card, or a legacy connector MessageCard by explicit choice.</summary>
public enum TeamsMessageFormat
{
    AdaptiveCard,
    MessageCard,
}
