using System.Buffers.Text;
using System.Globalization;
using System.Text;
using MazeVault.Alerts.Core.Validation;

namespace MazeVault.Alerts.Core.Storage;

/// <summary>
/// The paging parameters of every list route as they arrive (<c>limit</c>, <c>continuationToken</c>), validated into a
/// <see cref="PageRequest"/>. A token is the key a page ended at, Base64url-encoded: opaque to callers, and read back
/// only here.
/// </summary>
public static class PageInput
{
    private const string TokenRule = "is not a token this API returned: send back the continuationToken of the previous page unchanged.";

    /// <summary>Throws <see cref="ValidationException"/> naming <c>limit</c> or <c>continuationToken</c>; a token must hold a table key.</summary>
    public static PageRequest Parse(string? limit, string? continuationToken)
    {
        var errors = new FieldErrors();
        var page = Read(errors, limit, continuationToken, TableKeys.IsValid);
        errors.ThrowIfAny();
        return page;
    }

    /// <summary>Records each bad parameter in <paramref name="errors"/>; <paramref name="isPosition"/> says what a token may hold.</summary>
    public static PageRequest Read(FieldErrors errors, string? limit, string? continuationToken, Func<string, bool> isPosition)
    {
        var count = PageRequest.DefaultLimit;
        if (errors.Optional("limit", limit, 10) is { } text
            && (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out count) || count is < 1 or > PageRequest.MaxLimit))
        {
            errors.Add("limit", $"must be a whole number from 1 to {PageRequest.MaxLimit}.");
        }

        return new PageRequest(count, Position(errors, continuationToken, isPosition));
    }

    /// <summary>The token a page hands out for the key it ended at.</summary>
    public static string Token(string position) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(position));

    private static string? Position(FieldErrors errors, string? token, Func<string, bool> isPosition)
    {
        if (errors.Optional("continuationToken", token, 2048) is not { } text)
        {
            return null;
        }

        try
        {
            var position = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(Base64Url.DecodeFromChars(text));
            if (isPosition(position))
            {
                return position;
            }
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            // Falls through to the error below.
        }

        errors.Add("continuationToken", TokenRule);
        return null;
    }
}
