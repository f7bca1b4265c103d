using MazeVault.Alerts.Core.Egress;
using Microsoft.Extensions.Configuration;
using MazeVault.Alerts.Core.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace MazeVault.Alerts.Core.Email;

public static class EmailServiceCollectionExtensions
{
    /// <summary>Registers the email transport chosen by the spec's priority (O365, else SMTP, else disabled).</summary>
    public static IServiceCollection AddAlertsEmail(this IServiceCollection services, IConfiguration configuration)
    {
        // Validated, but not at start: a wrong email setting must not stop incidents, Slack or JIRA, and the status route
        // must be up to say what is wrong. The transport below reports it on every email instead.
        services.AddOptions<O365Options>().Bind(configuration);
        services.AddSingleton<IValidateOptions<O365Options>, O365OptionsValidator>();
        services.AddOptions<SmtpOptions>().Bind(configuration);
        services.AddSingleton<IValidateOptions<SmtpOptions>, SmtpOptionsValidator>();

        // Request logging off: the token request carries the client secret in its body and Graph URLs name the sender.
        // Graph and the token endpoint can be overridden (sovereign clouds): they go through the egress guard like vendors.
        services.AddAlertsEgress(configuration);
        services.TryAddTransient<VendorStatusHandler>();
        services.AddHttpClient(GraphEmailTransport.GraphClientName).RemoveAllLoggers()
            .ConfigurePrimaryHttpMessageHandler(sp => sp.GetRequiredService<EgressGuard>().CreateHandler())
            .AddHttpMessageHandler<VendorStatusHandler>();
        services.AddHttpClient(GraphEmailTransport.IdentityClientName).RemoveAllLoggers()
            .ConfigurePrimaryHttpMessageHandler(sp => sp.GetRequiredService<EgressGuard>().CreateHandler());
        services.AddHttpClient(GraphEmailTransport.ManagedIdentityClientName).RemoveAllLoggers()
            .ConfigurePrimaryHttpMessageHandler(sp => sp.GetRequiredService<EgressGuard>().CreateManagedIdentityHandler());

        services.AddSingleton<GraphEmailTransport>();
        services.AddSingleton<SmtpEmailTransport>();
        services.AddSingleton<DisabledEmailTransport>();
        services.AddSingleton<IEmailTransport>(sp =>
        {
            var status = sp.GetRequiredService<EmailTransportStatusService>().GetStatus();
            return status.ProblemSettings.Count > 0 ? new MisconfiguredEmailTransport(status)
                : status.Kind switch
                {
                    EmailTransportKind.Office365 => sp.GetRequiredService<GraphEmailTransport>(),
                    EmailTransportKind.Smtp => sp.GetRequiredService<SmtpEmailTransport>(),
                    _ => sp.GetRequiredService<DisabledEmailTransport>(),
                };
        });
        // The same configuration the options bind from, whether or not the host registered IConfiguration.
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<EmailTransportStatusService>(sp, configuration));
        return services;
    }
}
