using System.Reflection;
using System.Text.Json;
using MazeVault.Alerts.Core.Secrets;

namespace MazeVault.Alerts.Core.Channels;

/// <summary>One setting of a channel as clients see it: its JSON name, label, kind, whether required, help and choices.</summary>
public sealed record ChannelField(string Name, string Label, ChannelFieldKind Kind, bool Required, string? Help, IReadOnlyList<string>? Choices)
{
    /// <summary>
    /// The declared settings of <paramref name="settingsType"/>, in declaration order; a settings property without a
    /// <see cref="ChannelFieldAttribute"/> is an error, so no channel can add a setting clients cannot see.
    /// </summary>
    public static IReadOnlyList<ChannelField> Of(Type settingsType) =>
        settingsType.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(p => p.CanWrite && p.GetCustomAttribute<System.Text.Json.Serialization.JsonIgnoreAttribute>() is null)
            .OrderBy(p => p.MetadataToken)
            .Select(From)
            .ToList();

    private static ChannelField From(PropertyInfo property)
    {
        var declared = property.GetCustomAttribute<ChannelFieldAttribute>()
            ?? throw new InvalidOperationException($"{property.DeclaringType!.Name}.{property.Name} has no [ChannelField] declaration.");
        var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        var kind = type == typeof(Secret) ? declared.Format == ChannelFieldFormat.Url ? ChannelFieldKind.SecretUrl : ChannelFieldKind.Secret
            : type.IsEnum ? ChannelFieldKind.Choice
            : type == typeof(int) ? ChannelFieldKind.Number
            : typeof(IEnumerable<string>).IsAssignableFrom(type) && type != typeof(string) ? ChannelFieldKind.List
            : declared.Format switch
            {
                ChannelFieldFormat.Url => ChannelFieldKind.Url,
                ChannelFieldFormat.Email => ChannelFieldKind.Email,
                _ => ChannelFieldKind.Text,
            };
        var choices = type.IsEnum ? Enum.GetNames(type).Select(JsonNamingPolicy.CamelCase.ConvertName).ToList() : null;
        return new ChannelField(JsonNamingPolicy.CamelCase.ConvertName(property.Name), declared.Label, kind, declared.Required, declared.Help, choices);
    }
}
