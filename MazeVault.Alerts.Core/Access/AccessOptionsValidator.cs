using MazeVault.Alerts.Core.Storage;
using Microsoft.Extensions.Options;

namespace MazeVault.Alerts.Core.Access;

/// <summary>
/// Refuses to start without an explicit mode, with <c>local</c> (no checks) on storage that is not on this machine, and
/// with a bootstrap key too short to be secret.
/// </summary>
public sealed class AccessOptionsValidator(StorageClients storage) : IValidateOptions<AccessOptions>
{
    public ValidateOptionsResult Validate(string? name, AccessOptions options)
    {
        var failures = new List<string>();
        if (options.Mode is null)
        {
            failures.Add($"{AccessOptions.ModeSetting} must be local, keys or entra (docs/security.md); it was '{options.ModeSettingValue}'.");
        }
        else if (options.Mode == AccessMode.Local && !storage.IsLocalEmulator)
        {
            failures.Add($"{AccessOptions.ModeSetting}=local turns every check off, so it runs only on loopback storage (Azurite); use keys or entra with a storage account.");
        }

        if (options.UsableAdminKey is { Length: < AccessOptions.MinAdminKeyLength or > ApiKeySecret.MaxLength })
        {
            failures.Add($"{AccessOptions.AdminKeySetting} must be {AccessOptions.MinAdminKeyLength} to {ApiKeySecret.MaxLength} characters (openssl rand -base64 48).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
