namespace MazeVault.Alerts.Core.Access;

/// <summary>
/// Who may do what (with App Service Authentication on): Alerts.Admin everything in every organization; Alerts.Reader
/// reads and Alerts.Submitter submits, each only in the organizations granted to them.
/// </summary>
public sealed class AccessPolicy(AccessGrants grants)
{
    public async Task<AccessDecision> DecideAsync(AccessKind kind, string? organizationId, CallerPrincipal? caller, CancellationToken ct)
    {
        if (kind == AccessKind.Anonymous)
        {
            return AccessDecision.Allowed;
        }

        if (caller is null)
        {
            return AccessDecision.Unauthenticated;
        }

        if (caller.IsAdmin)
        {
            return AccessDecision.Allowed;
        }

        var hasRole = kind switch
        {
            AccessKind.Read => caller.Roles.Contains(AccessRoles.Reader),
            AccessKind.Submit => caller.Roles.Contains(AccessRoles.Submitter),
            _ => false,
        };
        if (!hasRole)
        {
            return AccessDecision.Forbidden;
        }

        // Routes without an organization (the email status) need the role alone.
        return organizationId is null || await grants.IsGrantedAsync(caller.Id, organizationId, ct)
            ? AccessDecision.Allowed
            : AccessDecision.Forbidden;
    }
}
