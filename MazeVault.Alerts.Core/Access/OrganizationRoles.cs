using MazeVault.Alerts.Core.Validation;

namespace MazeVault.Alerts.Core.Access;

/// <summary>The roles' names in the API and in storage, and which kinds of operation each allows.</summary>
public static class OrganizationRoles
{
    public const string Names = "admin, reader or submitter";

    private static readonly Dictionary<string, OrganizationRole> ByName =
        Enum.GetValues<OrganizationRole>().ToDictionary(Name, StringComparer.Ordinal);

    public static string Name(OrganizationRole role) => role.ToString().ToLowerInvariant();

    /// <summary>The role a field names, or null with the field's error recorded.</summary>
    public static OrganizationRole? Parse(FieldErrors errors, string field, string? value)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            errors.Add(field, $"is required: {Names}.");
            return null;
        }

        if (TryParse(trimmed, out var role))
        {
            return role;
        }

        errors.Add(field, $"must be {Names}.");
        return null;
    }

    public static bool TryParse(string? value, out OrganizationRole role) => ByName.TryGetValue(value ?? "", out role);

    /// <summary>Admin does everything in its organization; reader reads and submitter submits, nothing more.</summary>
    public static bool Allows(OrganizationRole role, AccessKind kind) => kind switch
    {
        AccessKind.Read => role is OrganizationRole.Reader or OrganizationRole.Admin,
        AccessKind.Submit => role is OrganizationRole.Submitter or OrganizationRole.Admin,
        AccessKind.Admin => role is OrganizationRole.Admin,
        _ => false,
    };
}
