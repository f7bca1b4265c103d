namespace MazeVault.Alerts.EndToEnd.Tests;

/// <summary>
/// One way of calling in the access matrix: how it marks a request, and what each route must answer it (a refusal
/// status, or null when the request must reach its function).
/// </summary>
public sealed record MatrixCredential(string Name, Action<HttpRequestMessage> Apply, Func<RouteCase, int?> Expected);
