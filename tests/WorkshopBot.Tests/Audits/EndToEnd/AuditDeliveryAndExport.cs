using Microsoft.Extensions.DependencyInjection;
using System.Net;
using WorkshopBot.Audits.Domain;
using WorkshopBot.Audits.Jobs;
using WorkshopBot.Audits.Storage;
using WorkshopBot.Audits.Teams;
using WorkshopBot.Common.Links;
using WorkshopBot.Storage;
using WorkshopBot.Tests.Support;
using static WorkshopBot.Tests.Audits.EndToEnd.AuditScenario;

namespace WorkshopBot.Tests.Audits.EndToEnd;

/// <summary>
/// Delivery across a restart and to a new representative, unreachable people reported, export links guarded, help for
/// representatives.
/// </summary>
public sealed class AuditDeliveryAndExport
{
    private static int ToolsIn(AuditScenario s, TestUser rep) =>
        s.Host.Sent(BotTestHost.PersonalChat(rep).Id).Count(x => x.AllText.Contains("Audit tool:", StringComparison.Ordinal));

    [Fact]
    public async Task WhenTeamsWillNotListTheTeamThePickerSaysSoInsteadOfFailing()
    {
        await using var s = await StartAsync();
        await s.CreateAsync();
        var added = await s.ExecuteAsync(Chair, AgenciesScreen.AddAgency, new AddAgencyData(s.AuditId, "Police", "Police"));
        AssertHasText(added, "Police added");
        s.Host.Connector.Inject("pagedmembers", new InjectedFailure(400, "BadSyntax", Times: 4));

        var people = await s.ExecuteAsync(Chair, AgenciesScreen.AgencyPeople, new AgencyRefData(s.AuditId, "agency-1"));
        var saved = await s.ExecuteAsync(Chair, AgenciesScreen.SaveAgencyPeople,
            new AgencyPeopleData(s.AuditId, "agency-1", "29:not-a-member", null, null));

        AssertHasText(people, "did not list this team");
        AssertHasText(saved, "Nothing was changed");
        var audit = await s.Host.WorkAsync(async services =>
            (await services.GetRequiredService<AuditStore>().GetAuditAsync(s.AuditId, default))!.Value);
        Assert.Null(audit.Agencies.Single().Representative);
    }

    [Fact]
    public async Task DeliversAuditToolsAfterARestartWithoutRepeatingAny()
    {
        await using var s = await StartAsync();
        await s.CreateAsync();
        await s.AddCasesAsync();
        await s.AddAgenciesAsync();
        AssertHasText(await s.IssueAsync(), "Audit issued");

        await s.Host.RestartAsync();
        await s.Host.DrainOutboxAsync();

        foreach (var (rep, type, _) in Agencies)
        {
            Assert.Equal(type == AgencyType.School ? 1 : 3, ToolsIn(s, rep));
        }

        var requests = s.Host.Connector.Requests.Count;
        AssertHasText(await s.IssueAsync(), "Missing audit tools");
        await s.Host.DrainOutboxAsync();
        Assert.Equal(requests, s.Host.Connector.Requests.Count);
    }

    [Fact]
    public async Task IssuingAgainSendsToolsToANewRepresentative()
    {
        await using var s = await StartAsync();
        await s.SetUpIssuedAsync();
        var newRepresentative = new AgencyPeopleData(s.AuditId, "agency-1", Outsider.Id, null, null);
        AssertHasText(await s.ExecuteAsync(Chair, AgenciesScreen.SaveAgencyPeople, newRepresentative), "people and cases saved");
        AssertHasText(await s.IssueAsync(), "Missing audit tools");
        await s.Host.DrainOutboxAsync();

        Assert.Equal(3, ToolsIn(s, Outsider));
    }

