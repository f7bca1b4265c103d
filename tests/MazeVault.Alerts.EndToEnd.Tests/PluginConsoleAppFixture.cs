namespace MazeVault.Alerts.EndToEnd.Tests;

/// <summary>
/// The console against tests/MazeVault.Alerts.PluginApp: the compiled app plus the test-only pager channel, plugged in
/// by its one registration line.
/// </summary>
public sealed class PluginConsoleAppFixture() : ConsoleAppFixture("PluginAppDirectory");
