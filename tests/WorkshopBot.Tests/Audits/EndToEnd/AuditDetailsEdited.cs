using WorkshopBot.Audits.Domain;
using WorkshopBot.Audits.Teams;
using WorkshopBot.Storage;
using static WorkshopBot.Tests.Audits.EndToEnd.AuditScenario;

namespace WorkshopBot.Tests.Audits.EndToEnd;

/// <summary>
/// "Edit details" on the dashboard: a draft whose returns due date has passed is moved on and issued, a typo in the title is
/// corrected, and the audit's data-protection references are recorded; the title and references are refused with an
/// identifier, and each save is logged by the names of the fields changed, never their text. After issue the title, theme
/// and references stay editable, the due date does not (Extend on the tracker gives more time).
/// </summary>
public sealed class AuditDetailsEdited
{
    private const string Details = "audit.details";
    private const string Save = "audit.details.save";
    private const string Typo = "Non-acidental injury audit, spring 2026";
    private const string Corrected = "Non-accidental injury audit, spring 2026";
    private const string Theme = "Injuries in non-mobile babies / non-accidental injury";

    private static object Form(Guid auditId, string title, string? returnsDue = "2026-03-20", string lawfulBasis = "",
        string dpiaReference = "", string dataSharingAgreement = "", string reminderDays = "2") => new
    {
        auditId, title, theme = Theme, gradeScaleKey = "ofsted-4", lookBackMonths = "12", returnsDue, reminderDays,
        lawfulBasis, dpiaReference, dataSharingAgreement,
    };

    private static async Task<IReadOnlyList<AuditEvent>> LogAsync(AuditScenario s) =>
        await s.Host.Get<IAuditLog>().ListAsync(AuditSubjects.Audit, s.AuditId.ToString("D"));

    [Fact]
    public async Task ADraftWhoseDueDatePassedIsMovedOnCorrectedAndIssued()
    {
        await using var s = await StartAsync();
        await s.CreateAsync(Typo);
        await s.AddCasesAsync();
        await s.AddAgenciesAsync();
        s.Time.Advance(TimeSpan.FromDays(20));
        AssertHasText(await s.IssueAsync(), "move the returns due date into the future");

        var dashboard = CardOf(await s.ExecuteAsync(Chair, DashboardScreen.Dashboard, new AuditRefData(s.AuditId)));
        Assert.NotNull(FindAction(dashboard, Details));
        var form = CardOf(await s.ExecuteAsync(Chair, Details, new AuditRefData(s.AuditId)));
        Assert.Equal(Typo, InputValue(form, "title"));
        Assert.Equal("2026-03-20", InputValue(form, "returnsDue"));

        var afterWorkshop = await s.ExecuteAsync(Chair, Save, Form(s.AuditId, Corrected, returnsDue: "2026-04-24"));
        var saved = await s.ExecuteAsync(Chair, Save, Form(s.AuditId, Corrected, returnsDue: "2026-04-10"));

        AssertHasText(afterWorkshop, "so returns must be due before then");
        AssertHasText(saved, "Details saved: title and returns due date.");
        AssertHasText(await s.IssueAsync(), "Audit issued");
        var audit = (await s.Store.GetAuditAsync(s.AuditId, default))!.Value;
        Assert.Equal(Corrected, audit.Title);
        Assert.Equal(new DateTimeOffset(2026, 4, 10, 17, 0, 0, TimeSpan.FromHours(1)), audit.ReturnsDueAt);
        var logged = Assert.Single(await LogAsync(s), e => e.Action == "audit.details-changed").DetailJson ?? "";
        Assert.Contains("\"title\"", logged, StringComparison.Ordinal);
        Assert.Contains("\"returnsDue\"", logged, StringComparison.Ordinal);
        Assert.DoesNotContain("accidental", logged, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task ATitleOrReferenceWithAnIdentifierIsRefusedAndNothingIsSaved()
    {
        await using var s = await StartAsync();
        await s.CreateAsync(Typo);

        var title = CardOf(await s.ExecuteAsync(Chair, Save, Form(s.AuditId, "Audit for the family on 07700 900123"))).GetRawText();
        var dpia = CardOf(await s.ExecuteAsync(Chair, Save, Form(s.AuditId, Typo, dpiaReference: "DPIA 943 476 5919"))).GetRawText();

        Assert.Contains("The title must not contain personal information", title, StringComparison.Ordinal);
        Assert.Contains("The DPIA reference must not contain personal information", dpia, StringComparison.Ordinal);
        Assert.Contains("Nothing was changed", dpia, StringComparison.Ordinal);
        var audit = (await s.Store.GetAuditAsync(s.AuditId, default))!.Value;
        Assert.Equal((Typo, (string?)null), (audit.Title, audit.DataProtection.DpiaReference));
        Assert.DoesNotContain(await LogAsync(s), e => e.Action == "audit.details-changed");
    }

    [Fact]
    public async Task AfterIssueTheTitleAndReferencesChangeButTheDueDateOnlyByExtending()
    {
        await using var s = await StartAsync();
        await s.SetUpIssuedAsync();
        var due = (await s.Store.GetAuditAsync(s.AuditId, default))!.Value.ReturnsDueAt;
        var form = CardOf(await s.ExecuteAsync(Chair, Details, new AuditRefData(s.AuditId)));
        Assert.DoesNotContain("returnsDue", InputIds(form));
        Assert.Contains("lawfulBasis", InputIds(form));

        var saved = CardOf(await s.ExecuteAsync(Chair, Save, Form(s.AuditId, "NAI audit, spring 2026 (multi-agency)", returnsDue: null,
            lawfulBasis: "UK GDPR Article 6(1)(e) and 9(2)(h)", dpiaReference: "DPIA-2026-004", dataSharingAgreement: "ISA-2024-0317")))
            .GetRawText();
        await s.Host.DrainOutboxAsync();
        var forged = CardOf(await s.ExecuteAsync(Chair, Save, new { auditId = s.AuditId, returnsDue = "2026-04-30" })).GetRawText();

        Assert.Contains("Details saved: title, lawful basis, DPIA reference and data-sharing agreement reference.", saved,
            StringComparison.Ordinal);
        Assert.Contains("DPIA-2026-004", saved, StringComparison.Ordinal);
        Assert.Contains("ISA-2024-0317", saved, StringComparison.Ordinal);
        var tracker = s.Host.Sent(Team.Id).Last(x => x.Method == "PUT").AllText;
        Assert.Contains("NAI audit, spring 2026 (multi-agency)", tracker, StringComparison.Ordinal);
        Assert.Contains("extend due date", forged, StringComparison.Ordinal);
        var audit = (await s.Store.GetAuditAsync(s.AuditId, default))!.Value;
        Assert.Equal(due, audit.ReturnsDueAt);
        Assert.Equal(("UK GDPR Article 6(1)(e) and 9(2)(h)", "ISA-2024-0317"),
            (audit.DataProtection.LawfulBasis, audit.DataProtection.DataSharingAgreementReference));
        var logged = Assert.Single(await LogAsync(s), e => e.Action == "audit.details-changed").DetailJson ?? "";
        Assert.Contains("\"dpiaReference\"", logged, StringComparison.Ordinal);
        Assert.DoesNotContain("DPIA-2026-004", logged, StringComparison.Ordinal);
    }
}
