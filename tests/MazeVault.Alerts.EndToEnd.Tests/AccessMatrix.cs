using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using MazeVault.Alerts.Core.Access;
using MazeVault.Alerts.TestSupport;

namespace MazeVault.Alerts.EndToEnd.Tests;

/// <summary>
/// The role × route matrix, generated from the functions.metadata the compiled app was built with: every HTTP function on
/// two organizations, called with one credential, each answer held against what <see cref="ExpectedAccess"/> says. A
/// function added without an expectation fails here, as does one the app classifies differently.
/// </summary>
public static partial class AccessMatrix
{
    /// <summary>Statuses that mean the gate refused; any other answer below 500 means the request reached its function.</summary>
    private static readonly int[] Refusals = [401, 403, 503];

    public static IReadOnlyList<RouteCase> Cases(string appDirectory, string organizationA, string organizationB)
    {
        using var metadata = JsonDocument.Parse(File.ReadAllText(Path.Combine(appDirectory, "functions.metadata")));
        var cases = new List<RouteCase>();
        foreach (var function in metadata.RootElement.EnumerateArray())
        {
            var name = function.GetProperty("name").GetString()!;
            foreach (var binding in function.GetProperty("bindings").EnumerateArray().Where(b => b.GetProperty("type").GetString() == "httpTrigger"))
            {
                Assert.True(ExpectedAccess.Kinds.TryGetValue(name, out var kind), $"{name} has no row in ExpectedAccess.");
                var route = binding.GetProperty("route").GetString()!;
                var method = binding.GetProperty("methods")[0].GetString()!.ToUpperInvariant();
                string?[] organizations = route.Contains("{organizationId}", StringComparison.Ordinal) ? [organizationA, organizationB] : [null];
                foreach (var organization in organizations)
                {
                    var path = "api/" + Parameter().Replace(route.Replace("{organizationId}", organization, StringComparison.Ordinal), "matrix-x");
                    cases.Add(new RouteCase(name, method, path, kind, organization));
                }
            }
        }

        return cases;
    }

    /// <summary>Sends every case with every credential and fails listing each answer that differs from what the credential expects.</summary>
    public static async Task AssertAllAsync(HttpClient client, IEnumerable<RouteCase> cases, params MatrixCredential[] credentials)
    {
        var mismatches = new List<string>();
        foreach (var credential in credentials)
        {
            mismatches.AddRange(await RunAsync(client, cases, credential));
        }

        Assert.True(mismatches.Count == 0, $"{mismatches.Count} answers differ from the expected access:\n" + string.Join("\n", mismatches.Take(40)));
    }

    /// <summary>The mismatches of one credential over every case, each naming the case and the answer.</summary>
    private static async Task<List<string>> RunAsync(HttpClient client, IEnumerable<RouteCase> cases, MatrixCredential credential)
    {
        var mismatches = new List<string>();
        foreach (var route in cases)
        {
            using var request = new HttpRequestMessage(new HttpMethod(route.Method), route.Path);
            if (route.Method != "GET")
            {
                request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
            }

            credential.Apply(request);
            using var response = await client.SendAsync(request);
            var status = (int)response.StatusCode;
            var want = credential.Expected(route);
            var problem = response.Content.Headers.ContentType?.MediaType == "application/problem+json";
            var ok = want is { } refusal
                ? status == refusal && problem
                : status < 500 && !Refusals.Contains(status);
            if (!ok)
            {
                mismatches.Add($"{credential.Name} {route}: expected {(want?.ToString() ?? "to reach the function")}, got {status} {await response.Content.ReadAsStringAsync()}");
            }
        }

        return mismatches;
    }

    /// <summary>What a caller with <paramref name="role"/> in <paramref name="organization"/> gets: null (reaches it) or 403.</summary>
    public static Func<RouteCase, int?> Role(OrganizationRole role, string organization) =>
        route => ExpectedAccess.Allows(role, organization, route.Kind, route.Organization) ? null : 403;

    /// <summary>A caller the app does not know: 401 everywhere but the anonymous routes.</summary>
    public static int? Nobody(RouteCase route) => route.Kind == AccessKind.Anonymous ? null : 401;

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex Parameter();
}
