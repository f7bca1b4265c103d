namespace MazeVault.Alerts.Core.Access;

/// <summary>Who sent a request, once authenticated: what the access policy decides on and what the audit trail names.</summary>
public sealed record Caller
{
    private Caller(CallerKind kind, string id, string name, IReadOnlySet<string> appRoles, ApiKey? key)
    {
        Kind = kind;
        Id = id;
        Name = name;
        AppRoles = appRoles;
        Key = key;
    }

    public static Caller Local { get; } = new(CallerKind.Local, "local", "local", new HashSet<string>(), null);

    public static Caller BootstrapKey { get; } = new(CallerKind.BootstrapKey, "bootstrap", AccessOptions.AdminKeySetting, new HashSet<string>(), null);

    public CallerKind Kind { get; }

    /// <summary>The Entra object id, the API key's id, or a fixed name for the local and bootstrap callers.</summary>
    public string Id { get; }

    /// <summary>The principal's display name or the key's name, for people reading the audit trail.</summary>
    public string Name { get; }

    /// <summary>The Entra app roles (Alerts.Admin, Alerts.Reader, Alerts.Submitter); none for keys.</summary>
    public IReadOnlySet<string> AppRoles { get; }

    public ApiKey? Key { get; }

    /// <summary>May act on every organization and on what spans them (keys, grants, re-seal).</summary>
    public bool IsPlatformAdmin =>
        Kind is CallerKind.Local or CallerKind.BootstrapKey || AppRoles.Contains(AccessRoles.Admin) || Key is { IsPlatformAdmin: true };

    public static Caller Of(CallerPrincipal principal) => new(CallerKind.Entra, principal.Id, principal.Name, principal.Roles, null);

    public static Caller Of(ApiKey key) => new(CallerKind.ApiKey, key.Id, key.Name, new HashSet<string>(), key);

    /// <summary>How the audit trail and a snooze's owner name the caller: kind, id and name.</summary>
    public string Describe() => Kind switch
    {
        CallerKind.Local => "local",
        CallerKind.ApiKey => $"api key {Id} ({Name})",
        CallerKind.BootstrapKey => $"bootstrap key ({Name})",
        _ => $"{Name} ({Id})",
    };
}
