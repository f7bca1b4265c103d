using MimeKit;

namespace MazeVault.Alerts.TestSupport.Vendors;

/// <summary>A message the test SMTP server accepted: the envelope, the parsed MIME message, who authenticated, and whether over TLS.</summary>
public sealed record ReceivedEmail(string From, IReadOnlyList<string> Recipients, MimeMessage Message, string? AuthenticatedUser, bool OverTls);
