using MazeVault.Alerts.Core.Secrets;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MazeVault.Alerts.Core.Integrations;

/// <summary>
/// At each start, binds the secrets of rows sealed before destinations were bound (a JIRA token to its site), so an
/// upgrade closes that gap without anyone calling <c>POST /api/secrets/reseal</c>: until a row is bound, someone who can
/// write the table could point it elsewhere and receive its token. In the background, so start-up never waits on it;
/// rows already bound are only read, and concurrent instances lose nothing (each rewrite is ETag-conditional).
/// </summary>
public sealed class DestinationBindingAtStart(IIntegrationStore integrations, ILogger<DestinationBindingAtStart> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var report = await integrations.BindDestinationsAsync(stoppingToken);
            if (report.Resealed > 0 || report.Unreadable > 0)
            {
                logger.LogInformation(
                    "[Secrets] Bound the stored secrets of {Bound} integrations to their destinations ({Changed} changed meanwhile, {Unreadable} unreadable: {UnreadableIds}).",
                    report.Resealed, report.Changed, report.Unreadable, string.Join(", ", report.UnreadableIds));
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: the next start binds what is left.
        }
        catch (Exception e) when (e is SecretKeyUnavailableException or Azure.RequestFailedException)
        {
            logger.LogWarning("[Secrets] Could not bind stored secrets to their destinations at start ({Reason}); the next start or POST /api/secrets/reseal will.", e.Message);
        }
    }
}
