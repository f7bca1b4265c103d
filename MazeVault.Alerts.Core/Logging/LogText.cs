using System.Globalization;
using System.Text;

namespace MazeVault.Alerts.Core.Logging;

/// <summary>
/// Text from outside (incident fields, inventory names, vendor answers) made safe for one log line: CR, LF and every
/// other control or line-separator character written as an escape, so no caller can start a forged log entry.
/// </summary>
public static class LogText
{
    public static string Neutralize(string? text)
    {
        if (string.IsNullOrEmpty(text) || !text.Any(NeedsEscape))
        {
            return text ?? "";
        }

        var builder = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            builder.Append(c switch
            {
                '\r' => "\\r",
                '\n' => "\\n",
                '\t' => "\\t",
                _ when NeedsEscape(c) => "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture),
                _ => c.ToString(),
            });
        }

        return builder.ToString();
    }

    private static bool NeedsEscape(char c) => char.IsControl(c) || c is '\u2028' or '\u2029';
}
