namespace MazeVault.Alerts.Core.Storage;

/// <summary>What Table Storage accepts as a PartitionKey or RowKey, applied to organization and entity ids.</summary>
public static class TableKeys
{
    public const int MaxLength = 256;

    /// <summary>Non-empty, at most <see cref="MaxLength"/> characters, none of <c>/ \ # ?</c> or control characters.</summary>
    public static bool IsValid(string? key) =>
        !string.IsNullOrWhiteSpace(key)
        && key.Length <= MaxLength
        && key.Trim().Length == key.Length
        && !key.Any(c => c is '/' or '\\' or '#' or '?' || char.IsControl(c));

    public const string Rule = "must be 1-256 characters without '/', '\\', '#', '?', control characters or surrounding spaces";
}
