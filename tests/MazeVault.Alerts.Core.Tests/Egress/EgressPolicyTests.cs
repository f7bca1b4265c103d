using System.Net;
using MazeVault.Alerts.Core.Egress;
using Microsoft.Extensions.Options;

namespace MazeVault.Alerts.Core.Tests.Egress;

/// <summary>Which addresses vendor calls may reach: decided on the address, without opening a socket.</summary>
public sealed class EgressPolicyTests
{
    private static EgressPolicy Policy(string? allowed = null) => new(Options.Create(new EgressOptions { AllowedNetworks = allowed }));

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.255.255.254")]
    [InlineData("0.0.0.0")]
    [InlineData("10.0.0.1")]
    [InlineData("172.16.0.1")]
    [InlineData("172.31.255.255")]
    [InlineData("192.168.0.1")]
    [InlineData("100.64.0.1")]
    [InlineData("169.254.169.254")]
    [InlineData("224.0.0.1")]
    [InlineData("255.255.255.255")]
    [InlineData("::1")]
    [InlineData("::")]
    [InlineData("fe80::1")]
    [InlineData("fc00::1")]
    [InlineData("fd00:ec2::254")]
    [InlineData("ff02::1")]
    [InlineData("::ffff:127.0.0.1")]
    [InlineData("::ffff:169.254.169.254")]
    [InlineData("::ffff:10.1.2.3")]
    [InlineData("64:ff9b::a9fe:a9fe")]
    [InlineData("168.63.129.16")]
    [InlineData("::ffff:168.63.129.16")]
    [InlineData("::a9fe:a9fe")]
    [InlineData("::7f00:1")]
    [InlineData("::808:808")]
    [InlineData("2002:a9fe:a9fe::1")]
    [InlineData("2002:808:808::1")]
    [InlineData("2001:0:4136:e378:8000:63bf:3fff:fdd2")]
    [InlineData("2001:0:ffff:ffff::1")]
    [InlineData("64:ff9b:1::a9fe:a9fe")]
    [InlineData("64:ff9b:1:ffff::808:808")]
    public void Internal_addresses_are_refused(string address) => Assert.False(Policy().IsAllowed(IPAddress.Parse(address)));

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("1.1.1.1")]
    [InlineData("172.32.0.1")]
    [InlineData("100.128.0.1")]
    [InlineData("2606:4700:4700::1111")]
    [InlineData("::ffff:8.8.8.8")]
    [InlineData("168.63.129.17")]
    [InlineData("2001:4860:4860::8888")]
    [InlineData("2001:1::1")]
    [InlineData("64:ff9b::808:808")]
    public void Public_addresses_are_allowed(string address) => Assert.True(Policy().IsAllowed(IPAddress.Parse(address)));

    [Theory]
    [InlineData("10.20.1.1", true)]
    [InlineData("::ffff:10.20.0.9", true)]
    [InlineData("fd12:3456::5", true)]
    [InlineData("10.21.0.1", false)]
    [InlineData("127.0.0.1", false)]
    [InlineData("fd12:3457::5", false)]
    [InlineData("8.8.8.8", true)]
    public void The_allow_list_opens_exactly_the_networks_it_names(string address, bool allowed) =>
        Assert.Equal(allowed, Policy("10.20.0.0/16, fd12:3456::/48").IsAllowed(IPAddress.Parse(address)));

    [Theory]
    [InlineData("https://127.0.0.1/hook")]
    [InlineData("https://localhost:8443/hook")]
    [InlineData("https://alerts.localhost/hook")]
    [InlineData("https://[::1]/hook")]
    [InlineData("https://2130706433/hook")]
    [InlineData("https://0x7f000001/hook")]
    [InlineData("https://127.1/hook")]
    [InlineData("https://017700000001/hook")]
    [InlineData("https://[::ffff:127.0.0.1]/hook")]
    [InlineData("https://0.0.0.0/hook")]
    [InlineData("https://169.254.169.254/latest/meta-data")]
    [InlineData("https://[fd00:ec2::254]/latest")]
    [InlineData("https://10.0.0.1/hook")]
    [InlineData("https://192.168.0.1/hook")]
    public void A_url_naming_an_internal_address_in_any_spelling_is_refused_as_written(string url) =>
        Assert.True(Policy().RefusesLiteral(new Uri(url)), url);

    [Theory]
    [InlineData("https://hooks.slack.com/services/T/B/x")]
    [InlineData("https://8.8.8.8/hook")]
    [InlineData("https://company.atlassian.net")]
    public void A_public_address_or_a_name_passes_the_literal_check(string url) => Assert.False(Policy().RefusesLiteral(new Uri(url)));

    [Fact]
    public void A_literal_inside_an_allowed_network_passes() => Assert.False(Policy("10.0.0.0/8").RefusesLiteral(new Uri("https://10.1.2.3/jira")));

    [Theory]
    [InlineData("10.0.0.0/33")]
    [InlineData("10.0.0.1/8")]
    [InlineData("bogus")]
    [InlineData("10.0.0.0")]
    public void An_allow_list_entry_that_is_not_a_cidr_is_named(string entry)
    {
        EgressPolicy.ParseNetworks($"192.168.0.0/16, {entry}", out var error);

        Assert.Contains($"'{entry}'", error);
    }
}
