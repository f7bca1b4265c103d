using MazeVault.Alerts.Core.Access;
using MazeVault.Alerts.Functions.Http;

namespace MazeVault.Alerts.Functions.Tests;

/// <summary>Every HTTP function has the access kind its purpose needs; a new function is admin-only until named.</summary>
public sealed class FunctionAccessTests
{
    public static TheoryData<string, string, AccessKind> Rows()
    {
        var rows = new TheoryData<string, string, AccessKind>();
        string[] anonymous = ["Health", "GetOpenApiDocument"];
        string[] submit = ["CreateIncident", "ReportRotationExecution", "UpsertCertificate", "UpsertRotationConfig", "ImportInventory"];
        foreach (var function in FunctionsMetadataTests.Expected.Where(f => f.Trigger == "httpTrigger"))
        {
            var method = function.Methods!.Single();
            var expected = anonymous.Contains(function.Name) ? AccessKind.Anonymous
                : submit.Contains(function.Name) ? AccessKind.Submit
                : method == "get" && function.Name != "ListAccessGrants" ? AccessKind.Read
                : AccessKind.Admin;
            rows.Add(function.Name, method, expected);
        }

        return rows;
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public void Each_http_function_has_its_access_kind(string function, string method, AccessKind expected) =>
        Assert.Equal(expected, FunctionAccess.Of(function, method.ToUpperInvariant()));

    [Fact]
    public void An_unknown_function_that_writes_is_admin_only() => Assert.Equal(AccessKind.Admin, FunctionAccess.Of("SomethingNew", "POST"));
}