    [Fact]
    public async Task ReportsRepresentativesTheBotCannotReach()
    {
        await using var s = await StartAsync();
        await s.CreateAsync();
        await s.AddCasesAsync();
        await s.AddAgenciesAsync();
        var gp = Uri.EscapeDataString(BotTestHost.PersonalChat(Agencies[3].Rep).Id);
        s.Host.Connector.Inject(gp, new InjectedFailure(403, "MessageWritesBlocked", Times: 10));
        await s.IssueAsync();
        await s.Host.DrainOutboxAsync();

        var report = await s.Host.Get<AuditJobs>().RunOnceAsync(default);
        Assert.Equal(3, report.DeliveryFailuresReported);
        await s.Host.DrainOutboxAsync();
        var toChair = s.Host.Sent(BotTestHost.PersonalChat(Chair).Id);
        var notice = Assert.Single(toChair, x => x.AllText.Contains("could not be delivered", StringComparison.Ordinal));
        Assert.Contains("GP Auditor", notice.AllText);
        Assert.Equal(0, (await s.Host.Get<AuditJobs>().RunOnceAsync(default)).DeliveryFailuresReported);
        var dashboard = CardOf(await s.ExecuteAsync(Chair, DashboardScreen.Dashboard, new AuditRefData(s.AuditId))).GetRawText();
        Assert.Contains("GP Auditor (has blocked or not installed the app)", dashboard);
    }

