namespace MazeVault.Alerts.Core.Routing;

/// <summary>
/// A resource-name glob of a route: <c>*</c> stands for any run of characters (none included), everything else is
/// literal, compared case-insensitively. Matching allocates nothing: the daily check asks once per alert and target.
/// </summary>
public sealed class ResourcePattern
{
    private readonly string[] _parts;

    public ResourcePattern(string text)
    {
        Text = text;
        _parts = text.Split(Wildcard);
    }

    public const char Wildcard = '*';

    public string Text { get; }

    public bool Matches(string name)
    {
        if (_parts.Length == 1)
        {
            return name.Equals(Text, StringComparison.OrdinalIgnoreCase);
        }

        // The first literal anchors the start, the last the end; each one between takes its leftmost place after the
        // previous, which finds a match whenever there is one because * also matches nothing.
        var first = _parts[0];
        var last = _parts[^1];
        if (name.Length < first.Length + last.Length
            || !name.StartsWith(first, StringComparison.OrdinalIgnoreCase)
            || !name.EndsWith(last, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var rest = name.AsSpan(first.Length, name.Length - first.Length - last.Length);
        for (var i = 1; i < _parts.Length - 1; i++)
        {
            var at = rest.IndexOf(_parts[i], StringComparison.OrdinalIgnoreCase);
            if (at < 0)
            {
                return false;
            }

            rest = rest[(at + _parts[i].Length)..];
        }

        return true;
    }

    public override string ToString() => Text;
}
