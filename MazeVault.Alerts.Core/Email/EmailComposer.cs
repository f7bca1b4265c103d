using System.Net;
using System.Text;
using MazeVault.Alerts.Core.Channels;

namespace MazeVault.Alerts.Core.Email;

/// <summary>Turns a <see cref="Notification"/> into an email: its ready HTML when it has one, else HTML rendered from the text.</summary>
public static class EmailComposer
{
    public static EmailMessage Compose(Notification notification, IReadOnlyList<string> to) => new()
    {
        To = to,
        // A subject is one header line: whatever text the notification carries, no line break or bidi control reaches it.
        Subject = FeedText.Line(notification.Subject, FeedText.MaxSubject),
        HtmlBody = notification.Html ?? Html(notification),
        TextBody = Text(notification),
        Attachments = notification.Attachments,
    };

    private static string Text(Notification notification)
    {
        var text = new StringBuilder().AppendLine(FeedText.Line(notification.Subject, FeedText.MaxSubject)).AppendLine().AppendLine(notification.Message);
        if (notification.Facts.Count > 0)
        {
            text.AppendLine();
            foreach (var fact in notification.Facts)
            {
                text.Append(fact.Name).Append(": ").AppendLine(fact.Value);
            }
        }

        return text.ToString();
    }

    private static string Html(Notification notification)
    {
        var html = new StringBuilder()
            .Append("<!DOCTYPE html><html><body style=\"font-family:Segoe UI,Arial,sans-serif\">")
            .Append("<h2>").Append(WebUtility.HtmlEncode(FeedText.Line(notification.Subject, FeedText.MaxSubject))).Append("</h2>");
        foreach (var paragraph in notification.Message.ReplaceLineEndings("\n").Split("\n\n", StringSplitOptions.RemoveEmptyEntries))
        {
            html.Append("<p>").Append(WebUtility.HtmlEncode(paragraph).Replace("\n", "<br>")).Append("</p>");
        }

        if (notification.Facts.Count > 0)
        {
            html.Append("<table style=\"border-collapse:collapse\">");
            foreach (var fact in notification.Facts)
            {
                html.Append("<tr><th style=\"text-align:left;padding:4px 12px 4px 0\">").Append(WebUtility.HtmlEncode(fact.Name))
                    .Append("</th><td style=\"padding:4px 0\">").Append(WebUtility.HtmlEncode(fact.Value)).Append("</td></tr>");
            }

            html.Append("</table>");
        }

        return html.Append("</body></html>").ToString();
    }
}
