namespace MazeVault.Alerts.Core.Tests.Egress;

/// <summary>Process-wide proxy settings (HTTPS_PROXY, HttpClient.DefaultProxy): these tests run alone.</summary>
[CollectionDefinition(nameof(ProcessProxyEnvironment), DisableParallelization = true)]
public sealed class ProcessProxyEnvironment;
