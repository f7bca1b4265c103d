using MazeVault.Alerts.Core.Access;

namespace MazeVault.Alerts.TestSupport;

/// <summary>
/// Who may call each HTTP function, stated here independently of the app's own table (FunctionAccess), so that a wrong
/// classification there fails the tests instead of being copied into their expectations. A new function needs a row.
/// </summary>
public static class ExpectedAccess
{
    public static IReadOnlyDictionary<string, AccessKind> Kinds { get; } = new Dictionary<string, AccessKind>(StringComparer.Ordinal)
    {
        ["Health"] = AccessKind.Anonymous,
        ["GetOpenApiDocument"] = AccessKind.Anonymous,
        ["GetConsole"] = AccessKind.Anonymous,
        ["ListIntegrations"] = AccessKind.Read,
        ["CreateIntegration"] = AccessKind.Admin,
        ["GetIntegration"] = AccessKind.Read,
        ["UpdateIntegration"] = AccessKind.Admin,
        ["DeleteIntegration"] = AccessKind.Admin,
        ["ListIncidentContacts"] = AccessKind.Read,
        ["CreateIncidentContact"] = AccessKind.Admin,
        ["UpdateIncidentContact"] = AccessKind.Admin,
        ["DeleteIncidentContact"] = AccessKind.Admin,
        ["UpsertCertificate"] = AccessKind.Submit,
        ["UpsertRotationConfig"] = AccessKind.Submit,
        ["ImportInventory"] = AccessKind.Submit,
        ["GetWeeklyReportRecipients"] = AccessKind.Read,
        ["PreviewWeeklyReport"] = AccessKind.Read,
        ["ReplaceWeeklyReportRecipients"] = AccessKind.Admin,
        ["GetRecipientPolicy"] = AccessKind.Read,
        ["ReplaceRecipientPolicy"] = AccessKind.Admin,
        ["GetAlertPolicy"] = AccessKind.Read,
        ["ReplaceAlertPolicy"] = AccessKind.Admin,
        ["ListSnoozes"] = AccessKind.Read,
        ["SnoozeResource"] = AccessKind.Admin,
        ["EndSnooze"] = AccessKind.Admin,
        ["TestIntegration"] = AccessKind.Admin,
        ["EmailStatus"] = AccessKind.Read,
        ["CreateIncident"] = AccessKind.Submit,
        ["ReportRotationExecution"] = AccessKind.Submit,
        ["DeliveryHistory"] = AccessKind.Read,
        ["GetDelivery"] = AccessKind.Read,
        ["ExplainRouting"] = AccessKind.Read,
        ["ListAuditEvents"] = AccessKind.Read,
        ["SendWeeklyReport"] = AccessKind.Admin,
        ["GetCallerProfile"] = AccessKind.Caller,
        ["ListChannels"] = AccessKind.Caller,
        ["ResealSecrets"] = AccessKind.PlatformAdmin,
        ["ListAccessGrants"] = AccessKind.PlatformAdmin,
        ["GrantOrganization"] = AccessKind.PlatformAdmin,
        ["RevokeOrganization"] = AccessKind.PlatformAdmin,
        ["CreateApiKey"] = AccessKind.PlatformAdmin,
        ["ListApiKeys"] = AccessKind.PlatformAdmin,
        ["RevokeApiKey"] = AccessKind.PlatformAdmin,
        ["ListPlatformAuditEvents"] = AccessKind.PlatformAdmin,
    };

    /// <summary>Whether a caller whose role is <paramref name="role"/> in <paramref name="callerOrganization"/> may call a function of <paramref name="kind"/> on <paramref name="routeOrganization"/> (null: a route without one).</summary>
    public static bool Allows(OrganizationRole? role, string? callerOrganization, AccessKind kind, string? routeOrganization) => kind switch
    {
        AccessKind.Anonymous => true,
        AccessKind.PlatformAdmin => false,
        _ when role is null => false,
        AccessKind.Caller => true,
        AccessKind.Read => role is OrganizationRole.Reader or OrganizationRole.Admin && (routeOrganization is null || routeOrganization == callerOrganization),
        AccessKind.Submit => role is OrganizationRole.Submitter or OrganizationRole.Admin && routeOrganization == callerOrganization,
        AccessKind.Admin => role is OrganizationRole.Admin && routeOrganization == callerOrganization,
        _ => false,
    };
}
