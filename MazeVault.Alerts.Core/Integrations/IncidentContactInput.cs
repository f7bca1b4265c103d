using MazeVault.Alerts.Core.Validation;

namespace MazeVault.Alerts.Core.Integrations;

/// <summary>The body of a create or full update of an incident contact.</summary>
public sealed record IncidentContactInput
{
    public string? Name { get; init; }
    public string? Email { get; init; }
    public string? Role { get; init; }
    /// <summary>Lower is contacted first; 0 when omitted.</summary>
    public int? Priority { get; init; }

    public const int MaxPriority = 10_000;

    /// <summary>The contact as it will be stored; throws <see cref="ValidationException"/> naming every invalid field.</summary>
    public IncidentContact ToContact(string organizationId, string id, IncidentContact? stored, DateTimeOffset now)
    {
        var errors = new FieldErrors();
        var name = errors.Required("name", Name, IntegrationService.MaxNameLength);
        var email = errors.Email("email", Email);
        var role = errors.Optional("role", Role, 100);
        if (Priority is < 0 or > MaxPriority)
        {
            errors.Add("priority", $"must be between 0 and {MaxPriority}.");
        }

        errors.ThrowIfAny();
        return new IncidentContact
        {
            Id = id,
            OrganizationId = organizationId,
            Name = name!,
            Email = email!,
            Role = role ?? "",
            Priority = Priority ?? 0,
            CreatedAt = stored?.CreatedAt ?? now,
            UpdatedAt = now,
        };
    }
}
