using System.Text;
using MazeVault.Alerts.Core.Access;
using MazeVault.Alerts.Core.Integrations;
using MazeVault.Alerts.Core.Reports;
using MazeVault.Alerts.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;

namespace MazeVault.Alerts.Functions.Tests;

/// <summary>
/// Route ids and headers as a hostile or careless client sends them, through the function classes over the real
/// composition root and Azurite: every answer is a 4xx problem, never an exception (a 500) from storage.
/// </summary>
public sealed class HostileInputTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    public static TheoryData<string> BadKeys => new() { "a/b", "a\\b", "a#b", "a?b", "a\u0001b", new string('x', 300), " " };

    private ServiceProvider Services() =>
        TestServices.On(azurite).With("ADMIN_EMAIL", "").With("TEAMS_WEBHOOK_URL", "").WithHttpResults().Build();

    private static HttpRequest Req(IServiceProvider sp, string? json = null, string? ifMatch = null, string? query = null)
    {
        var context = new DefaultHttpContext { RequestServices = sp };
        // Called without the access middleware, which would have authenticated a local-mode caller.
        ApiCaller.Set(context, Caller.Local);
        context.Response.Body = new MemoryStream();
        if (json is not null)
        {
            context.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(json));
        }

        if (ifMatch is not null)
        {
            context.Request.Headers.IfMatch = ifMatch;
        }

        if (query is not null)
        {
            context.Request.QueryString = new QueryString(query);
        }

        return context.Request;
    }

    private static int Status(IActionResult result) => result switch
    {
        ObjectResult o => o.StatusCode ?? 200,
        StatusCodeResult s => s.StatusCode,
        JsonResult j => j.StatusCode ?? 200,
        _ => throw new InvalidOperationException($"Unexpected result {result.GetType().Name}"),
    };

    private const string Integration = """{"type":"slack","name":"s","slackWebhookUrl":"https://hooks.slack.com/services/T/B/x"}""";
    private const string Contact = """{"name":"n","email":"a@b.cz","role":"r","priority":1}""";
    private const string Incident = """{"type":"x","severity":"high","affectedResourceName":"db","detectedAt":"2026-03-16T05:30:00Z"}""";

    /// <summary>Each HTTP endpoint with an organization id and an entity id that Table Storage cannot use as keys.</summary>
    [Theory]
    [MemberData(nameof(BadKeys))]
    public async Task Every_endpoint_answers_an_id_storage_cannot_hold_with_4xx_not_500(string bad)
    {
        using var sp = Services();
        var ints = ActivatorUtilities.CreateInstance<IntegrationsApi>(sp);
        var contacts = ActivatorUtilities.CreateInstance<IncidentContactsApi>(sp);
        var inventory = ActivatorUtilities.CreateInstance<InventoryApi>(sp);
        var recipients = ActivatorUtilities.CreateInstance<WeeklyReportRecipientsApi>(sp);
        var test = ActivatorUtilities.CreateInstance<IntegrationTestApi>(sp);
        var incidents = ActivatorUtilities.CreateInstance<Incidents>(sp);
        var rotations = ActivatorUtilities.CreateInstance<RotationExecutions>(sp);
        var history = ActivatorUtilities.CreateInstance<DeliveryHistory>(sp);
        var report = ActivatorUtilities.CreateInstance<WeeklyReport>(sp);
        var policies = ActivatorUtilities.CreateInstance<AlertPolicyApi>(sp);
        var snoozes = ActivatorUtilities.CreateInstance<SnoozesApi>(sp);
        var ct = CancellationToken.None;
        var answers = new List<string>();
        async Task Call(string name, Func<Task<IActionResult>> call)
        {
            try
            {
                var status = Status(await call());
                if (status is < 400 or >= 500 && !(name.StartsWith("History", StringComparison.Ordinal) && status == 200))
                {
                    answers.Add($"{name}: {status}");
                }
            }
            catch (Exception e)
            {
                answers.Add($"{name}: {e.GetType().Name}");
            }
        }

        foreach (var (org, id) in new[] { (bad, "id1"), ("org-ok", bad) })
        {
            await Call($"GetIntegration {org}/{id}", () => ints.Get(Req(sp), org, id, ct));
            await Call($"UpdateIntegration {org}/{id}", () => ints.Update(Req(sp, Integration, "*"), org, id, ct));
            await Call($"DeleteIntegration {org}/{id}", () => ints.Delete(Req(sp, null, "*"), org, id, ct));
            await Call($"TestIntegration {org}/{id}", () => test.Run(Req(sp), org, id, ct));
            await Call($"UpdateContact {org}/{id}", () => contacts.Update(Req(sp, Contact, "*"), org, id, ct));
            await Call($"DeleteContact {org}/{id}", () => contacts.Delete(Req(sp, null, "*"), org, id, ct));
            await Call($"UpsertCertificate {org}/{id}", () => inventory.UpsertCertificate(
                Req(sp, """{"subject":"CN=x","notAfter":"2027-01-01T00:00:00Z","autoRenewalEnabled":false}"""), org, id, ct));
            await Call($"RotationExecution {org}/{id}", () => rotations.Report(Req(sp, """{"status":"failed","error":"x"}"""), org, id, ct));
            await Call($"Snooze {org}/{id}", () => snoozes.Snooze(Req(sp, """{"until":"2099-01-01T00:00:00Z","reason":"r","owner":"o"}"""), org, "certificates", id, ct));
            await Call($"EndSnooze {org}/{id}", () => snoozes.End(Req(sp), org, "rotation-configs", id, ct));
        }

        await Call("GetAlertPolicy", () => policies.Get(Req(sp), bad, ct));
        await Call("PutAlertPolicy", () => policies.Replace(Req(sp, """{"reminders":"daily"}"""), bad, ct));
        await Call("ListSnoozes", () => snoozes.List(Req(sp), bad, ct));

        await Call("ListIntegrations", () => ints.List(Req(sp), bad, ct));
        await Call("CreateIntegration", () => ints.Create(Req(sp, Integration), bad, ct));
        await Call("CreateContact", () => contacts.Create(Req(sp, Contact), bad, ct));
        await Call("PutRecipients", () => recipients.Replace(Req(sp, """{"recipients":["a@b.cz"]}"""), bad, ct));
        await Call("Incident", () => incidents.Create(Req(sp, Incident), bad, ct));
        await Call("WeeklyReportSend", () => report.Send(Req(sp), bad, ct));
        // A filter value is data, not a key: any text just matches nothing.
        await Call("History", () => history.List(Req(sp, query: "?alertId=" + Uri.EscapeDataString(bad)), "org-ok", ct));

        Assert.Empty(answers);
    }

    [Theory]
    [InlineData("a/b")]
    [InlineData("a#b")]
    [InlineData("a\u0001b")]
    public async Task Incident_and_weekly_report_send_for_an_organization_id_storage_cannot_hold_answer_400_naming_organizationId(string org)
    {
        using var sp = Services();
        var ct = CancellationToken.None;

        var incident = await ActivatorUtilities.CreateInstance<Incidents>(sp).Create(Req(sp, Incident), org, ct);
        var report = await ActivatorUtilities.CreateInstance<WeeklyReport>(sp).Send(Req(sp), org, ct);
        var rotation = await ActivatorUtilities.CreateInstance<RotationExecutions>(sp).Report(Req(sp, """{"status":"failed"}"""), org, "cfg1", ct);

        Assert.All(new[] { incident, report, rotation }, r =>
            Assert.Equal(["organizationId"], Assert.IsType<ValidationProblemDetails>(Assert.IsType<ObjectResult>(r).Value).Errors.Keys));
    }

    [Fact]
    public async Task Rotation_execution_for_a_config_id_storage_cannot_hold_answers_404()
    {
        using var sp = Services();

        var result = await ActivatorUtilities.CreateInstance<RotationExecutions>(sp).Report(Req(sp, """{"status":"failed"}"""), "org-ok", "a/b", CancellationToken.None);

        Assert.Equal(404, Assert.IsType<ObjectResult>(result).StatusCode);
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("\"x\"")]
    [InlineData("*, *")]
    [InlineData("W/\"datetime'2020-01-01T00%3A00%3A00Z'\", *")]
    [InlineData("W/\"datetime'2020-01-01T00%3A00%3A00Z\u0001'\"")]
    [InlineData("W/\"datetime'2020-01-01T00%3A00%3A00Zé'\"")]
    public async Task A_malformed_If_Match_answers_400_naming_If_Match_and_changes_nothing(string ifMatch)
    {
        using var sp = Services();
        var org = "org-" + Guid.NewGuid().ToString("N")[..8];
        var ints = ActivatorUtilities.CreateInstance<IntegrationsApi>(sp);
        var contacts = ActivatorUtilities.CreateInstance<IncidentContactsApi>(sp);
        var rec = ActivatorUtilities.CreateInstance<WeeklyReportRecipientsApi>(sp);
        var ct = CancellationToken.None;
        var id = ((IntegrationView)((JsonResult)await ints.Create(Req(sp, Integration), org, ct)).Value!).Id;
        var contactId = ((IncidentContact)((JsonResult)await contacts.Create(Req(sp, Contact), org, ct)).Value!).Id;

        IActionResult[] results =
        [
            await ints.Update(Req(sp, """{"type":"slack","name":"renamed","slackWebhookUrl":"https://hooks.slack.com/services/T/B/y"}""", ifMatch), org, id, ct),
            await ints.Delete(Req(sp, null, ifMatch), org, id, ct),
            await contacts.Update(Req(sp, """{"name":"renamed","email":"a@b.cz","role":"r","priority":1}""", ifMatch), org, contactId, ct),
            await contacts.Delete(Req(sp, null, ifMatch), org, contactId, ct),
            await rec.Replace(Req(sp, """{"recipients":["a@b.cz"]}""", ifMatch), org, ct),
        ];

        Assert.All(results, r =>
        {
            var problem = Assert.IsType<ValidationProblemDetails>(Assert.IsType<ObjectResult>(r).Value);
            Assert.Equal(400, problem.Status);
            Assert.Equal(["If-Match"], problem.Errors.Keys);
        });
        Assert.Equal("s", (await sp.GetRequiredService<IntegrationService>().GetAsync(org, id, ct))!.Name);
        Assert.Equal("n", Assert.Single(await sp.GetRequiredService<IIncidentContactStore>().ListByPriorityAsync(org, ct)).Name);
        Assert.Empty((await sp.GetRequiredService<IWeeklyReportSettingsStore>().GetAsync(org, ct)).Recipients);
    }
}
