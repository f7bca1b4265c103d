namespace MazeVault.Alerts.EndToEnd.Tests;

/// <summary>An API key as its creator got it: the id it is listed and revoked by, and the secret sent as X-Api-Key.</summary>
public sealed record IssuedKey(string Id, string Secret);
