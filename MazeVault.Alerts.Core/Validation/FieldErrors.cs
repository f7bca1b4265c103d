using System.Net.Mail;
using MazeVault.Alerts.Core.Egress;
using MazeVault.Alerts.Core.Secrets;
using MazeVault.Alerts.Core.Storage;

namespace MazeVault.Alerts.Core.Validation;

/// <summary>
/// Collects every invalid field of one input, then throws them together as a <see cref="ValidationException"/>.
/// With <paramref name="destinations"/>, URL fields also refuse a host that is an internal address written out.
/// </summary>
public sealed class FieldErrors(EgressPolicy? destinations = null)
{
    /// <summary>RFC 5321's limit on an address; also keeps stored rows small.</summary>
    public const int MaxEmailLength = 254;

    /// <summary>A stored list is one string property, which Table Storage caps at 32K characters.</summary>
    public const int MaxListLength = 30_000;

    /// <summary>Tokens and webhook URLs longer than this are not real ones.</summary>
    public const int MaxSecretLength = 2048;

    /// <summary>Table Storage keeps dates from 1601 on; anything before 1900 is a client error, not a certificate or a detection.</summary>
    public static readonly DateTimeOffset EarliestDate = new(1900, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly List<ValidationError> _errors = [];

    public bool Any => _errors.Count > 0;

    public int Count => _errors.Count;

    public void Add(string field, string message) => _errors.Add(new ValidationError(field, message));

    /// <summary>The trimmed value when present and not longer than <paramref name="maxLength"/>; otherwise records why.</summary>
    public string? Required(string field, string? value, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Add(field, "is required.");
            return null;
        }

        return Optional(field, value, maxLength);
    }

