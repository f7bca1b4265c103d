using MazeVault.Alerts.Core.Access;
using MazeVault.Alerts.Core.Tests.Storage;

namespace MazeVault.Alerts.Core.Tests.Access;

/// <summary>The policy over real grants in Azurite.</summary>
public sealed class AccessPolicyTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private readonly AccessGrants _grants = new(new AzuriteStorage(azurite).Tables, TimeProvider.System);

    [Theory]
    [InlineData(AccessKind.Read, AccessRoles.Reader, true, AccessDecision.Allowed)]
    [InlineData(AccessKind.Read, AccessRoles.Reader, false, AccessDecision.Forbidden)]
    [InlineData(AccessKind.Submit, AccessRoles.Reader, true, AccessDecision.Forbidden)]
    [InlineData(AccessKind.Submit, AccessRoles.Submitter, true, AccessDecision.Allowed)]
    [InlineData(AccessKind.Submit, AccessRoles.Submitter, false, AccessDecision.Forbidden)]
    [InlineData(AccessKind.Read, AccessRoles.Submitter, true, AccessDecision.Forbidden)]
    [InlineData(AccessKind.Admin, AccessRoles.Reader, true, AccessDecision.Forbidden)]
    [InlineData(AccessKind.Admin, AccessRoles.Admin, false, AccessDecision.Allowed)]
    [InlineData(AccessKind.Read, AccessRoles.Admin, false, AccessDecision.Allowed)]
    public async Task Roles_and_organization_grants_decide(AccessKind kind, string role, bool granted, AccessDecision expected)
    {
        var principal = "p-" + Guid.NewGuid().ToString("N")[..8];
        var organization = AzuriteStorage.NewOrganization();
        if (granted)
        {
            Assert.True(await _grants.GrantAsync(principal, organization, CancellationToken.None));
        }

        var decision = await new AccessPolicy(_grants).DecideAsync(kind, organization, new CallerPrincipal(principal, new HashSet<string> { role }), CancellationToken.None);

        Assert.Equal(expected, decision);
    }

    [Fact]
    public async Task No_caller_is_unauthenticated_except_for_anonymous_routes()
    {
        var policy = new AccessPolicy(_grants);

        Assert.Equal(AccessDecision.Unauthenticated, await policy.DecideAsync(AccessKind.Read, "org", null, CancellationToken.None));
        Assert.Equal(AccessDecision.Allowed, await policy.DecideAsync(AccessKind.Anonymous, null, null, CancellationToken.None));
    }

    [Fact]
    public async Task Grants_are_listed_revoked_and_a_second_grant_is_not_new()
    {
        var principal = "p-" + Guid.NewGuid().ToString("N")[..8];

        Assert.True(await _grants.GrantAsync(principal, "org-a", CancellationToken.None));
        Assert.False(await _grants.GrantAsync(principal, "org-a", CancellationToken.None));
        Assert.True(await _grants.GrantAsync(principal, "org-b", CancellationToken.None));
        Assert.Equal(["org-a", "org-b"], await _grants.OrganizationsOfAsync(principal, CancellationToken.None).ToListAsync());

        Assert.True(await _grants.RevokeAsync(principal, "org-a", CancellationToken.None));
        Assert.False(await _grants.RevokeAsync(principal, "org-a", CancellationToken.None));
        Assert.False(await _grants.IsGrantedAsync(principal, "org-a", CancellationToken.None));
        Assert.True(await _grants.IsGrantedAsync(principal, "org-b", CancellationToken.None));
    }
}
