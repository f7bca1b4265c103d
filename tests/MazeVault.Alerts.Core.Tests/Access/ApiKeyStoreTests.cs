using Azure.Data.Tables;
using MazeVault.Alerts.Core.Access;
using MazeVault.Alerts.Core.Storage;
using MazeVault.Alerts.Core.Tests.Storage;
using MazeVault.Alerts.Core.Validation;
using Microsoft.Extensions.Time.Testing;

namespace MazeVault.Alerts.Core.Tests.Access;

/// <summary>API keys in Azurite: issued once, stored only as a hash, refused when unknown, altered, revoked or expired.</summary>
public sealed class ApiKeyStoreTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 7, 9, 0, 0, TimeSpan.Zero));
    private readonly AzuriteStorage _storage = new(azurite);

    private ApiKeyStore Store => new(_storage.Tables, _clock);

    [Fact]
    public async Task A_new_key_authenticates_as_itself_and_only_its_hash_is_stored()
    {
        var issued = await Store.CreateAsync(new ApiKeyInput { Name = "vault-service", Role = "submitter", Organizations = ["acme", "acme"] }, "admin", CancellationToken.None);

        Assert.StartsWith(ApiKeySecret.Prefix + issued.Id + "_", issued.Secret!, StringComparison.Ordinal);
        Assert.True(issued.Secret!.Length >= 60, issued.Secret!.Length.ToString());
        var key = await Store.AuthenticateAsync(issued.Secret!, CancellationToken.None);
        Assert.Equal((issued.Id, "vault-service", OrganizationRole.Submitter, _clock.GetUtcNow(), "admin", (DateTimeOffset?)null),
            (key!.Id, key.Name, key.Role, key.CreatedAt, key.CreatedBy, key.ExpiresAt));
        Assert.Equal(["acme"], key.Organizations);

        var row = await (await _storage.Tables.GetAsync(TableNames.AccessKeys, CancellationToken.None)).GetEntityAsync<TableEntity>("key", issued.Id);
        var secretPart = issued.Secret![(issued.Secret!.LastIndexOf('_') + 1)..];
        Assert.DoesNotContain(row.Value, p => p.Value?.ToString()?.Contains(secretPart, StringComparison.Ordinal) == true);
        Assert.Equal(ApiKeySecret.Hash(issued.Secret!), row.Value.GetString("Hash"));
    }

    [Fact]
    public async Task An_altered_unknown_or_malformed_key_is_refused()
    {
        var issued = await Store.CreateAsync(new ApiKeyInput { Name = "k", Role = "reader", Organizations = ["acme"] }, "admin", CancellationToken.None);
        var last = issued.Secret![^1] == 'A' ? 'B' : 'A';

        foreach (var presented in new[]
                 {
                     issued.Secret![..^1] + last, ApiKeySecret.New().Text, "mvk_", "mvk_zzzzzzzzzzzzzzzz_x", issued.Secret! + new string('x', 200),
                     issued.Id, "Bearer " + issued.Secret!,
                 })
        {
            Assert.Null(await Store.AuthenticateAsync(presented, CancellationToken.None));
        }
    }

    [Fact]
    public async Task A_revoked_key_is_refused_at_once_and_an_expired_one_from_its_expiry()
    {
        var revoked = await Store.CreateAsync(new ApiKeyInput { Name = "r", Role = "reader", Organizations = ["acme"] }, "admin", CancellationToken.None);
        var expiring = await Store.CreateAsync(
            new ApiKeyInput { Name = "e", Role = "reader", Organizations = ["acme"], ExpiresAt = _clock.GetUtcNow().AddHours(1) }, "admin", CancellationToken.None);

        Assert.True(await Store.RevokeAsync(revoked.Id, CancellationToken.None));
        Assert.False(await Store.RevokeAsync(revoked.Id, CancellationToken.None));
        Assert.Null(await Store.AuthenticateAsync(revoked.Secret!, CancellationToken.None));

        _clock.Advance(TimeSpan.FromMinutes(59));
        Assert.NotNull(await Store.AuthenticateAsync(expiring.Secret!, CancellationToken.None));
        _clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Null(await Store.AuthenticateAsync(expiring.Secret!, CancellationToken.None));
    }

    [Fact]
    public async Task Last_use_is_listed_and_written_at_most_every_five_minutes()
    {
        var issued = await Store.CreateAsync(new ApiKeyInput { Name = "u", Role = "reader", Organizations = ["acme"] }, "admin", CancellationToken.None);
        var first = _clock.GetUtcNow();

        await Store.AuthenticateAsync(issued.Secret!, CancellationToken.None);
        _clock.Advance(TimeSpan.FromMinutes(4));
        await Store.AuthenticateAsync(issued.Secret!, CancellationToken.None);
        Assert.Equal(first, await LastUsedAsync(issued.Id));

        _clock.Advance(TimeSpan.FromMinutes(1));
        await Store.AuthenticateAsync(issued.Secret!, CancellationToken.None);
        Assert.Equal(first.AddMinutes(5), await LastUsedAsync(issued.Id));
    }

    public static TheoryData<ApiKeyInput, string> Invalid() => new()
    {
        { new ApiKeyInput { Role = "reader", Organizations = ["acme"] }, "name" },
        { new ApiKeyInput { Name = new string('n', 101), Role = "reader", Organizations = ["acme"] }, "name" },
        { new ApiKeyInput { Name = "k", Role = "owner", Organizations = ["acme"] }, "role" },
        { new ApiKeyInput { Name = "k", Organizations = ["acme"] }, "role" },
        { new ApiKeyInput { Name = "k", Role = "reader" }, "organizations" },
        { new ApiKeyInput { Name = "k", Role = "reader", Organizations = [] }, "organizations" },
        { new ApiKeyInput { Name = "k", Role = "reader", Organizations = [ApiKey.AllOrganizations] }, "organizations" },
        { new ApiKeyInput { Name = "k", Role = "admin", Organizations = [ApiKey.AllOrganizations, "acme"] }, "organizations" },
        { new ApiKeyInput { Name = "k", Role = "reader", Organizations = ["ac/me"] }, "organizations[0]" },
        { new ApiKeyInput { Name = "k", Role = "reader", Organizations = ["acme", null] }, "organizations[1]" },
        { new ApiKeyInput { Name = "k", Role = "reader", Organizations = Enumerable.Range(0, 101).Select(i => (string?)$"o{i}").ToList() }, "organizations" },
        { new ApiKeyInput { Name = "k", Role = "reader", Organizations = ["acme"], ExpiresAt = new DateTimeOffset(2026, 12, 7, 9, 0, 0, TimeSpan.Zero) }, "expiresAt" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public async Task Invalid_input_is_refused_naming_the_field_and_writes_nothing(ApiKeyInput input, string field)
    {
        var before = (await ListPages.AllAsync(page => Store.ListAsync(page, CancellationToken.None))).Count;

        var error = await Assert.ThrowsAsync<ValidationException>(() => Store.CreateAsync(input, "admin", CancellationToken.None));

        Assert.Contains(error.Errors, e => e.Field == field);
        Assert.Equal(before, (await ListPages.AllAsync(page => Store.ListAsync(page, CancellationToken.None))).Count);
    }

    private async Task<DateTimeOffset?> LastUsedAsync(string id) =>
        (await ListPages.AllAsync(page => Store.ListAsync(page, CancellationToken.None))).Single(k => k.Id == id).LastUsedAt;
}
