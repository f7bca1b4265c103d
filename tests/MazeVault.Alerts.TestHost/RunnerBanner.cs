namespace MazeVault.Alerts.TestHost;

/// <summary>What the development runner prints once the app runs: which host, where each function is, and how to stop.</summary>
internal static class RunnerBanner
{
    public static string For(FunctionsAppHost host, string routePrefix, TimeZoneInfo timerZone)
    {
        var root = host.BaseAddress.AbsoluteUri.TrimEnd('/');
        var api = string.IsNullOrEmpty(routePrefix) ? root : $"{root}/{routePrefix}";
        var lines = new List<string>
        {
            "",
            $"MazeVault Alerts runs under the project's development host (the worker protocol, not Azure Functions Core Tools), worker pid {host.WorkerProcessId}.",
            "",
            "Functions:",
        };
        foreach (var function in host.Functions.OrderBy(f => f.Name, StringComparer.Ordinal))
        {
            var trigger = function.Trigger;
            lines.Add(trigger.Type.ToLowerInvariant() switch
            {
                "httptrigger" => $"  {function.Name}: [{string.Join(',', trigger.Raw["methods"]?.AsArray().Select(m => m!.ToString().ToUpperInvariant()) ?? ["ANY"])}] {api}/{trigger["route"] ?? function.Name}",
                "timertrigger" => $"  {function.Name}: timerTrigger ({timerZone.Id}); run now: POST {root}/admin/functions/{function.Name}",
                _ => $"  {function.Name}: {trigger.Type}",
            });
        }

        lines.AddRange(
        [
            "",
            $"Health:  {api}/health",
            $"Console: {api}/console/",
            "Press Ctrl+C to stop.",
            "",
        ]);
        return string.Join(Environment.NewLine, lines);
    }
}
