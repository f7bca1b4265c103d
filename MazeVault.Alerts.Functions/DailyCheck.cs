using MazeVault.Alerts.Core.Rules;
using Microsoft.Azure.Functions.Worker;

namespace MazeVault.Alerts.Functions;

/// <summary>The daily certificate expiry and rotation failure check.</summary>
public sealed class DailyCheck(DailyCheckService dailyCheck)
{
    [Function(nameof(DailyCheck))]
    public Task Run([TimerTrigger("%DAILY_CHECK_SCHEDULE%")] TimerInfo timer, CancellationToken ct)
        => dailyCheck.RunAsync(ct);
}
