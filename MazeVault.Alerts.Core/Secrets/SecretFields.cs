using System.Collections.Concurrent;
using System.Reflection;
using MazeVault.Alerts.Core.Channels;

namespace MazeVault.Alerts.Core.Secrets;

/// <summary>The secret fields of a settings type: its properties of type <see cref="Secret"/>, with their API field names.</summary>
public static class SecretFields
{
    private static readonly ConcurrentDictionary<Type, IReadOnlyList<SecretField>> Cache = new();

    public static IReadOnlyList<SecretField> Of(Type settingsType) =>
        Cache.GetOrAdd(settingsType, type => type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.PropertyType == typeof(Secret) && p.CanWrite)
            .Select(p => new SecretField(ChannelSettingsJson.FieldName(p.Name), p))
            .ToList());
}
