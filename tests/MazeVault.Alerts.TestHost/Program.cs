using MazeVault.Alerts.TestHost;

// The development runner (npm start without Core Tools); the tests and the benchmark use FunctionsAppHost directly.
try
{
    return await DevelopmentRunner.RunAsync(RunnerArguments.Parse(args));
}
catch (Exception e) when (e is ArgumentException or FunctionsHostException)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}
