using MazeVault.Alerts.Core.Channels;
using MazeVault.Alerts.Core.Email;
using MazeVault.Alerts.Core.Inventory;
using MazeVault.Alerts.Core.Rules;

namespace MazeVault.Alerts.Core.Tests.Channels;

/// <summary>Feed text (secret names, errors) reaches a subject as one capped line and a body as a capped block without hidden characters.</summary>
public sealed class FeedTextTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 16, 6, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_rotation_failure_built_from_hostile_feed_text_has_a_one_line_capped_subject_and_a_capped_body_without_controls()
    {
        var config = new RotationConfig
        {
            Id = "db",
            OrganizationId = "org",
            SecretName = "pay\u202Eroll\r\nBcc: victim@attacker.test" + new string('n', 1000),
            Enabled = true,
            Status = RotationStatus.Failed,
            LastError = "line one\nline two\u0007\u2067" + new string('e', 5000),
            NotificationEmails = ["owner@example.com"],
        };

        var email = EmailComposer.Compose(AlertFactory.RotationExecutionFailure(config, "a1", Now).Notification, ["owner@example.com"]);

        Assert.True(email.Subject.Length <= FeedText.MaxSubject);
        Assert.StartsWith("Secret rotation failed: payroll  Bcc: victim@attacker.test", email.Subject, StringComparison.Ordinal);
        Assert.DoesNotContain(email.Subject, c => char.IsControl(c) || c is '\u202E' or '\u2067');
        Assert.DoesNotContain(email.TextBody, c => c is '\u0007' or '\u202E' or '\u2067');
        Assert.Contains("line one\nline two", email.TextBody, StringComparison.Ordinal);
        // Name capped at 200 (subject, message, fact) and the error at 2,000, each with an ellipsis.
        Assert.DoesNotContain(new string('n', FeedText.MaxName), email.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain(new string('e', FeedText.MaxBlock), email.TextBody, StringComparison.Ordinal);
        Assert.Contains("e…", email.TextBody, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a\tb\nc\u2028d", "a b c d")]
    [InlineData("\u200Fx\u061Cy\u0000", "xy")]
    public void A_line_keeps_visible_text_and_turns_breaks_into_spaces(string text, string expected) =>
        Assert.Equal(expected, FeedText.Line(text));
}
