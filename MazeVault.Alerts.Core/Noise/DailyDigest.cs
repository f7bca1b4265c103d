using System.Globalization;
using System.Text;
using MazeVault.Alerts.Core.Channels;
using MazeVault.Alerts.Core.Delivery;
using MazeVault.Alerts.Core.Inventory;
using MazeVault.Alerts.Core.Rules;

namespace MazeVault.Alerts.Core.Noise;

/// <summary>
/// One organization's daily check as one message: every alert of the run grouped by kind, most urgent first, with the
/// totals and "and N more" past a size every channel takes whole (Slack's section text is limited to 3,000 characters,
/// the tightest of them). It keeps only what it can show, so memory stays flat however many items are due.
/// <paramref name="scope"/> tells apart the digests of targets with different routes (empty: the route that takes everything).
/// </summary>
public sealed class DailyDigest(string organizationId, string scope = "")
{
    public const string Rule = "daily-digest";
    public const int MaxMessageLength = 2800;
    private const int MaxLineLength = 200;
    // More than fit in MaxMessageLength at the shortest lines; the rest are counted only.
    private const int KeptPerKind = 40;

    private readonly List<(int DaysLeft, string Line)> _certificates = [];
    private readonly List<string> _rotations = [];
    private int _certificateCount;
    private int _rotationCount;
    private bool _urgent;

    public int Count => _certificateCount + _rotationCount;

    public void Add(Certificate certificate, DateTimeOffset now)
    {
        _certificateCount++;
        var daysLeft = AlertFactory.DaysLeft(certificate, now);
        _urgent |= daysLeft <= 7;
        var line = $"{certificate.Subject}: expires {AlertFactory.Day(certificate.NotAfter)} ({daysLeft} day(s) left), auto-renewal {AlertFactory.Renewal(certificate)}";
        var at = _certificates.FindIndex(c => c.DaysLeft > daysLeft);
        _certificates.Insert(at < 0 ? _certificates.Count : at, (daysLeft, Clip(line)));
        if (_certificates.Count > KeptPerKind)
        {
            _certificates.RemoveAt(_certificates.Count - 1);
        }
    }

    public void Add(RotationConfig config)
    {
        _rotationCount++;
        _urgent = true;
        if (_rotations.Count < KeptPerKind)
        {
            _rotations.Add(Clip($"{config.SecretName}: {(string.IsNullOrWhiteSpace(config.LastError) ? "no error was reported" : config.LastError)}"));
        }
    }

    public Alert ToAlert(DateTimeOffset now)
    {
        var summary = $"{_certificateCount} certificate(s) expiring within {(int)AlertRules.ExpiryWindow.TotalDays} days, {_rotationCount} secret rotation(s) failed";
        var text = new StringBuilder(summary).Append('.');
        // Failed rotations first: they need action now, an expiry in days.
        Section(text, "Secret rotations failed", _rotationCount, _rotations, reserve: _certificateCount > 0 ? 120 : 0);
        Section(text, "Certificates expiring", _certificateCount, _certificates.Select(c => c.Line).ToList(), reserve: 0);
        return new Alert
        {
            Id = AlertIds.ForRule(Rule, organizationId, Rule + scope, DateOnly.FromDateTime(now.UtcDateTime)),
            OrganizationId = organizationId,
            Source = AlertSource.DailyCheck,
            Rule = Rule,
            CreatedAt = now,
            Notification = new Notification
            {
                Subject = $"Daily check: {summary}",
                Message = text.ToString(),
                Severity = _urgent ? NotificationSeverity.High : NotificationSeverity.Warning,
                Fingerprint = AlertIds.Fingerprint(Rule, organizationId, Rule + scope),
                Facts =
                [
                    new NotificationFact("Certificates expiring", _certificateCount.ToString(CultureInfo.InvariantCulture)),
                    new NotificationFact("Secret rotations failed", _rotationCount.ToString(CultureInfo.InvariantCulture)),
                    new NotificationFact("Organization", organizationId),
                ],
            },
        };
    }

    /// <summary>Lines while they fit (keeping <paramref name="reserve"/> characters for the sections after), then "and N more".</summary>
    private static void Section(StringBuilder text, string title, int total, IReadOnlyList<string> lines, int reserve)
    {
        if (total == 0)
        {
            return;
        }

        text.Append("\n\n").Append(title).Append(" (").Append(total).Append("):");
        var shown = 0;
        foreach (var line in lines)
        {
            var more = total - shown - 1 > 0 ? 30 : 0;
            if (text.Length + line.Length + 3 + more + reserve > MaxMessageLength)
            {
                break;
            }

            text.Append("\n- ").Append(line);
            shown++;
        }

        if (total > shown)
        {
            text.Append("\n- and ").Append(total - shown).Append(" more");
        }
    }

    private static string Clip(string line) => line.Length <= MaxLineLength ? line : line[..(MaxLineLength - 1)] + "…";
}
