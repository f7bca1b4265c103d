using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using MazeVault.Alerts.Core.Secrets;

namespace MazeVault.Alerts.Core.Channels;

/// <summary>
/// One setting of a channel as clients see it: its JSON name, label, kind, whether required, help and choices, and the
/// limits its validation enforces (pattern, range, number of entries), each null when it has none.
/// </summary>
public sealed record ChannelField(string Name, string Label, ChannelFieldKind Kind, bool Required, string? Help, IReadOnlyList<string>? Choices)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Pattern { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Minimum { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Maximum { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? MaxItems { get; init; }

    /// <summary>The entries of a list setting are email addresses (or URLs), as <see cref="ChannelFieldAttribute.Format"/> declares.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public ChannelFieldFormat ItemFormat { get; init; }

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
        return new ChannelField(JsonNamingPolicy.CamelCase.ConvertName(property.Name), declared.Label, kind, declared.Required, declared.Help, choices)
        {
            Pattern = declared.Pattern,
            Minimum = declared.Minimum == int.MinValue ? null : declared.Minimum,
            Maximum = declared.Maximum == int.MaxValue ? null : declared.Maximum,
            MaxItems = declared.MaxItems == 0 ? null : declared.MaxItems,
            ItemFormat = kind == ChannelFieldKind.List ? declared.Format : ChannelFieldFormat.Text,
        };
    }
}
