using System.Security.Cryptography;
using MazeVault.Alerts.Core.Secrets;
using MazeVault.Alerts.TestSupport;

namespace MazeVault.Alerts.Infra.Tests;

/// <summary>
/// SECRETS_KEK checked before deployment: scripts/check-secrets-kek.sh, azd's preprovision hook, run by sh as azd runs it,
/// refuses what the app would not seal with (<see cref="KeyEncryptionKey.SealingRefusal"/>, with its wording), and the
/// template refuses a value that is not even Base64 of 32 bytes in shape.
/// </summary>
public sealed class SecretsKekCheckTests(CompiledMainTemplate main) : IClassFixture<CompiledMainTemplate>
{
    private const string Script = "scripts/check-secrets-kek.sh";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public static TheoryData<string> ValuesTheAppRefuses => new()
    {
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(16)),
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(31)),
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(33)),
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(48)),
        "correct-horse-battery-staple-and-more-words!",
        "-" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))[1..],
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))[..43] + "!",
        Convert.ToBase64String(new byte[32]),
        Convert.ToBase64String([.. Enumerable.Repeat((byte[])[0xde, 0xad, 0xbe, 0xef], 8).SelectMany(b => b)]),
        Convert.ToBase64String([.. Enumerable.Range(0, 32).Select(i => (byte)(i % 15))]),
    };

    [Theory]
    [MemberData(nameof(ValuesTheAppRefuses))]
    public void A_value_the_app_would_not_seal_with_stops_the_deployment_with_the_apps_reason_and_without_the_value(string value)
    {
        var refusal = KeyEncryptionKey.SealingRefusal(value);
        Assert.NotNull(refusal);

        var result = Check(value);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"SECRETS_KEK cannot seal: {refusal}.", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("openssl rand -base64 32", result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain(value, result.StandardError + result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public void Keys_of_32_random_bytes_pass_as_the_app_takes_them()
    {
        for (var i = 0; i < 50; i++)
        {
            var value = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
            Assert.Null(KeyEncryptionKey.SealingRefusal(value));
            Assert.Equal(0, Check(value).ExitCode);
        }

        // Fifteen distinct byte values are a pattern to the app; sixteen may be chance.
        Assert.Equal(0, Check(Convert.ToBase64String([.. Enumerable.Range(0, 32).Select(i => (byte)(i % 16 * 17))])).ExitCode);
    }

    [Fact]
    public void What_the_deployment_docs_generate_passes()
    {
        // The command of docs/deployment.md, as a shell runs it.
        var result = CliProcess.Run("sh", RepositoryPaths.Root, new Dictionary<string, string?>(),
            ["-c", $"SECRETS_KEK=\"$(openssl rand -base64 32)\" sh {Script}"], Timeout);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Diagnostics);
    }

    [Fact]
    public void An_empty_or_unset_value_passes_because_it_leaves_the_vaults_secret_as_it_is()
    {
        Assert.Equal(0, Check("").ExitCode);
        Assert.Equal(0, CliProcess.Run("sh", RepositoryPaths.Root, new Dictionary<string, string?> { ["SECRETS_KEK"] = null }, [Script], Timeout).ExitCode);
    }

    [Fact]
    public void Whitespace_around_a_good_key_is_refused_because_the_template_stores_the_value_as_given()
    {
        var result = Check($" {Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))}\n");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("it is not Base64 of exactly 32 bytes", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void Azd_runs_the_check_before_provisioning()
    {
        var azureYaml = File.ReadAllLines(Path.Combine(RepositoryPaths.Root, "azure.yaml")).Select(l => l.Trim()).ToList();

        var hook = azureYaml.IndexOf("preprovision:");
        Assert.True(hook > azureYaml.IndexOf("hooks:") && azureYaml.IndexOf("hooks:") >= 0, "azure.yaml has no preprovision hook");
        Assert.Equal(["posix:", "shell: sh", $"run: ./{Script}"], azureYaml.Skip(hook + 1).Take(3));
    }

    [Fact]
    public void The_template_refuses_a_key_that_is_not_base64_of_32_bytes_in_shape_and_passes_empty()
    {
        var vault = main.Root.Modules.Single(m => m.Name == "keyVault");
        var kek = ArmTemplate.Text(vault.PassedParameter("secrets")!.AsObject().Single(p => p.Key.Contains("secretsKekSecretName", StringComparison.Ordinal)).Value);
        var shape = ArmTemplate.Text(main.Root.Variable("secretsKekHasBase64Shape"));

        Assert.StartsWith("[if(variables('secretsKekHasBase64Shape'), parameters('secretsKeyEncryptionKey'), fail('SECRETS_KEK (secretsKeyEncryptionKey) cannot seal: it is not Base64 of exactly 32 bytes.", kek, StringComparison.Ordinal);
        Assert.StartsWith("[or(empty(parameters('secretsKeyEncryptionKey')), and(and(equals(length(parameters('secretsKeyEncryptionKey')), 44), endsWith(parameters('secretsKeyEncryptionKey'), '=')),", shape, StringComparison.Ordinal);
        Assert.Contains("'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'", shape, StringComparison.Ordinal);
    }

    private static CliResult Check(string value) =>
        CliProcess.Run("sh", RepositoryPaths.Root, new Dictionary<string, string?> { ["SECRETS_KEK"] = value }, [Script], Timeout);
}