    [Fact]
    public async Task ServesExportsOnlyToTheChairWithAValidLink()
    {
        await using var s = await StartAsync();
        await s.SetUpIssuedAsync();

        var refused = CardOf(await s.ExecuteAsync(Agencies[0].Rep, ExportScreen.Export, new AuditRefData(s.AuditId))).GetRawText();
        Assert.Contains(WorkshopBot.Common.Teams.Reply.NotAvailableTitle, refused);
        Assert.DoesNotContain("/api/exports/", refused);

        var card = CardOf(await s.ExecuteAsync(Chair, ExportScreen.Export, new AuditRefData(s.AuditId)));
        var link = AllActions(card).First(a => a.GetProperty("type").GetString() == "Action.OpenUrl").GetProperty("url").GetString()!;
        var path = new Uri(link).AbsolutePath;
        Assert.Equal(HttpStatusCode.OK, (await s.Host.Client.GetAsync(path)).StatusCode);

        var token = path["/api/exports/".Length..];
        var forged = token[..^4] + (token.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA");
        Assert.Equal(HttpStatusCode.NotFound, (await s.Host.Client.GetAsync("/api/exports/" + forged)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await s.Host.Client.GetAsync("/api/exports/not-a-token")).StatusCode);

        // A link made out for someone who is not the chair is refused even when correctly signed.
        var notChair = new ExportGrant(s.AuditId, AuditExportFiles.Csv, Agencies[0].Rep.AadObjectId);
        var stolen = await s.Host.Get<SignedLinks>().SignAsync(ExportScreen.Purpose, notChair, s.Time.GetUtcNow().AddMinutes(5), default);
        Assert.Equal(HttpStatusCode.Forbidden, (await s.Host.Client.GetAsync("/api/exports/" + stolen)).StatusCode);

        // An expired link is gone, whoever holds it.
        s.Time.Advance(TimeSpan.FromMinutes(16));
        Assert.Equal(HttpStatusCode.Gone, (await s.Host.Client.GetAsync(path)).StatusCode);
        var events = await s.Host.Get<IAuditLog>().ListAsync(AuditSubjects.Audit, s.AuditId.ToString("D"));
        // The download was used outside Teams, but its entry is the audit's organisation's.
        Assert.Equal(BotTestHost.TenantId, Assert.Single(events, e => e.Action == "audit.exported").TenantId);
    }

    [Fact]
    public async Task AnExportLinkSealedBeforeTheGrantLostItsExpiryServesAsANewOneDoes()
    {
        await using var s = await StartAsync();
        await s.SetUpIssuedAsync();
        var issuedAt = s.Time.GetUtcNow();
        var card = CardOf(await s.ExecuteAsync(Chair, ExportScreen.Export, new AuditRefData(s.AuditId)));
        var link = AllActions(card).First(a => a.GetProperty("type").GetString() == "Action.OpenUrl").GetProperty("url").GetString()!;
        var path = new Uri(link).AbsolutePath;

        // The card's link holds its expiry once, outside the grant.
        var (expiresAt, grant) = await SealedLinkContents.OpenAsync(s.Host.Services, ExportScreen.Purpose, path["/api/exports/".Length..]);
        Assert.Equal(issuedAt.AddMinutes(15).ToUnixTimeSeconds(), expiresAt.ToUnixTimeSeconds());
        Assert.Equal($$"""{"auditId":"{{s.AuditId}}","format":"csv","userId":"{{Chair.AadObjectId}}"}""", grant);

        // The same file's link as the previous build sealed it, the grant with its own copy of the expiry.
        var before = new GrantsWithTheirOwnExpiry.ExportGrant(s.AuditId, AuditExportFiles.Csv, Chair.AadObjectId, expiresAt);
        var oldPath = "/api/exports/" + await s.Host.Get<SignedLinks>().SignAsync(ExportScreen.Purpose, before, expiresAt, default);
        var answers = new List<string>();
        foreach (var each in new[] { path, oldPath, path, oldPath })
        {
            using var response = await s.Host.Client.GetAsync(each);
            var body = await response.Content.ReadAsStringAsync();
            answers.Add($"{(int)response.StatusCode} {response.Content.Headers.ContentType?.MediaType} {body}");
            if (answers.Count == 2)
            {
                s.Time.Advance(TimeSpan.FromMinutes(16));
            }
        }

        Assert.StartsWith("200 text/csv ", answers[0], StringComparison.Ordinal);
        Assert.Equal([answers[0], answers[0], $"410 text/plain {LinkAnswers.ExpiredText}", $"410 text/plain {LinkAnswers.ExpiredText}"],
            answers);
    }

    [Fact]
    public async Task ExportsHoldSubmittedReturnsOnlyNeverADraft()
    {
        await using var s = await StartAsync();
        await s.SetUpIssuedAsync();
        await s.FillAndSubmitAsync(1, 0);
        var draft = await s.ReturnOfAsync(0);
        var inputs = new Dictionary<string, string>
        {
            ["a:" + draft.Sections[0].Questions[0].Id] = "partly",
            ["n:" + draft.Sections[0].Questions[0].Id] = "Half-written thoughts the representative has not submitted.",
        };
        CardOf(await s.AsRepAsync(Agencies[0].Rep, ReturnsScreen.SaveSection, s.SaveFirstSection(draft, ReturnMoves.Stay, inputs)));
        Assert.Equal(ReturnStatus.Draft, (await s.ReturnOfAsync(0)).Status);

        var card = CardOf(await s.ExecuteAsync(Chair, ExportScreen.Export, new AuditRefData(s.AuditId)));
        var files = new List<string>();
        foreach (var url in AllActions(card).Where(a => a.GetProperty("type").GetString() == "Action.OpenUrl"))
        {
            var response = await s.Host.Client.GetAsync(new Uri(url.GetProperty("url").GetString()!).AbsolutePath);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            files.Add(await response.Content.ReadAsStringAsync());
        }

        Assert.Equal(2, files.Count);
        foreach (var file in files)
        {
            Assert.Contains("Fathers were not seen or assessed.", file, StringComparison.Ordinal);
            Assert.DoesNotContain("Half-written thoughts", file, StringComparison.Ordinal);
            Assert.DoesNotContain(draft.Id.ToString("D"), file, StringComparison.OrdinalIgnoreCase);
        }

        var rows = files[0].Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1).ToList();
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.StartsWith("\"NAI-2026-03-C1\",\"County Police\"", r, StringComparison.Ordinal));
    }

    [Fact]
    public async Task HelpShowsRepresentativeCommandsToRepresentatives()
    {
        await using var s = await StartAsync();
        await s.SetUpIssuedAsync();
        var rep = Agencies[0].Rep;
        await s.Host.SayAsync(rep, Team, "help");
        var help = s.Host.Sent(Team.Id).Last().AllText;
        Assert.Contains("my audits", help);

        await s.Host.SayAsync(rep, BotTestHost.PersonalChat(rep), "my audits");
        var mine = s.Host.Sent(BotTestHost.PersonalChat(rep).Id).Last().AllText;
        Assert.Contains("NAI-2026-03-C3", mine);
        Assert.DoesNotContain("County Police", mine);
    }
}
