using MazeVault.Alerts.Core.Access;

namespace MazeVault.Alerts.Functions.Http;

/// <summary>
/// What each HTTP function does, for the access policy, named one by one: a function missing here is refused to everyone
/// (deny by default), and a test fails the build's functions.metadata against this table. A function whose route names no
/// organization is platform-admin only unless it says here why every role may reach it.
/// </summary>
public static class FunctionAccess
{
    private static readonly Dictionary<string, AccessKind> Kinds = new(StringComparer.Ordinal)
    {
        ["Health"] = AccessKind.Anonymous,
        // The contract is public: it names routes and shapes, never data.
        ["GetOpenApiDocument"] = AccessKind.Anonymous,
        // Static files; the console calls the API with the operator's own credentials.
        ["GetConsole"] = AccessKind.Anonymous,

        ["ListIntegrations"] = AccessKind.Read,
        ["GetIntegration"] = AccessKind.Read,
        ["CreateIntegration"] = AccessKind.Admin,
        ["UpdateIntegration"] = AccessKind.Admin,
        ["DeleteIntegration"] = AccessKind.Admin,
        ["TestIntegration"] = AccessKind.Admin,
        ["ListIncidentContacts"] = AccessKind.Read,
        ["CreateIncidentContact"] = AccessKind.Admin,
        ["UpdateIncidentContact"] = AccessKind.Admin,
        ["DeleteIncidentContact"] = AccessKind.Admin,
        ["GetWeeklyReportRecipients"] = AccessKind.Read,
        ["PreviewWeeklyReport"] = AccessKind.Read,
        ["ReplaceWeeklyReportRecipients"] = AccessKind.Admin,
        ["GetRecipientPolicy"] = AccessKind.Read,
        ["ReplaceRecipientPolicy"] = AccessKind.Admin,
        ["SendWeeklyReport"] = AccessKind.Admin,
        ["GetAlertPolicy"] = AccessKind.Read,
        ["ReplaceAlertPolicy"] = AccessKind.Admin,
        ["ListSnoozes"] = AccessKind.Read,
        ["SnoozeResource"] = AccessKind.Admin,
        ["EndSnooze"] = AccessKind.Admin,
        ["DeliveryHistory"] = AccessKind.Read,
        ["GetDelivery"] = AccessKind.Read,
        // A question about the configuration: it sends and writes nothing.
        ["ExplainRouting"] = AccessKind.Read,
        ["ListAuditEvents"] = AccessKind.Read,

        // What the vault service sends.
        ["CreateIncident"] = AccessKind.Submit,
        ["ReportRotationExecution"] = AccessKind.Submit,
        ["UpsertCertificate"] = AccessKind.Submit,
        ["UpsertRotationConfig"] = AccessKind.Submit,
        ["ImportInventory"] = AccessKind.Submit,

        ["EmailStatus"] = AccessKind.Read,

        // Across organizations.
        // About the caller itself.
        ["GetCallerProfile"] = AccessKind.Caller,
        ["ListChannels"] = AccessKind.Caller,

        ["ResealSecrets"] = AccessKind.PlatformAdmin,
        ["ListAccessGrants"] = AccessKind.PlatformAdmin,
        ["GrantOrganization"] = AccessKind.PlatformAdmin,
        ["RevokeOrganization"] = AccessKind.PlatformAdmin,
        ["ListApiKeys"] = AccessKind.PlatformAdmin,
        ["CreateApiKey"] = AccessKind.PlatformAdmin,
        ["RevokeApiKey"] = AccessKind.PlatformAdmin,
        ["ListPlatformAuditEvents"] = AccessKind.PlatformAdmin,
    };

    /// <summary>Functions whose route has no {organizationId} and that are not platform-admin only, each with its reason.</summary>
    public static IReadOnlyDictionary<string, string> WithoutOrganization { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Health"] = "a probe: says the app runs, nothing about any organization",
        ["GetOpenApiDocument"] = "the public contract: routes and shapes, no data",
        ["GetConsole"] = "the operator console's static files, no data",
        ["EmailStatus"] = "the app's email transport, shared by every organization; no organization data",
        ["GetCallerProfile"] = "the caller's own identity and organizations, nobody else's",
        ["ListChannels"] = "the channel types and the settings each declares, the same for everyone; no data",
    };

    /// <summary>The function's kind, or null when it is not classified (and so refused).</summary>
    public static AccessKind? Of(string functionName) => Kinds.TryGetValue(functionName, out var kind) ? kind : null;

    public static IReadOnlyCollection<string> Classified => Kinds.Keys;
}