    /// <summary>
    /// The trimmed value, null when blank; records an error when longer than <paramref name="maxLength"/> or not one line
    /// of visible text (see <see cref="IsSingleLine"/>): names, types and ids are shown in lists, logs and vendor titles.
    /// </summary>
    public string? Optional(string field, string? value, int maxLength)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return null;
        }

        if (trimmed.Length > maxLength)
        {
            Add(field, $"must be at most {maxLength} characters.");
            return null;
        }

        if (!IsSingleLine(trimmed))
        {
            Add(field, SingleLineRule);
            return null;
        }

        return trimmed;
    }

    /// <summary>Free text (an error, a reason): trimmed, with invisible controls and bidi overrides removed (line breaks and tabs kept); null when blank.</summary>
    public string? FreeText(string field, string? value, int maxLength)
    {
        var text = value is null ? null : WithoutInvisibleControls(value).Trim();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (text.Length > maxLength)
        {
            Add(field, $"must be at most {maxLength} characters.");
            return null;
        }

        return text;
    }

    /// <summary>What a single-line field refuses, as its error says it.</summary>
    public const string SingleLineRule = "must be one line without control characters (U+0000-U+001F, U+007F-U+009F), line or paragraph separators (U+2028, U+2029) or bidirectional formatting characters (U+202A-U+202E, U+2066-U+2069, U+200E, U+200F, U+061C).";

    /// <summary>
    /// No control character (line breaks included) and no bidirectional formatting character: a U+202E in a name shows
    /// "exe.txt" as "txt.exe" in every list and vendor title it reaches.
    /// </summary>
    public static bool IsSingleLine(string value) => !value.Any(c => char.IsControl(c) || c is '\u2028' or '\u2029' || IsBidiControl(c));

    /// <summary>Free text without the characters that hide or reorder what a reader sees; line breaks and tabs stay.</summary>
    public static string WithoutInvisibleControls(string value) =>
        value.Any(IsInvisibleControl) ? string.Concat(value.Where(c => !IsInvisibleControl(c))) : value;

    private static bool IsInvisibleControl(char c) => (char.IsControl(c) && c is not ('\n' or '\r' or '\t')) || IsBidiControl(c);

    private static bool IsBidiControl(char c) => c is (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069') or '\u200E' or '\u200F' or '\u061C';

    public string? Key(string field, string? value)
    {
        if (TableKeys.IsValid(value))
        {
            return value;
        }

        Add(field, string.IsNullOrWhiteSpace(value) ? "is required." : TableKeys.Rule + ".");
        return null;
    }

    public string? Email(string field, string? value)
    {
        var trimmed = Required(field, value, MaxEmailLength);
        if (trimmed is null)
        {
            return null;
        }

        if (!IsEmail(trimmed))
        {
            Add(field, "is not a valid email address.");
            return null;
        }

        return trimmed;
    }

    /// <summary>Each address checked (field[i]); duplicates removed ignoring case; null list counts as empty.</summary>
    public IReadOnlyList<string> Emails(string field, IReadOnlyList<string?>? values, int maxCount)
    {
        values ??= [];
        if (values.Count > maxCount)
        {
            Add(field, $"must hold at most {maxCount} addresses.");
            return [];
        }

        var valid = new List<string>();
        for (var i = 0; i < values.Count; i++)
        {
            if (Email($"{field}[{i}]", values[i]) is { } email
                && !valid.Contains(email, StringComparer.OrdinalIgnoreCase))
            {
                valid.Add(email);
            }
        }

        if (valid.Sum(e => e.Length + 3) > MaxListLength)
        {
            Add(field, $"is too long: the addresses may take at most {MaxListLength} characters in total.");
            return [];
        }

        return valid;
    }

    /// <summary>Null when absent; records an error for dates storage cannot keep.</summary>
    public DateTimeOffset? Date(string field, DateTimeOffset? value)
    {
        if (value is { } date && date < EarliestDate)
        {
            Add(field, "must be a date after 1900.");
            return null;
        }

        return value;
    }

    /// <summary>Throws at once for an organization id storage cannot use as a partition key.</summary>
    public static void RequireOrganization(string organizationId)
    {
        if (!TableKeys.IsValid(organizationId))
        {
            throw new ValidationException("organizationId", TableKeys.Rule + ".");
        }
    }

    /// <summary>
    /// An absolute https URL with a host and no user info. Secret URLs are never echoed in the message.
    /// </summary>
    public string? HttpsUrl(string field, string? value, int maxLength = 2048)
    {
        var trimmed = Required(field, value, maxLength);
        if (trimmed is null)
        {
            return null;
        }

        if (!Uri.TryCreate(trimmed, UriKind.Absolute, out var uri)
            || uri.Scheme != Uri.UriSchemeHttps
            || string.IsNullOrEmpty(uri.Host)
            || !string.IsNullOrEmpty(uri.UserInfo))
        {
            Add(field, "must be an absolute https URL (https://host/...) without credentials.");
            return null;
        }

        if (destinations?.RefusesLiteral(uri) == true)
        {
            Add(field, "must not point at an internal address (loopback, private, link-local or cloud metadata): EGRESS_ALLOWED_NETWORKS opens one for an on-premises receiver.");
            return null;
        }

        return trimmed;
    }

    /// <summary>
    /// A write-only secret: omitted (null) keeps <paramref name="stored"/>, "" clears it, a value is trimmed and length-checked.
    /// The value itself never appears in an error.
    /// </summary>
    public Secret? Secret(string field, Secret? input, Secret? stored, bool required, int maxLength = MaxSecretLength)
    {
        if (input is null)
        {
            if (stored is null && required)
            {
                Add(field, "is required.");
            }

            return stored;
        }

        var value = input.Plain.Trim();
        if (value.Length == 0)
        {
            if (required)
            {
                Add(field, "is required.");
            }

            return null;
        }

        if (value.Length > maxLength)
        {
            Add(field, $"must be at most {maxLength} characters.");
            return null;
        }

        return Secrets.Secret.Of(value);
    }

    /// <summary>A secret https URL (a webhook whose path is its credential): omitted keeps the stored one.</summary>
    public Secret? SecretUrl(string field, Secret? input, Secret? stored)
    {
        if (input is null && stored is not null)
        {
            return stored;
        }

        return HttpsUrl(field, input?.Plain, MaxSecretLength) is { } url ? Secrets.Secret.Of(url) : null;
    }

    public void ThrowIfAny()
    {
        if (Any)
        {
            throw new ValidationException(_errors.ToArray());
        }
    }

    /// <summary>As <see cref="ThrowIfAny"/>, for errors of well-formed input that a policy or limit refuses (422).</summary>
    public void ThrowIfAnyRefused()
    {
        if (Any)
        {
            throw new ValidationException(_errors.ToArray()) { Refused = true };
        }
    }

    public static bool IsEmail(string value) =>
        value.Length <= MaxEmailLength
        && IsSingleLine(value)
        && MailAddress.TryCreate(value, out var address)
        // No display names or comments ("Ops <ops@x.com>"), and a dotted domain.
        && address.Address == value
        && address.Host.Contains('.')
        && !address.Host.StartsWith('.')
        && !address.Host.EndsWith('.');
}
