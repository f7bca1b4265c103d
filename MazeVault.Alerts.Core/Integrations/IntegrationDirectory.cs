using MazeVault.Alerts.Core.Storage;

namespace MazeVault.Alerts.Core.Integrations;

/// <summary>
/// The integrations list as operators read it: each integration with its health (the last delivery attempt), and a
/// delete that takes the health record with it.
/// </summary>
public sealed class IntegrationDirectory(IntegrationService integrations, IntegrationHealthStore health)
{
    /// <summary>One page of the organization's integrations, in id order, each with its health.</summary>
    public async Task<ListPage<IntegrationView>> ListAsync(string organizationId, PageRequest page, CancellationToken ct)
    {
        var listed = await integrations.ListAsync(organizationId, page, ct);
        var healths = await health.ListAsync(organizationId, listed.Items.Select(i => i.Id).ToList(), ct);
        return listed.Select(i => IntegrationView.From(i) with { Health = healths.GetValueOrDefault(i.Id) });
    }

    /// <summary>False when there was nothing to delete; a stale ETag throws, as the service's delete does.</summary>
    public async Task<bool> DeleteAsync(string organizationId, string id, string etag, CancellationToken ct)
    {
        if (!await integrations.DeleteAsync(organizationId, id, etag, ct))
        {
            return false;
        }

        await health.ForgetAsync(organizationId, id, ct);
        return true;
    }
}
