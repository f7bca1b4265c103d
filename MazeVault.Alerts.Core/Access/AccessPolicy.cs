namespace MazeVault.Alerts.Core.Access;

/// <summary>
/// Who may do what. Platform admins (Entra app role Alerts.Admin, an admin key for every organization, the bootstrap key,
/// and everyone in local mode) may do everything. Everyone else acts only in the organizations granted to them, as the role
/// of that grant or key allows; an Entra grant without a role lets the principal's Alerts.Reader and Alerts.Submitter app
/// roles act there, as grants did before roles per organization.
/// </summary>
public sealed class AccessPolicy(AccessGrants grants)
{
    public async Task<AccessDecision> DecideAsync(AccessKind kind, string? organizationId, Caller? caller, CancellationToken ct)
    {
        if (kind == AccessKind.Anonymous)
        {
            return AccessDecision.Allowed;
        }

        if (caller is null)
        {
            return AccessDecision.Unauthenticated;
        }

        if (caller.IsPlatformAdmin || kind == AccessKind.Caller)
        {
            return AccessDecision.Allowed;
        }

        if (kind == AccessKind.PlatformAdmin)
        {
            return AccessDecision.Forbidden;
        }

        var allowed = organizationId is null
            ? await AllowsAnywhereAsync(kind, caller, ct)
            : await AllowsInAsync(kind, organizationId, caller, ct);
        return allowed ? AccessDecision.Allowed : AccessDecision.Forbidden;
    }

    private async Task<bool> AllowsInAsync(AccessKind kind, string organizationId, Caller caller, CancellationToken ct)
    {
        if (caller.Key is { } key)
        {
            return key.Covers(organizationId) && OrganizationRoles.Allows(key.Role, kind);
        }

        return await grants.FindAsync(caller.Id, organizationId, ct) is { } grant && Allows(caller, grant, kind);
    }

    /// <summary>Routes that name no organization (the email status): the role must allow the kind in some organization.</summary>
    private async Task<bool> AllowsAnywhereAsync(AccessKind kind, Caller caller, CancellationToken ct)
    {
        if (caller.Key is { } key)
        {
            return OrganizationRoles.Allows(key.Role, kind);
        }

        await foreach (var grant in grants.ListAsync(caller.Id, ct))
        {
            if (Allows(caller, grant, kind))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Allows(Caller caller, AccessGrant grant, AccessKind kind) => grant.Role is { } role
        ? OrganizationRoles.Allows(role, kind)
        : kind switch
        {
            AccessKind.Read => caller.AppRoles.Contains(AccessRoles.Reader),
            AccessKind.Submit => caller.AppRoles.Contains(AccessRoles.Submitter),
            _ => false,
        };
}
