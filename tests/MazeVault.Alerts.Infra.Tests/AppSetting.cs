namespace MazeVault.Alerts.Infra.Tests;

/// <summary>One app setting as compiled: its value is a literal or an ARM expression, evaluated in <see cref="Scope"/>.</summary>
public sealed record AppSetting(string Name, string Value, ArmTemplate Scope);
