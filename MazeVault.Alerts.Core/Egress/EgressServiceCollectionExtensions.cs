using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace MazeVault.Alerts.Core.Egress;

public static class EgressServiceCollectionExtensions
{
    /// <summary>
    /// Registers the egress policy (EGRESS_ALLOWED_NETWORKS, checked at startup) and the guarded connect. Storage, email,
    /// channels and delivery each need it, so each calls this; the Try registrations keep one of each.
    /// </summary>
    public static IServiceCollection AddAlertsEgress(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<EgressOptions>().Bind(configuration).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<EgressOptions>, AllowedNetworksAreCidrs>());
        services.TryAddSingleton<EgressPolicy>();
        services.TryAddSingleton<EgressGuard>();
        return services;
    }

    /// <summary>Names the first entry of EGRESS_ALLOWED_NETWORKS that is not a CIDR.</summary>
    private sealed class AllowedNetworksAreCidrs : IValidateOptions<EgressOptions>
    {
        public ValidateOptionsResult Validate(string? name, EgressOptions options)
        {
            EgressPolicy.ParseNetworks(options.AllowedNetworks, out var error);
            return error is null ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(error);
        }
    }
}
