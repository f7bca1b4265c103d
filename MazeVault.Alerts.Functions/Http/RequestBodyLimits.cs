using Microsoft.AspNetCore.Http;

namespace MazeVault.Alerts.Functions.Http;

/// <summary>
/// The largest request body each HTTP function accepts, named one by one (docs/api.md, "Request body limits"; the OpenAPI
/// document's <c>x-max-body-bytes</c>). The access middleware refuses a larger declared <c>Content-Length</c> before the
/// function runs and hands the limit to <see cref="ApiJson"/>, which stops reading a body without one (chunked) as soon
/// as it passes the limit: either way 413, and nothing is read past the limit or written.
/// </summary>
public static class RequestBodyLimits
{
    /// <summary>Routes that read no body, and small commands: a body is never needed past this.</summary>
    public const int Small = 16 * 1024;

    /// <summary>One resource: an integration's settings, a certificate, a rotation config with up to 50 addresses, an incident.</summary>
    public const int Document = 64 * 1024;

    /// <summary>The bulk inventory import, the largest legitimate body.</summary>
    public const int Import = 4 * 1024 * 1024;

    private const string ItemKey = "MazeVault.RequestBodyLimit";

    private static readonly Dictionary<string, int> Limits = new(StringComparer.Ordinal)
    {
        ["ImportInventory"] = Import,

        ["CreateIntegration"] = Document,
        ["UpdateIntegration"] = Document,
        ["UpsertCertificate"] = Document,
        ["UpsertRotationConfig"] = Document,
        ["ReplaceWeeklyReportRecipients"] = Document,
        ["ReplaceAlertPolicy"] = Document,
        ["ReplaceRecipientPolicy"] = Document,
        ["CreateIncident"] = Document,

        ["CreateIncidentContact"] = Small,
        ["UpdateIncidentContact"] = Small,
        ["SnoozeResource"] = Small,
        ["ReportRotationExecution"] = Small,
        ["TestIntegration"] = Small,
        ["SendWeeklyReport"] = Small,
        ["ExplainRouting"] = Small,
        ["ResealSecrets"] = Small,
        ["GrantOrganization"] = Small,
        ["CreateApiKey"] = Small,

        // These read no body.
        ["Health"] = Small,
        ["GetOpenApiDocument"] = Small,
        ["GetConsole"] = Small,
        ["ListIntegrations"] = Small,
        ["GetIntegration"] = Small,
        ["DeleteIntegration"] = Small,
        ["ListIncidentContacts"] = Small,
        ["DeleteIncidentContact"] = Small,
        ["GetWeeklyReportRecipients"] = Small,
        ["GetAlertPolicy"] = Small,
        ["GetRecipientPolicy"] = Small,
        ["PreviewWeeklyReport"] = Small,
        ["ListSnoozes"] = Small,
        ["EndSnooze"] = Small,
        ["EmailStatus"] = Small,
        ["DeliveryHistory"] = Small,
        ["GetDelivery"] = Small,
        ["ListAuditEvents"] = Small,
        ["ListAccessGrants"] = Small,
        ["RevokeOrganization"] = Small,
        ["ListApiKeys"] = Small,
        ["RevokeApiKey"] = Small,
        ["ListPlatformAuditEvents"] = Small,
        ["GetCallerProfile"] = Small,
        ["ListChannels"] = Small,
    };

    /// <summary>The function's limit in bytes, or null when it declares none (a test keeps every HTTP function declared).</summary>
    public static int? Of(string functionName) => Limits.TryGetValue(functionName, out var limit) ? limit : null;

    /// <summary>Marks the request with its function's limit, for <see cref="ApiJson"/>.</summary>
    public static void Apply(HttpContext http, int limit) => http.Items[ItemKey] = limit;

    /// <summary>
    /// The limit the middleware marked the request with; the largest of all for a function called without the middleware
    /// (the Functions tests' harness), which still never reads past it.
    /// </summary>
    public static int For(HttpRequest request) => request.HttpContext.Items.TryGetValue(ItemKey, out var limit) && limit is int bytes ? bytes : Import;
}
