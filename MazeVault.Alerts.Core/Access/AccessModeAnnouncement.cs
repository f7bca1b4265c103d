using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MazeVault.Alerts.Core.Access;

/// <summary>
/// Says at start which access mode runs, so an operator reading the log knows who can get in; and, critically, when
/// <c>entra</c> finds App Service Authentication off, that the app refuses every request rather than opening up.
/// </summary>
public sealed class AccessModeAnnouncement(IOptions<AccessOptions> options, ILogger<AccessModeAnnouncement> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        switch (settings.Mode)
        {
            case AccessMode.Entra when !settings.AuthenticationEnabled:
                logger.LogCritical(
                    "[Access] ACCESS_MODE=entra but App Service Authentication is off (WEBSITE_AUTH_ENABLED is not True): every request but the anonymous routes is refused with 503 until it is on.");
                break;
            default:
                logger.LogInformation("[Access] Access mode {Mode}: {Meaning}; bootstrap admin key {AdminKey}.", settings.Mode, settings.Mode switch
                {
                    AccessMode.Local => "no checks (loopback storage only)",
                    AccessMode.Keys => "an API key in X-Api-Key on every request that is not anonymous",
                    _ => "Entra ID principals and API keys",
                }, settings.UsableAdminKey is null ? "not set" : "set");
                break;
        }

        if (!string.IsNullOrEmpty(settings.AdminKey) && settings.UsableAdminKey is null)
        {
            logger.LogError("[Access] ACCESS_ADMIN_KEY is a Key Vault reference that did not resolve: there is no bootstrap admin key until the secret exists and the app can read it.");
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
