using MazeVault.Alerts.Core.Storage;

namespace MazeVault.Alerts.Core.Access;

/// <summary>Builds a caller's <see cref="CallerProfile"/> from its key, its grants, or (platform admins) the organization registry.</summary>
public sealed class CallerProfiles(AccessGrants grants, OrganizationRegistry registry)
{
    /// <summary>A platform admin's list stops here: the console takes a typed id beyond it.</summary>
    public const int MaxOrganizations = 500;

    public async Task<CallerProfile> DescribeAsync(Caller caller, CancellationToken ct)
    {
        IReadOnlyList<AccessGrant> organizations = caller switch
        {
            { IsPlatformAdmin: true } => await registry.ListAsync(ct).Take(MaxOrganizations).Select(o => new AccessGrant(o, OrganizationRole.Admin)).ToListAsync(ct),
            { Key: { } key } => key.Organizations.Select(o => new AccessGrant(o, key.Role)).ToList(),
            _ => await grants.ListAsync(caller.Id, ct).Select(g => g with { Role = g.Role ?? FromAppRoles(caller) }).Where(g => g.Role is not null).ToListAsync(ct),
        };
        return new CallerProfile(caller.Kind, caller.Id, caller.Name, caller.IsPlatformAdmin, organizations);
    }

    /// <summary>What a grant without a role allows, as the policy reads it: the app roles, read before submit.</summary>
    private static OrganizationRole? FromAppRoles(Caller caller) =>
        caller.AppRoles.Contains(AccessRoles.Reader) ? OrganizationRole.Reader
        : caller.AppRoles.Contains(AccessRoles.Submitter) ? OrganizationRole.Submitter
        : null;
}
