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
        Assert.False(principal.IsAdmin);
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
