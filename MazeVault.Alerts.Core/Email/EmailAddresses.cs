using System.Net.Mail;

namespace MazeVault.Alerts.Core.Email;

internal static class EmailAddresses
{
    public static bool IsValid(string? address) =>
        !string.IsNullOrWhiteSpace(address) && MailAddress.TryCreate(address.Trim(), out var parsed) && parsed.Address == address.Trim();
}
