using MazeVault.Alerts.Core.Logging;

namespace MazeVault.Alerts.Core.Tests.Logging;

/// <summary>
/// Text from outside stays on one log line. The API refuses line breaks in the fields that are logged, so this guards
/// rows stored before it did and vendor answers (failure reasons) that the API never validated.
/// </summary>
public sealed class LogTextTests
{
    [Theory]
    [InlineData("leak\r\n[IncidentService] Incident forged detected: nothing", @"leak\r\n[IncidentService] Incident forged detected: nothing")]
    [InlineData("db\nforged-line", @"db\nforged-line")]
    [InlineData("a\tb\u0000c\u2028d\u2029e", @"a\tb\u0000c\u2028d\u2029e")]
    [InlineData("plain text", "plain text")]
    public void Line_breaks_and_controls_are_written_as_escapes_so_no_entry_can_be_forged(string text, string logged)
    {
        var neutralized = LogText.Neutralize(text);

        Assert.Equal(logged, neutralized);
        Assert.DoesNotContain(neutralized, c => char.IsControl(c) || c is '\u2028' or '\u2029');
    }
}
