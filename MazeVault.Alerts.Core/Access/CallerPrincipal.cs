using System.Text;
using System.Text.Json;

namespace MazeVault.Alerts.Core.Access;

/// <summary>
/// The caller as App Service Authentication describes it in <c>X-MS-CLIENT-PRINCIPAL</c> (Base64 JSON of its claims). The
/// platform sets that header itself and drops any the client sent, so it can be trusted when authentication is on.
/// </summary>
public sealed record CallerPrincipal(string Id, string Name, IReadOnlySet<string> Roles)
{
    public const string HeaderName = "X-MS-CLIENT-PRINCIPAL";

    private static readonly string[] ObjectIdClaims = ["http://schemas.microsoft.com/identity/claims/objectidentifier", "oid"];

    /// <summary>A person's display name, else their sign-in name; a service (client credentials) has neither.</summary>
    private static readonly string[] NameClaims = ["name", "preferred_username", "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name"];

    /// <summary>Names longer than this are cut: the audit trail keeps what identifies, not what fills a row.</summary>
    private const int MaxNameLength = 200;

    /// <summary>The principal in the header, or null when it is missing, malformed or names no object id.</summary>
    public static CallerPrincipal? FromHeader(string? header)
    {
        if (string.IsNullOrWhiteSpace(header))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(header.Trim())));
            var root = document.RootElement;
            var roleType = root.TryGetProperty("role_typ", out var typ) && typ.ValueKind == JsonValueKind.String ? typ.GetString()! : "roles";
            var claims = root.TryGetProperty("claims", out var list) && list.ValueKind == JsonValueKind.Array
                ? list.EnumerateArray()
                    .Where(c => c.ValueKind == JsonValueKind.Object)
                    .Select(c => (Type: Text(c, "typ"), Value: Text(c, "val")))
                    .ToList()
                : [];
            var id = claims.FirstOrDefault(c => ObjectIdClaims.Contains(c.Type)).Value;
            var roles = claims.Where(c => c.Type == roleType || c.Type == "roles").Select(c => c.Value!).Where(v => v is not null).ToHashSet(StringComparer.Ordinal);
            if (string.IsNullOrWhiteSpace(id))
            {
                return null;
            }

            var name = NameClaims.Select(type => claims.FirstOrDefault(c => c.Type == type).Value).FirstOrDefault(v => !string.IsNullOrWhiteSpace(v)) ?? id;
            return new CallerPrincipal(id, name.Length > MaxNameLength ? name[..MaxNameLength] : name, roles);
        }
        catch (Exception e) when (e is FormatException or JsonException or InvalidOperationException)
        {
            return null;
        }
    }

    private static string? Text(JsonElement claim, string name) =>
        claim.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
