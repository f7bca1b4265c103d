using System.Security.Cryptography;
using MazeVault.Alerts.Core.Secrets;

namespace MazeVault.Alerts.Core.Tests.Secrets;

/// <summary>
/// A key source for unit tests of sealing: versions made in the test, one of them current, and a switch that makes the
/// source unreachable. The Key Vault source itself is tested against a local Key Vault endpoint.
/// </summary>
internal sealed class TestKeyEncryptionKeys : IKeyEncryptionKeys
{
    private readonly Dictionary<string, KeyEncryptionKey> _versions = new();

    public TestKeyEncryptionKeys(string currentVersion = "v1") => Rotate(currentVersion);

    public string Current { get; private set; } = "";
    public bool Unavailable { get; set; }

    /// <summary>Adds a new random version and makes it current; the older ones still open what they sealed.</summary>
    public TestKeyEncryptionKeys Rotate(string version)
    {
        _versions[version] = KeyEncryptionKey.FromMaterial(version, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        Current = version;
        return this;
    }

    /// <summary>Replaces a version's material: what it sealed no longer opens (a wrong key under the right name).</summary>
    public void ReplaceMaterial(string version) =>
        _versions[version] = KeyEncryptionKey.FromMaterial(version, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));

    public void Forget(string version) => _versions.Remove(version);

    public Task<KeyEncryptionKey> GetCurrentAsync(CancellationToken ct) => GetAsync(Current, ct);

    public Task<KeyEncryptionKey> GetAsync(string version, CancellationToken ct)
    {
        if (Unavailable)
        {
            throw new SecretKeyUnavailableException("the test key source is switched off");
        }

        return _versions.TryGetValue(version, out var key)
            ? Task.FromResult(key)
            : throw new SecretIntegrityException($"no key version {version}");
    }
}
