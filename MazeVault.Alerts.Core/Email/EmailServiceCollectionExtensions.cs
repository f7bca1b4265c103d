using MazeVault.Alerts.Core.Egress;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MazeVault.Alerts.Core.Email;

public static class EmailServiceCollectionExtensions
{
    /// <summary>Registers the email transport chosen by the spec's priority (O365, else SMTP, else disabled).</summary>
    public static IServiceCollection AddAlertsEmail(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<O365Options>().Bind(configuration).ValidateOnStart();
        services.AddSingleton<IValidateOptions<O365Options>, O365OptionsValidator>();
        services.AddOptions<SmtpOptions>().Bind(configuration).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SmtpOptions>, SmtpOptionsValidator>();

        // Request logging off: the token request carries the client secret in its body and Graph URLs name the sender.
        // Graph and the token endpoint can be overridden (sovereign clouds): they go through the egress guard like vendors.
        services.AddAlertsEgress(configuration);
        services.AddHttpClient(GraphEmailTransport.GraphClientName).RemoveAllLoggers()
            .ConfigurePrimaryHttpMessageHandler(sp => sp.GetRequiredService<EgressGuard>().CreateHandler());
        services.AddHttpClient(GraphEmailTransport.IdentityClientName).RemoveAllLoggers()
            .ConfigurePrimaryHttpMessageHandler(sp => sp.GetRequiredService<EgressGuard>().CreateHandler());

        services.AddSingleton<GraphEmailTransport>();
        services.AddSingleton<SmtpEmailTransport>();
        services.AddSingleton<DisabledEmailTransport>();
        services.AddSingleton<IEmailTransport>(sp =>
            EmailTransportSelection.Choose(sp.GetRequiredService<IOptions<O365Options>>().Value, sp.GetRequiredService<IOptions<SmtpOptions>>().Value) switch
            {
                EmailTransportKind.Office365 => sp.GetRequiredService<GraphEmailTransport>(),
                EmailTransportKind.Smtp => sp.GetRequiredService<SmtpEmailTransport>(),
                _ => sp.GetRequiredService<DisabledEmailTransport>(),
            });
        // The same configuration the options bind from, whether or not the host registered IConfiguration.
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<EmailTransportStatusService>(sp, configuration));
        return services;
    }
}
