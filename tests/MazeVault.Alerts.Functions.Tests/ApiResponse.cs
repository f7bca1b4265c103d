using System.Text.Json;

namespace MazeVault.Alerts.Functions.Tests;

internal sealed record ApiResponse(int Status, string? ContentType, string Body, string? ETag, string? Location, string? RetryAfter = null)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;

    /// <summary>The fields a 400 problem names (its <c>errors</c> keys), after checking it is a problem+json 400.</summary>
    public IReadOnlyList<string> ProblemFields()
    {
        Assert.Equal(400, Status);
        Assert.StartsWith("application/problem+json", ContentType);
        return Json.GetProperty("errors").EnumerateObject().Select(p => p.Name).ToList();
    }

    public void AssertProblem(int status)
    {
        Assert.Equal(status, Status);
        Assert.StartsWith("application/problem+json", ContentType);
        Assert.False(string.IsNullOrWhiteSpace(Json.GetProperty("detail").GetString()));
    }
}
