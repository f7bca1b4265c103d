using MazeVault.Alerts.Core.Access;
using MazeVault.Alerts.Functions.Http;

namespace MazeVault.Alerts.Functions.Tests;

/// <summary>
/// Deny by default, checked against what the build produced: every HTTP function in functions.metadata is classified with
/// the kind the tests' own table states (ExpectedAccess), and none reaches beyond an organization
/// unless it is platform-admin only or listed with its reason.
/// </summary>
public sealed class FunctionAccessTests
{
    private static IEnumerable<(string Name, string Route)> BuiltHttpFunctions() =>
        from function in FunctionsMetadataTests.Metadata.Value.Values
        from binding in function.GetProperty("bindings").EnumerateArray()
        where binding.GetProperty("type").GetString() == "httpTrigger"
        select (function.GetProperty("name").GetString()!, binding.GetProperty("route").GetString()!);

    public static TheoryData<string, AccessKind> Rows()
    {
        var rows = new TheoryData<string, AccessKind>();
        foreach (var (name, kind) in ExpectedAccess.Kinds)
        {
            rows.Add(name, kind);
        }

        return rows;
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public void Each_http_function_has_its_access_kind(string function, AccessKind expected) =>
        Assert.Equal(expected, FunctionAccess.Of(function));

    [Fact]
    public void Every_built_http_function_has_an_expected_access_and_every_expectation_a_function()
    {
        var built = BuiltHttpFunctions().Select(f => f.Name).Order().ToList();

        Assert.Equal(built, ExpectedAccess.Kinds.Keys.Order().ToList());
    }

    [Fact]
    public void Every_built_http_function_is_classified()
    {
        var unclassified = BuiltHttpFunctions().Where(f => FunctionAccess.Of(f.Name) is null).Select(f => f.Name).ToList();

        Assert.True(unclassified.Count == 0, $"Not in FunctionAccess (refused to everyone until classified): {string.Join(", ", unclassified)}");
    }

    [Fact]
    public void A_route_without_an_organization_is_platform_admin_only_unless_listed_with_a_reason()
    {
        var open = BuiltHttpFunctions()
            .Where(f => !f.Route.Contains("{organizationId}", StringComparison.Ordinal) && FunctionAccess.Of(f.Name) != AccessKind.PlatformAdmin)
            .Where(f => !FunctionAccess.WithoutOrganization.TryGetValue(f.Name, out var reason) || string.IsNullOrWhiteSpace(reason))
            .Select(f => $"{f.Name} ({f.Route})")
            .ToList();

        Assert.True(open.Count == 0, $"Routes that reach across organizations without a reason: {string.Join(", ", open)}");
        Assert.All(FunctionAccess.WithoutOrganization.Keys, name => Assert.Contains(name, BuiltHttpFunctions().Select(f => f.Name)));
    }

    [Fact]
    public void A_function_nobody_classified_is_refused() => Assert.Null(FunctionAccess.Of("GetDeliveryById"));
}
