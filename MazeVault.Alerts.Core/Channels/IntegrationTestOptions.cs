using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;

namespace MazeVault.Alerts.Core.Channels;

/// <summary>How long the Test action may hold a request, and how often one integration may be tested.</summary>
public sealed class IntegrationTestOptions
{
    /// <summary>At most 10 s: the caller waits for the answer, and a slow destination must not hold requests open.</summary>
    [ConfigurationKeyName("INTEGRATION_TEST_TIMEOUT_SECONDS")]
    [Range(1, 10)]
    public int TimeoutSeconds { get; set; } = 10;

    /// <summary>Tests of one integration allowed per window, per app instance.</summary>
    [ConfigurationKeyName("INTEGRATION_TEST_LIMIT")]
    [Range(1, 100)]
    public int Limit { get; set; } = 5;

    [ConfigurationKeyName("INTEGRATION_TEST_WINDOW_SECONDS")]
    [Range(1, 3600)]
    public int WindowSeconds { get; set; } = 60;
}
