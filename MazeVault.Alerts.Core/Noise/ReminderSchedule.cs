using MazeVault.Alerts.Core.Inventory;
using MazeVault.Alerts.Core.Rules;

namespace MazeVault.Alerts.Core.Noise;

/// <summary>Whether a due resource alerts today under its organization's reminder policy.</summary>
public static class ReminderSchedule
{
    /// <summary>With thresholds, a rotation config that stays failed is reminded this often after its first alert.</summary>
    public static readonly TimeSpan RotationFailureRepeat = TimeSpan.FromDays(7);

    /// <summary>
    /// Daily: always. Thresholds: when the certificate reaches a threshold (days left ≤ it) smaller than the one already
    /// alerted for this expiry date, or every day of the final stretch. Returns the threshold reached (null with daily).
    /// </summary>
    public static (bool Alert, int? Threshold) ForCertificate(AlertPolicy policy, AlertState? state, Certificate certificate, DateTimeOffset now)
    {
        if (policy.Reminders == ReminderMode.Daily)
        {
            return (true, null);
        }

        var daysLeft = AlertFactory.DaysLeft(certificate, now);
        var reached = state?.NotAfter == certificate.NotAfter ? state.ThresholdReached : null;
        var crossed = policy.ThresholdDays.Where(t => daysLeft <= t).Cast<int?>().Min();
        if (daysLeft <= policy.FinalStretchDays)
        {
            return (true, Smaller(crossed, reached));
        }

        return crossed is { } threshold && (reached is null || threshold < reached) ? (true, threshold) : (false, reached);
    }

    /// <summary>Daily: always. Thresholds: the first check that sees it failed, then every <see cref="RotationFailureRepeat"/>.</summary>
    public static bool ForRotationFailure(AlertPolicy policy, AlertState? state, DateTimeOffset now) =>
        policy.Reminders == ReminderMode.Daily
        || state is not { IsOpen: true, LastAlertedAt: { } last }
        || DateOnly.FromDateTime(now.UtcDateTime).DayNumber - DateOnly.FromDateTime(last.UtcDateTime).DayNumber >= RotationFailureRepeat.Days;

    private static int? Smaller(int? a, int? b) => a is null ? b : b is null ? a : Math.Min(a.Value, b.Value);
}
