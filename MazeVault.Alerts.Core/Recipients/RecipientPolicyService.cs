using MazeVault.Alerts.Core.Channels.Email;
using MazeVault.Alerts.Core.Delivery;
using MazeVault.Alerts.Core.Email;
using MazeVault.Alerts.Core.Integrations;
using MazeVault.Alerts.Core.Validation;
using Microsoft.Extensions.Options;

namespace MazeVault.Alerts.Core.Recipients;

/// <summary>
/// An organization's recipient policy: read and replaced by its admins, and asked whether a feed-supplied address may
/// receive email. With no policy saved, the allowed domains are those the deployment and the organization's admins
/// already send to: RECIPIENT_DEFAULT_DOMAINS, the sender mailbox's, ADMIN_EMAIL's and the incident contacts' (fail
/// closed: anywhere else needs an admin).
/// </summary>
public sealed class RecipientPolicyService(
    RecipientPolicyStore store,
    IIncidentContactStore contacts,
    IEmailTransport transport,
    IOptions<LegacyRecipientsOptions> legacy,
    IOptions<RecipientOptions> options,
    TimeProvider clock)
{
    /// <summary>Per list; an organization that needs more allows a domain instead.</summary>
    public const int MaxEntries = 500;

    /// <summary>The policy in force: the saved one, or the derived default (<see cref="RecipientPolicy.Configured"/> false).</summary>
    public async Task<RecipientPolicy> GetAsync(string organizationId, CancellationToken ct)
    {
        FieldErrors.RequireOrganization(organizationId);
        return await store.GetAsync(organizationId, ct) ?? await DefaultAsync(organizationId, ct);
    }

    /// <summary><paramref name="etag"/> null replaces unconditionally; otherwise it must match the stored policy.</summary>
    public Task<RecipientPolicy> ReplaceAsync(string organizationId, RecipientPolicyInput input, string? etag, CancellationToken ct)
    {
        FieldErrors.RequireOrganization(organizationId);
        var errors = new FieldErrors();
        if (input.AllowedDomains is null && input.AllowedAddresses is null)
        {
            errors.Add("body", "Give allowedDomains and/or allowedAddresses (empty lists allow no feed-supplied address).");
        }

        var domains = Domains(errors, "allowedDomains", input.AllowedDomains ?? []);
        var addresses = errors.Emails("allowedAddresses", input.AllowedAddresses, MaxEntries);
        errors.ThrowIfAny();
        return store.ReplaceAsync(new RecipientPolicy
        {
            OrganizationId = organizationId,
            AllowedDomains = domains,
            AllowedAddresses = addresses,
            UpdatedAt = clock.GetUtcNow(),
            ETag = etag,
        }, ct);
    }

    /// <summary>
    /// Refuses (422, nothing written) when any of <paramref name="addresses"/> (each with the field that named it, e.g.
    /// <c>rotationConfigs[3].notificationEmails[1]</c>) is not allowed by the organization's policy.
    /// </summary>
    public async Task RequireAllowedAsync(string organizationId, IReadOnlyList<(string Field, string Address)> addresses, CancellationToken ct)
    {
        if (addresses.Count == 0)
        {
            return;
        }

        var policy = await GetAsync(organizationId, ct);
        var errors = new FieldErrors();
        foreach (var (field, address) in addresses.Where(a => !policy.Allows(a.Address)))
        {
            errors.Add(field, "is not an allowed recipient of this organization: an admin allows its domain or address in the recipient policy.");
        }

        errors.ThrowIfAnyRefused();
    }

    /// <summary>
    /// A feed-supplied target (<see cref="DeliveryPlan.IsFeedSupplied"/>) as it may be sent now: only the addresses the
    /// policy allows today (it may have changed since the config was written); null when none is left. Other targets are
    /// returned as they are: an admin set their addresses.
    /// </summary>
    public async Task<Integration?> AllowedPartAsync(string targetRef, Integration target, CancellationToken ct)
    {
        if (!DeliveryPlan.IsFeedSupplied(targetRef) || target.Settings is not EmailSettings email)
        {
            return target;
        }

        var policy = await GetAsync(target.OrganizationId, ct);
        var allowed = email.Recipients.Where(policy.Allows).ToList();
        return allowed.Count == 0 ? null
            : allowed.Count == email.Recipients.Count ? target
            : target with { Settings = email with { EmailRecipients = allowed } };
    }

    private async Task<RecipientPolicy> DefaultAsync(string organizationId, CancellationToken ct)
    {
        var known = new List<string?> { legacy.Value.AdminEmail, transport.Mailbox };
        known.AddRange((await contacts.ListByPriorityAsync(organizationId, ct)).Select(c => c.Email));
        var domains = known.Select(RecipientPolicy.DomainOf).OfType<string>().Concat(options.Value.DefaultDomainList);
        return new RecipientPolicy
        {
            OrganizationId = organizationId,
            AllowedDomains = domains.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList(),
        };
    }

    private static List<string> Domains(FieldErrors errors, string field, IReadOnlyList<string?> values)
    {
        if (values.Count > MaxEntries)
        {
            errors.Add(field, $"must hold at most {MaxEntries} domains.");
            return [];
        }

        var domains = new List<string>();
        for (var i = 0; i < values.Count; i++)
        {
            var domain = values[i]?.Trim().TrimEnd('.').ToLowerInvariant();
            if (string.IsNullOrEmpty(domain) || domain.Length > 253 || !domain.Contains('.') || Uri.CheckHostName(domain) != UriHostNameType.Dns)
            {
                // Exact domains only: a wildcard or an address here would allow more (or less) than the admin reads.
                errors.Add($"{field}[{i}]", "must be a domain name such as example.com (exact: subdomains are listed on their own).");
            }
            else if (!domains.Contains(domain))
            {
                domains.Add(domain);
            }
        }

        return domains;
    }
}
