using System.Text.Json.Nodes;
using MazeVault.Alerts.TestSupport;

namespace MazeVault.Alerts.Infra.Tests;

/// <summary>bicep build and bicep lint over every template in infra/, with bicepconfig.json making findings errors.</summary>
public sealed class BicepLintTests
{
    public static TheoryData<string> BicepFiles() => new(InfraPaths.AllBicepFiles().Select(InfraPaths.Relative));

    [Theory]
    [MemberData(nameof(BicepFiles))]
    public void Template_lints_with_no_diagnostic_at_all(string file)
    {
        var result = BicepCli.Run("lint", Path.Combine(RepositoryPaths.Root, file));

        Assert.True(result.ExitCode == 0 && result.Diagnostics.Length == 0 && result.StandardOutput.Trim().Length == 0,
            $"bicep lint {file} exited {result.ExitCode}:\n{result.StandardOutput}\n{result.Diagnostics}");
    }

    [Theory]
    [MemberData(nameof(BicepFiles))]
    public void Template_builds_with_no_warning(string file)
    {
        var path = Path.Combine(RepositoryPaths.Root, file);
        var result = file.EndsWith(".bicepparam", StringComparison.Ordinal)
            ? BicepCli.Run("build-params", path, "--stdout")
            : BicepCli.Run("build", path, "--stdout");

        Assert.True(result.ExitCode == 0 && result.Diagnostics.Length == 0,
            $"bicep build {file} exited {result.ExitCode}:\n{result.Diagnostics}");
        Assert.NotNull(JsonNode.Parse(result.StandardOutput));
    }

    [Fact]
    public void Infra_holds_main_its_parameters_and_local_modules()
    {
        var files = InfraPaths.AllBicepFiles().Select(InfraPaths.Relative).ToList();

        Assert.Contains(Path.Combine("infra", "main.bicep"), files);
        Assert.Contains(Path.Combine("infra", "main.bicepparam"), files);
        Assert.Contains(files, f => f.StartsWith(Path.Combine("infra", "modules"), StringComparison.Ordinal));
        // Registry modules cannot be restored offline: every module must be a local file.
        Assert.All(InfraPaths.AllBicepFiles(), f => Assert.DoesNotContain("'br:", File.ReadAllText(f), StringComparison.Ordinal));
        Assert.All(InfraPaths.AllBicepFiles(), f => Assert.DoesNotContain("'br/", File.ReadAllText(f), StringComparison.Ordinal));
    }

    [Fact]
    public void Linter_config_sets_every_listed_rule_to_error()
    {
        var config = JsonNode.Parse(File.ReadAllText(Path.Combine(InfraPaths.Infra, "bicepconfig.json")))!;
        var core = config["analyzers"]!["core"]!;
        var rules = core["rules"]!.AsObject();

        Assert.True(core["enabled"]!.GetValue<bool>());
        Assert.True(rules.Count >= 30, $"only {rules.Count} rules configured");
        Assert.All(rules, r => Assert.Equal("error", r.Value!["level"]!.GetValue<string>()));
    }

    [Fact]
    public void Linter_finding_fails_lint_under_the_infra_config()
    {
        // A scratch folder with the real bicepconfig.json and a template breaking one rule.
        var folder = Directory.CreateTempSubdirectory("bicep-lint-");
        try
        {
            File.Copy(Path.Combine(InfraPaths.Infra, "bicepconfig.json"), Path.Combine(folder.FullName, "bicepconfig.json"));
            var template = Path.Combine(folder.FullName, "unused.bicep");
            File.WriteAllText(template, "param unusedName string\n");

            var result = BicepCli.Run("lint", template);

            Assert.NotEqual(0, result.ExitCode);
            Assert.Contains("Error no-unused-params", result.StandardOutput + result.Diagnostics, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
