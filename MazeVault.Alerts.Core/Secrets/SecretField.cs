using System.Reflection;
using MazeVault.Alerts.Core.Channels;

namespace MazeVault.Alerts.Core.Secrets;

/// <summary>One secret property of a settings type and its field name (the API's, and the associated data of its seal).</summary>
public sealed record SecretField(string Name, PropertyInfo Property)
{
    public Secret? Get(ChannelSettings settings) => (Secret?)Property.GetValue(settings);

    /// <summary>Only on a settings instance this process just created (deserialized from storage): settings are otherwise immutable.</summary>
    public void Set(ChannelSettings settings, Secret? value) => Property.SetValue(settings, value);
}
