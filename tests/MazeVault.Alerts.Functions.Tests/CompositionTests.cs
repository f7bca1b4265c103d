using System.Reflection;
using System.Text.Json;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MazeVault.Alerts.Functions.Tests;

public sealed class CompositionTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    /// <summary>Every class with a [Function] method: found by reflection so that new functions are covered without editing this test.</summary>
    private static readonly IReadOnlyList<Type> FunctionClasses = typeof(Composition).Assembly.GetTypes()
        .Where(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static).Any(m => m.GetCustomAttribute<FunctionAttribute>() is not null))
        .ToList();

    /// <summary>The app settings a developer starts with (local.settings.sample.json), storage pointed at this test's Azurite.</summary>
    private IConfiguration SampleConfiguration()
    {
        using var sample = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "local.settings.sample.json")));
        var values = sample.RootElement.GetProperty("Values").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString());
        values["AzureWebJobsStorage"] = azurite.ConnectionString;
        return new ConfigurationBuilder().AddInMemoryCollection(values).Build();
    }

    [Fact]
    public void Every_function_class_resolves_from_the_real_composition_with_validated_options()
    {
        var configuration = SampleConfiguration();
        var services = new ServiceCollection();
        // What the Functions host provides itself.
        services.AddSingleton(configuration);
        services.AddLogging();
        Composition.AddAlertServices(services, configuration);

        using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        // What the host runs at start: options registered with ValidateOnStart.
        provider.GetService<IStartupValidator>()?.Validate();

        Assert.Contains(typeof(IntegrationsApi), FunctionClasses);
        using var scope = provider.CreateScope();
        // Static classes hold only static functions: the worker never constructs them.
        foreach (var type in FunctionClasses.Where(t => !(t.IsAbstract && t.IsSealed)))
        {
            // How the worker's default function activator creates a function class per invocation.
            Assert.IsType(type, ActivatorUtilities.CreateInstance(scope.ServiceProvider, type));
        }
    }
}
