using System.Text;
using MazeVault.Alerts.Core.Access;
using MazeVault.Alerts.Core.Tests.Storage;

namespace MazeVault.Alerts.Core.Tests.Access;

/// <summary>The policy over real grants and keys in Azurite: every kind of caller against every kind of operation.</summary>
public sealed class AccessPolicyTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const string Granted = "org-granted";
    private const string Other = "org-other";
    private readonly AccessGrants _grants = new(new AzuriteStorage(azurite).Tables, TimeProvider.System);
    private readonly ApiKeyStore _keys = new(new AzuriteStorage(azurite).Tables, TimeProvider.System);

    // caller: an Entra principal with app roles (legacy grant, no role) or a grant role, or an API key of a role.
    public static TheoryData<string, AccessKind, string, AccessDecision> Rows() => new()
    {
        // A grant without a role: the app roles act in the granted organization, as before roles per organization.
        { "entra:Alerts.Reader", AccessKind.Read, Granted, AccessDecision.Allowed },
        { "entra:Alerts.Reader", AccessKind.Read, Other, AccessDecision.Forbidden },
        { "entra:Alerts.Reader", AccessKind.Submit, Granted, AccessDecision.Forbidden },
        { "entra:Alerts.Reader", AccessKind.Admin, Granted, AccessDecision.Forbidden },
        { "entra:Alerts.Submitter", AccessKind.Submit, Granted, AccessDecision.Allowed },
        { "entra:Alerts.Submitter", AccessKind.Read, Granted, AccessDecision.Forbidden },
        { "entra:", AccessKind.Read, Granted, AccessDecision.Forbidden },
        // A grant with a role: that role there, whatever the app roles.
        { "entra-role:admin", AccessKind.Admin, Granted, AccessDecision.Allowed },
        { "entra-role:admin", AccessKind.Read, Granted, AccessDecision.Allowed },
        { "entra-role:admin", AccessKind.Submit, Granted, AccessDecision.Allowed },
        { "entra-role:admin", AccessKind.Admin, Other, AccessDecision.Forbidden },
        { "entra-role:admin", AccessKind.PlatformAdmin, null!, AccessDecision.Forbidden },
        { "entra-role:reader", AccessKind.Read, Granted, AccessDecision.Allowed },
        { "entra-role:reader", AccessKind.Admin, Granted, AccessDecision.Forbidden },
        { "entra-role:reader", AccessKind.Read, null!, AccessDecision.Allowed },
        { "entra-role:submitter", AccessKind.Read, null!, AccessDecision.Forbidden },
        // API keys: their role in their organizations only.
        { "key:reader", AccessKind.Read, Granted, AccessDecision.Allowed },
        { "key:reader", AccessKind.Read, Other, AccessDecision.Forbidden },
        { "key:reader", AccessKind.Submit, Granted, AccessDecision.Forbidden },
        { "key:reader", AccessKind.Admin, Granted, AccessDecision.Forbidden },
        { "key:reader", AccessKind.Read, null!, AccessDecision.Allowed },
        { "key:submitter", AccessKind.Submit, Granted, AccessDecision.Allowed },
        { "key:submitter", AccessKind.Submit, Other, AccessDecision.Forbidden },
        { "key:submitter", AccessKind.Read, Granted, AccessDecision.Forbidden },
        { "key:submitter", AccessKind.Read, null!, AccessDecision.Forbidden },
        { "key:admin", AccessKind.Admin, Granted, AccessDecision.Allowed },
        { "key:admin", AccessKind.Admin, Other, AccessDecision.Forbidden },
        { "key:admin", AccessKind.PlatformAdmin, null!, AccessDecision.Forbidden },
        // Platform admins.
        { "key:platform", AccessKind.PlatformAdmin, null!, AccessDecision.Allowed },
        { "key:platform", AccessKind.Admin, Other, AccessDecision.Allowed },
        { "entra:Alerts.Admin", AccessKind.PlatformAdmin, null!, AccessDecision.Allowed },
        { "entra:Alerts.Admin", AccessKind.Admin, Other, AccessDecision.Allowed },
        { "bootstrap", AccessKind.PlatformAdmin, null!, AccessDecision.Allowed },
        { "local", AccessKind.PlatformAdmin, null!, AccessDecision.Allowed },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public async Task Each_caller_may_do_what_its_role_allows_in_its_organizations(string caller, AccessKind kind, string? organization, AccessDecision expected)
    {
        var decision = await new AccessPolicy(_grants).DecideAsync(kind, organization, await CallerAsync(caller), CancellationToken.None);

        Assert.Equal(expected, decision);
    }

    [Fact]
    public async Task Nobody_is_unauthenticated_except_on_anonymous_operations()
    {
        var policy = new AccessPolicy(_grants);

        Assert.Equal(AccessDecision.Unauthenticated, await policy.DecideAsync(AccessKind.Read, "org", null, CancellationToken.None));
        Assert.Equal(AccessDecision.Allowed, await policy.DecideAsync(AccessKind.Anonymous, null, null, CancellationToken.None));
    }

    [Fact]
    public async Task Grants_are_listed_with_their_roles_replaced_and_revoked()
    {
        var principal = "p-" + Guid.NewGuid().ToString("N")[..8];

        Assert.True(await _grants.GrantAsync(principal, "org-a", null, CancellationToken.None));
        Assert.False(await _grants.GrantAsync(principal, "org-a", new AccessGrantInput { Role = "admin" }, CancellationToken.None));
        Assert.True(await _grants.GrantAsync(principal, "org-b", new AccessGrantInput { Role = "reader" }, CancellationToken.None));
        Assert.Equal([new AccessGrant("org-a", OrganizationRole.Admin), new AccessGrant("org-b", OrganizationRole.Reader)],
            await _grants.ListAsync(principal, CancellationToken.None).ToListAsync());
        // A grant again without a role goes back to the app roles.
        Assert.False(await _grants.GrantAsync(principal, "org-b", null, CancellationToken.None));
        Assert.Equal(new AccessGrant("org-b", null), await _grants.FindAsync(principal, "org-b", CancellationToken.None));

        Assert.True(await _grants.RevokeAsync(principal, "org-a", CancellationToken.None));
        Assert.False(await _grants.RevokeAsync(principal, "org-a", CancellationToken.None));
        Assert.Null(await _grants.FindAsync(principal, "org-a", CancellationToken.None));
    }

    [Theory]
    [InlineData("owner")]
    [InlineData("Admin")]
    [InlineData("")]
    public async Task A_grant_with_an_unknown_role_is_refused_naming_the_field(string role)
    {
        var error = await Assert.ThrowsAsync<Validation.ValidationException>(() =>
            _grants.GrantAsync("p-1", "org-a", new AccessGrantInput { Role = role }, CancellationToken.None));

        Assert.Equal("role", Assert.Single(error.Errors).Field);
    }

    private async Task<Caller> CallerAsync(string caller)
    {
        var (type, argument) = caller.Contains(':') ? (caller[..caller.IndexOf(':')], caller[(caller.IndexOf(':') + 1)..]) : (caller, "");
        var principal = "p-" + Guid.NewGuid().ToString("N")[..8];
        switch (type)
        {
            case "entra":
                await _grants.GrantAsync(principal, Granted, null, CancellationToken.None);
                return Caller.Of(new CallerPrincipal(principal, principal, argument.Length == 0 ? new HashSet<string>() : new HashSet<string> { argument }));
            case "entra-role":
                await _grants.GrantAsync(principal, Granted, new AccessGrantInput { Role = argument }, CancellationToken.None);
                return Caller.Of(new CallerPrincipal(principal, principal, new HashSet<string> { AccessRoles.Reader, AccessRoles.Submitter }));
            case "key":
                var input = argument == "platform"
                    ? new ApiKeyInput { Name = "platform", Role = "admin", Organizations = [ApiKey.AllOrganizations] }
                    : new ApiKeyInput { Name = argument, Role = argument, Organizations = [Granted] };
                var issued = await _keys.CreateAsync(input, "test", CancellationToken.None);
                return Caller.Of((await _keys.AuthenticateAsync(issued.Secret!, CancellationToken.None))!);
            case "bootstrap":
                return Caller.BootstrapKey;
            default:
                return Caller.Local;
        }
    }
}
