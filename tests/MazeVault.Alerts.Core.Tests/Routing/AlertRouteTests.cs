using MazeVault.Alerts.Core.Channels;
using MazeVault.Alerts.Core.Routing;
using MazeVault.Alerts.Core.Validation;

namespace MazeVault.Alerts.Core.Tests.Routing;

/// <summary>Alerts × routes: which rule, if any, keeps each alert out.</summary>
public sealed class AlertRouteTests
{
    private static readonly AlertTraits HighIncidentOnProdDb = new(AlertKind.Incident, NotificationSeverity.High, "prod-db");

    public static TheoryData<AlertRoute, AlertKind, NotificationSeverity, string, string?> Table() => new()
    {
        // No route, and routes with only empty lists, take everything.
        { AlertRoute.Everything, AlertKind.Incident, NotificationSeverity.Info, "anything", null },
        { AlertRoute.Everything, AlertKind.Resolved, NotificationSeverity.Info, "", null },
        { TestRoutes.Of(kinds: [], include: [], exclude: []), AlertKind.RotationFailure, NotificationSeverity.High, "x", null },
        // Kinds.
        { TestRoutes.Of(kinds: ["incident"]), AlertKind.Incident, NotificationSeverity.Info, "x", null },
        { TestRoutes.Of(kinds: ["incident"]), AlertKind.CertificateExpiry, NotificationSeverity.High, "x", "route.kinds" },
        { TestRoutes.Of(kinds: ["incident"]), AlertKind.Resolved, NotificationSeverity.Info, "x", "route.kinds" },
        { TestRoutes.Of(kinds: ["CERTIFICATE_EXPIRY", "resolved"]), AlertKind.Resolved, NotificationSeverity.Info, "x", null },
        { TestRoutes.Of(kinds: ["rotation_failure"]), AlertKind.RotationFailure, NotificationSeverity.High, "x", null },
        // Severity boundaries: the minimum itself is in, one below is out; resolved notices follow their alert.
        { TestRoutes.Of(minSeverity: "high"), AlertKind.Incident, NotificationSeverity.High, "x", null },
        { TestRoutes.Of(minSeverity: "high"), AlertKind.Incident, NotificationSeverity.Critical, "x", null },
        { TestRoutes.Of(minSeverity: "high"), AlertKind.Incident, NotificationSeverity.Warning, "x", "route.minSeverity" },
        { TestRoutes.Of(minSeverity: "low"), AlertKind.Incident, NotificationSeverity.Info, "x", null },
        { TestRoutes.Of(minSeverity: "critical"), AlertKind.CertificateExpiry, NotificationSeverity.High, "x", "route.minSeverity" },
        { TestRoutes.Of(minSeverity: "critical"), AlertKind.Resolved, NotificationSeverity.Info, "x", null },
        { TestRoutes.Of(minSeverity: "Medium"), AlertKind.CertificateExpiry, NotificationSeverity.Warning, "x", null },
        // Globs: * at either end, both, in the middle, alone, none; case-insensitive; Unicode.
        { TestRoutes.Of(include: ["prod-*"]), AlertKind.Incident, NotificationSeverity.Info, "prod-db", null },
        { TestRoutes.Of(include: ["prod-*"]), AlertKind.Incident, NotificationSeverity.Info, "prod-", null },
        { TestRoutes.Of(include: ["prod-*"]), AlertKind.Incident, NotificationSeverity.Info, "my-prod-db", "route.include" },
        { TestRoutes.Of(include: ["*-db"]), AlertKind.Incident, NotificationSeverity.Info, "prod-db", null },
        { TestRoutes.Of(include: ["*-db"]), AlertKind.Incident, NotificationSeverity.Info, "prod-db-2", "route.include" },
        { TestRoutes.Of(include: ["*prod*"]), AlertKind.Incident, NotificationSeverity.Info, "eu-prod-db", null },
        { TestRoutes.Of(include: ["prod-*-eu"]), AlertKind.Incident, NotificationSeverity.Info, "prod-db-eu", null },
        { TestRoutes.Of(include: ["prod-*-eu"]), AlertKind.Incident, NotificationSeverity.Info, "prod-eu", "route.include" },
        { TestRoutes.Of(include: ["a*b*a"]), AlertKind.Incident, NotificationSeverity.Info, "aba", null },
        { TestRoutes.Of(include: ["a*b*a"]), AlertKind.Incident, NotificationSeverity.Info, "ab", "route.include" },
        { TestRoutes.Of(include: ["*"]), AlertKind.Incident, NotificationSeverity.Info, "", null },
        { TestRoutes.Of(include: ["prod-db"]), AlertKind.Incident, NotificationSeverity.Info, "PROD-DB", null },
        { TestRoutes.Of(include: ["prod-db"]), AlertKind.Incident, NotificationSeverity.Info, "prod-db2", "route.include" },
        { TestRoutes.Of(include: ["PROD-*"]), AlertKind.Incident, NotificationSeverity.Info, "prod-db", null },
        { TestRoutes.Of(include: ["école-*"]), AlertKind.Incident, NotificationSeverity.Info, "ÉCOLE-paris", null },
        { TestRoutes.Of(include: ["*-датабаза"]), AlertKind.Incident, NotificationSeverity.Info, "prod-ДАТАБАЗА", null },
        { TestRoutes.Of(include: ["*-日本"]), AlertKind.Incident, NotificationSeverity.Info, "prod-中国", "route.include" },
        { TestRoutes.Of(include: ["prod-*", "stage-*"]), AlertKind.Incident, NotificationSeverity.Info, "stage-db", null },
        // Exclude wins over include and names the pattern that matched.
        { TestRoutes.Of(exclude: ["*-test"]), AlertKind.Incident, NotificationSeverity.Info, "prod-test", "route.exclude[0]" },
        { TestRoutes.Of(exclude: ["*-test"]), AlertKind.Incident, NotificationSeverity.Info, "prod-testing", null },
        { TestRoutes.Of(include: ["prod-*"], exclude: ["*-scratch", "*-TEST"]), AlertKind.Incident, NotificationSeverity.Info, "prod-db-test", "route.exclude[1]" },
        // The first failing rule in field order is the one named.
        { TestRoutes.Of(kinds: ["incident"], minSeverity: "high", include: ["prod-*"]), AlertKind.Incident, NotificationSeverity.Warning, "dev-db", "route.minSeverity" },
        { TestRoutes.Of(kinds: ["incident"], minSeverity: "high", include: ["prod-*"]), AlertKind.Incident, NotificationSeverity.High, "dev-db", "route.include" },
        { TestRoutes.Of(kinds: ["incident"], minSeverity: "high", include: ["prod-*"]), AlertKind.Incident, NotificationSeverity.Critical, "prod-db", null },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void A_route_admits_an_alert_or_names_the_rule_that_keeps_it_out(AlertRoute route, AlertKind kind, NotificationSeverity severity, string name, string? rule)
    {
        var alert = new AlertTraits(kind, severity, name);

        Assert.Equal(rule, route.Exclusion(alert)?.Rule);
        Assert.Equal(rule is null, route.Admits(alert));
    }

    [Fact]
    public void Exclusions_say_why_in_words()
    {
        var route = TestRoutes.Of(kinds: ["incident", "resolved"], minSeverity: "critical", include: ["prod-*", "stage-*"], exclude: ["*-test"]);

        Assert.Equal("It takes incidents and resolved notices only, not certificate expiry alerts.",
            route.Exclusion(new AlertTraits(AlertKind.CertificateExpiry, NotificationSeverity.High, "prod-db"))!.Reason);
        Assert.Equal("Severity high is below critical.", route.Exclusion(HighIncidentOnProdDb)!.Reason);
        Assert.Equal("'dev-db' matches none of prod-* or stage-*.", route.Exclusion(new AlertTraits(AlertKind.Incident, NotificationSeverity.Critical, "dev-db"))!.Reason);
        Assert.Equal("'prod-test' matches *-test.", route.Exclusion(new AlertTraits(AlertKind.Incident, NotificationSeverity.Critical, "prod-test"))!.Reason);
    }

    public static TheoryData<AlertRoute, string> Sentences() => new()
    {
        { AlertRoute.Everything, "Every alert" },
        { TestRoutes.Of(kinds: ["incident"], minSeverity: "high", include: ["prod-*"]), "Incidents of severity high or above on resources matching prod-*" },
        { TestRoutes.Of(kinds: ["resolved", "certificate_expiry", "incident"]), "Incidents and certificate expiry alerts, and resolved notices" },
        { TestRoutes.Of(kinds: ["resolved"]), "Resolved notices" },
        { TestRoutes.Of(minSeverity: "medium"), "Alerts of severity medium or above, and resolved notices" },
        { TestRoutes.Of(exclude: ["*-test", "*-dev"]), "Every alert on every resource except those matching *-test or *-dev" },
        { TestRoutes.Of(kinds: ["rotation_failure"], include: ["prod-*", "stage-*", "eu-*"], exclude: ["*-test"]), "Rotation failure alerts on resources matching prod-*, stage-* or eu-*, except those matching *-test" },
    };

    [Theory]
    [MemberData(nameof(Sentences))]
    public void A_route_is_described_in_one_sentence(AlertRoute route, string sentence) => Assert.Equal(sentence, route.Description);

    [Fact]
    public void A_route_survives_storage_normalized_and_no_route_stores_nothing()
    {
        var route = TestRoutes.Of(kinds: ["Resolved", "incident", "incident"], minSeverity: "HIGH", include: [" prod-* ", "PROD-*"], exclude: ["*-test"]);

        var stored = route.ToStored();
        var read = AlertRoute.FromStored(stored);

        Assert.Equal("""{"kinds":["incident","resolved"],"minSeverity":"high","include":["prod-*"],"exclude":["*-test"]}""", stored);
        Assert.Equal(route.Description, read.Description);
        Assert.Null(AlertRoute.Everything.ToStored());
        Assert.Same(AlertRoute.Everything, AlertRoute.FromStored(null));
        Assert.Same(AlertRoute.Everything, TestRoutes.Of(kinds: [], include: []));
    }

    public static TheoryData<RouteDocument, string[]> BadRoutes() => new()
    {
        { new RouteDocument { Kinds = ["incident", "weekly_report"] }, ["route.kinds[1]"] },
        { new RouteDocument { MinSeverity = "urgent" }, ["route.minSeverity"] },
        { new RouteDocument { Include = ["prod-*", "ok", new string('a', 1000)] }, ["route.include[2]"] },
        { new RouteDocument { Include = Enumerable.Range(0, 500).Select(i => $"p{i}-*").ToList() }, ["route.include"] },
        { new RouteDocument { Exclude = ["", null] }, ["route.exclude[0]", "route.exclude[1]"] },
        { new RouteDocument { Exclude = ["prod-?"] }, ["route.exclude[0]"] },
        { new RouteDocument { Include = ["prod\n-*"] }, ["route.include[0]"] },
        { new RouteDocument { Kinds = [null], MinSeverity = "5", Include = ["[a]"] }, ["route.kinds[0]", "route.minSeverity", "route.include[0]"] },
    };

    [Theory]
    [MemberData(nameof(BadRoutes))]
    public void A_malformed_route_names_each_bad_field(RouteDocument document, string[] fields)
    {
        var errors = new FieldErrors();
        AlertRoute.From(document, errors);

        var thrown = Assert.Throws<ValidationException>(errors.ThrowIfAny);
        Assert.Equal(fields, thrown.Errors.Select(e => e.Field));
    }
}
