using System.Security.Cryptography;
using System.Text;
using MazeVault.Alerts.Core.Secrets;

namespace MazeVault.Alerts.Core.Channels;

/// <summary>
/// One destination as pacing sees it: a key that names it without revealing it (the channel type and a SHA-256 of what
/// identifies it, since a webhook URL is a credential) and the rate it allows. Integrations, even of different
/// organizations, that send to the same place share one key and so one rate.
/// </summary>
public sealed record PacedDestination(string Key, PacingRate Rate)
{
    public static PacedDestination Of(string channelType, string identity, PacingRate rate) => new(KeyOf(channelType, identity), rate);

    /// <summary>The key of the destination <paramref name="identity"/> names, also where its other limits are counted (table <c>Pacing</c>).</summary>
    public static string KeyOf(string channelType, string identity) =>
        $"{channelType}-{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(identity.Trim())))}";

    /// <summary>The destination behind a secret URL setting (Slack, Teams, webhook); null when the setting is missing.</summary>
    public static async Task<PacedDestination?> OfSecretAsync(string channelType, Secret? url, PacingRate rate, CancellationToken ct) =>
        url is null ? null : Of(channelType, await url.RevealAsync(ct), rate);
}
