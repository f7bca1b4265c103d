using MazeVault.Alerts.Core.Access;
using Microsoft.AspNetCore.Http;

namespace MazeVault.Alerts.Functions.Http;

/// <summary>
/// What each HTTP function does, for the access policy: GET routes read, the vault service's routes submit, the rest
/// (configuration, tests, report sends, grants, re-seal) need Alerts.Admin. A function not named here is admin-only.
/// </summary>
public static class FunctionAccess
{
    private static readonly Dictionary<string, AccessKind> Named = new(StringComparer.Ordinal)
    {
        ["Health"] = AccessKind.Anonymous,
        // The contract is public: it names routes and shapes, never data.
        ["GetOpenApiDocument"] = AccessKind.Anonymous,
        ["CreateIncident"] = AccessKind.Submit,
        ["ReportRotationExecution"] = AccessKind.Submit,
        ["UpsertCertificate"] = AccessKind.Submit,
        ["UpsertRotationConfig"] = AccessKind.Submit,
        ["ImportInventory"] = AccessKind.Submit,
        // Reads, but of who may see which organization: admins only.
        ["ListAccessGrants"] = AccessKind.Admin,
    };

    public static AccessKind Of(string functionName, string method) =>
        Named.TryGetValue(functionName, out var kind) ? kind
            : HttpMethods.IsGet(method) ? AccessKind.Read
            : AccessKind.Admin;
}
