namespace MazeVault.Alerts.Core.Integrations;

/// <summary>The kinds of notification integration an organization can configure (spec 2.2).</summary>
public enum IntegrationType
{
    Jira,
    Teams,
    Slack,
    Webhook,
    Email,
}

/// <summary>How a Teams integration formats its message: Workflows Adaptive Card, or a legacy connector MessageCard by explicit choice.</summary>
public enum TeamsMessageFormat
{
    AdaptiveCard,
    MessageCard,
}
