using System.Text.Json.Nodes;

namespace MazeVault.Alerts.Infra.Tests;

/// <summary>infra/main.bicep compiled once per test class by the real Bicep CLI.</summary>
public sealed class CompiledMainTemplate
{
    public CompiledMainTemplate()
    {
        var result = BicepCli.Run("build", InfraPaths.MainTemplate, "--stdout");
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"bicep build failed ({result.ExitCode}):\n{result.Diagnostics}");
        }

        Root = new ArmTemplate(JsonNode.Parse(result.StandardOutput)!.AsObject());
        AppSettings = Root.AppSettings();
    }

    public ArmTemplate Root { get; }
    public IReadOnlyList<AppSetting> AppSettings { get; }

    public AppSetting Setting(string name) =>
        AppSettings.SingleOrDefault(s => s.Name == name) ?? throw new Xunit.Sdk.XunitException($"No app setting {name} in the template.");
}
