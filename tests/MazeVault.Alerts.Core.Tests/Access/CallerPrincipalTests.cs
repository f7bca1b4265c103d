using System.Text;
using MazeVault.Alerts.Core.Access;

namespace MazeVault.Alerts.Core.Tests.Access;

public sealed class CallerPrincipalTests
{
    private static string Header(string json) => Convert.ToBase64String(Encoding.UTF8.GetBytes(json));

    [Fact]
    public void The_object_id_and_roles_are_read_from_the_claims_with_the_role_type_the_platform_names()
    {
        var header = Header("""
            {"auth_typ":"aad","name_typ":"name","role_typ":"http://schemas.microsoft.com/ws/2008/06/identity/claims/role",
             "claims":[{"typ":"http://schemas.microsoft.com/identity/claims/objectidentifier","val":"sp-1"},
                       {"typ":"http://schemas.microsoft.com/ws/2008/06/identity/claims/role","val":"Alerts.Reader"},
                       {"typ":"roles","val":"Alerts.Submitter"},{"typ":"aud","val":"api://x"}]}
            """);

        var principal = CallerPrincipal.FromHeader(header)!;

        Assert.Equal("sp-1", principal.Id);
        Assert.Equal(["Alerts.Reader", "Alerts.Submitter"], principal.Roles.Order());
        // A service with client credentials has no name claim: it is named by its object id.
        Assert.Equal("sp-1", principal.Name);
    }

    [Fact]
    public void A_person_is_named_by_the_name_claim_else_the_sign_in_name()
    {
        var named = Header("""{"claims":[{"typ":"oid","val":"u-1"},{"typ":"preferred_username","val":"ana@contoso.com"},{"typ":"name","val":"Ana Novak"}]}""");
        var unnamed = Header("""{"claims":[{"typ":"oid","val":"u-2"},{"typ":"preferred_username","val":"bo@contoso.com"}]}""");

        Assert.Equal("Ana Novak", CallerPrincipal.FromHeader(named)!.Name);
        Assert.Equal("bo@contoso.com", CallerPrincipal.FromHeader(unnamed)!.Name);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not base64!")]
    [InlineData("bm90IGpzb24=")]
    public void A_missing_or_malformed_header_is_no_principal(string? header) => Assert.Null(CallerPrincipal.FromHeader(header));

    [Fact]
    public void A_principal_without_an_object_id_is_no_principal() =>
        Assert.Null(CallerPrincipal.FromHeader(Header("""{"claims":[{"typ":"roles","val":"Alerts.Admin"}]}""")));
}
