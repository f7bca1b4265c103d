namespace MazeVault.Alerts.Core.Tests.Email;

/// <summary>Process-wide environment: these tests point the managed identity endpoint at a local server, one at a time.</summary>
[CollectionDefinition(nameof(ManagedIdentityEnvironment), DisableParallelization = true)]
public sealed class ManagedIdentityEnvironment;
