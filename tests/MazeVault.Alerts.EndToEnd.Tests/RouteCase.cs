using MazeVault.Alerts.Core.Access;

namespace MazeVault.Alerts.EndToEnd.Tests;

/// <summary>One built HTTP function called on one organization (null: its route names none), with the access the tests expect of it.</summary>
public sealed record RouteCase(string Function, string Method, string Path, AccessKind Kind, string? Organization)
{
    public override string ToString() => $"{Method} {Path} ({Function}, {Kind})";
}
