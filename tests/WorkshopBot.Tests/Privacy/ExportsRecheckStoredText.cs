using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using WorkshopBot.ActionPlans.Teams;
using WorkshopBot.Audits.Domain;
using WorkshopBot.Audits.Storage;
using WorkshopBot.Common;
using WorkshopBot.Common.Links;
using WorkshopBot.Common.Privacy.Sweep;
using WorkshopBot.Storage;
using WorkshopBot.Tests.ActionPlans;
using WorkshopBot.Tests.Briefings;
using WorkshopBot.Tests.Support;
using static WorkshopBot.Tests.ActionPlans.ActionScenario;
using AuditExport = WorkshopBot.Audits.Teams.ExportScreen;
using AuditExportGrant = WorkshopBot.Audits.Teams.ExportGrant;
using PlanExport = WorkshopBot.ActionPlans.Teams.ExportScreen;

namespace WorkshopBot.Tests.Privacy;

/// <summary>
/// An export is where stored text leaves retention for good, so it does not rely on the one-off start-up sweep (which may
/// have failed, or run before an older instance saved more): text stored with an NHS number or a date of birth after the
/// sweep ran comes out of the audit's CSV and JSON and of the action plan's workbook with the sweep's markers instead, and
/// the export's audit-log entry counts the cells changed, without their text.
/// </summary>
public sealed class ExportsRecheckStoredText
{
    private const string Narrative = "Her NHS number is 9434765919. Seen at home with her mother.";

    [Fact]
    public async Task TheAuditCsvAndJsonCarryTheSweepsMarkerNotTheNumber()
    {
        await using var s = await StartAsync();
        await SweepDoneAsync(s);
        var auditId = await SubmittedReturnWithNhsNumberAsync(s);
        var links = s.Host.Get<SignedLinks>();

        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var format in new[] { AuditExportFiles.Csv, AuditExportFiles.Json })
        {
            var token = await links.SignAsync(AuditExport.Purpose, new AuditExportGrant(auditId, format, Chair.AadObjectId),
                s.Time.GetUtcNow().AddMinutes(5), CancellationToken.None);
            using var response = await s.Host.Client.GetAsync("/api/exports/" + token);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            files[format] = await response.Content.ReadAsByteArrayAsync();
        }

        foreach (var bytes in files.Values)
        {
            var text = Encoding.UTF8.GetString(bytes);
            Assert.DoesNotContain("9434765919", text, StringComparison.Ordinal);
            Assert.Contains("Her NHS number is " + IdentifierRedaction.NhsNumberMarker + ". Seen at home", text, StringComparison.Ordinal);
        }

        var entries = (await s.LogAsync(AuditSubjects.Audit)).Where(e => e.Action == "audit.exported").ToList();
        Assert.Equal(2, entries.Count);
        Assert.All(entries, e => Assert.Contains("\"redactedCells\":1,\"notChecked\":0", e.DetailJson!, StringComparison.Ordinal));
        Assert.All(entries, e => Assert.DoesNotContain("NHS", e.DetailJson!, StringComparison.Ordinal));
        Assert.Equal(Encoding.UTF8.GetPreamble(), files[AuditExportFiles.Csv][..3]);
    }

    [Fact]
    public async Task TheActionPlanWorkbookCarriesTheSweepsMarkerNotTheDate()
    {
        await using var s = await StartAsync();
        await SweepDoneAsync(s);
        await IdentifierSweepScenarios.SeedAsync(s);

        var export = await s.InChannelAsync(Chair, PlanExport.Export, new PlanRefData(s.Audit.Id));
        var url = export.Card!.Value.GetProperty("actions")[0].GetProperty("url").GetString()!;
        using var file = await s.Host.Client.GetAsync(new Uri(url).PathAndQuery.TrimStart('/'));

        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        var sheets = ActionPlanWorkbook.Read(await file.Content.ReadAsByteArrayAsync());
        var cells = sheets.Values.SelectMany(rows => rows).SelectMany(row => row).ToList();
        Assert.DoesNotContain(cells, c => c.Contains("12/03/2019", StringComparison.Ordinal));
        Assert.Equal(2, cells.Count(c => c == IdentifierSweepScenarios.SweptNote));
        var entry = Assert.Single(await s.LogAsync("audit"), e => e.Action == "action-plan.exported");
        Assert.Contains("\"redactedCells\":2,\"notChecked\":0", entry.DetailJson!, StringComparison.Ordinal);
    }

    /// <summary>The start-up sweep has run to the end on the store as it is (nothing in it yet), and is recorded as done.</summary>
    private static async Task SweepDoneAsync(ActionScenario s)
    {
        await IdentifierSweepScenarios.Sweep(s, new LogCapture()).RunOnceAsync(CancellationToken.None);
        await using var connection = await s.Host.Get<StorageDatabase>().OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM maintenance_runs WHERE name = '" + IdentifierSweep.Name + "'";
        Assert.Equal(1L, Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// A one-case, one-agency audit the scenario's chair chairs, with its return submitted and an NHS number in an answer: as
    /// an older instance could have stored it, through the store and the domain (the screens refuse it now).
    /// </summary>
    private static async Task<Guid> SubmittedReturnWithNhsNumberAsync(ActionScenario s)
    {
        var at = s.Time.GetUtcNow();
        var chair = new PersonRef(Chair.AadObjectId, Chair.Name) { TenantId = BotTestHost.TenantId };
        var audit = Audit.Create(Guid.NewGuid(), "Neglect audit", "neglect", chair, at).ValueOrThrow();
        Assert.True(audit.AddCase(BriefingFlowHarness.Case1, AgeBand.Under1).Succeeded);
        audit.AddAgency(AgencyType.Police, "Police", new PersonRef("police-oid", "Police Auditor")).ValueOrThrow();
        Assert.True(audit.ScheduleReturnsDue(at.AddDays(5), at).Succeeded);
        Assert.True(audit.Issue(at).Succeeded);
        var ret = AuditReturn.Create(Guid.NewGuid(), audit, BriefingFlowHarness.Case1, "agency-1").ValueOrThrow();
        var by = new PersonRef("police-oid", "Police Auditor") { TenantId = BotTestHost.TenantId };
        var first = ret.Sections[0].Questions[0].Id;
        foreach (var section in ret.Sections)
        {
            var answers = section.Questions.Select(q => new AnswerInput(q.Id, q.IsSafetyQuestion ? AnswerValue.No : AnswerValue.Yes,
                q.Id == first ? Narrative : "Seen.")).ToList();
            ret.SaveSection(section.Id, answers, ret.Version, by, at).ValueOrThrow();
        }

        ret.SaveSummary(new ReturnSummaryInput("Prompt referral", "Fathers were not seen", "Train staff on engaging fathers", "good"),
            ret.Version, by, at).ValueOrThrow();
        Assert.True(ret.Submit(ret.Version, by, at).Succeeded);
        await s.Host.WorkAsync(async services =>
        {
            var store = services.GetRequiredService<AuditStore>();
            Assert.True(await store.InsertAuditAsync(audit, CancellationToken.None));
            Assert.True(await store.InsertReturnAsync(ret, CancellationToken.None));
        });
        return audit.Id;
    }
}
