namespace MazeVault.Alerts.Functions.Tests;

public sealed class BuildOutputTests
{
    [Fact]
    public void Host_json_ships_with_the_functions_build_output()
    {
        var output = Path.GetDirectoryName(typeof(Composition).Assembly.Location)!;
        Assert.True(File.Exists(Path.Combine(output, "host.json")), $"host.json missing in {output}");
    }
}
