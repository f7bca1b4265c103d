namespace MazeVault.Alerts.Core.Access;

/// <summary>The optional body of a grant: the role in that organization (admin, reader or submitter).</summary>
public sealed record AccessGrantInput
{
    public string? Role { get; init; }
}
