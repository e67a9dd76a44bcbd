using WorkshopBot.Audits;
using WorkshopBot.Audits.Teams;
using WorkshopBot.Storage;
using static WorkshopBot.Tests.Audits.EndToEnd.AuditScenario;
using WorkshopBot.Audits.Domain;
using WorkshopBot.Cards;
using WorkshopBot.Tests.Support;

namespace WorkshopBot.Tests.Audits.EndToEnd;

/// <summary>Due-date extension, a representative's reopen request, and the safety-question rules while shaping.</summary>
public sealed class AuditChairAdjustments
{
    [Fact]
    public async Task TakesTheThemeInTheChairsWordsAndRefusesOneWithAnIdentifier()
    {
        await using var s = await StartAsync();
        await s.Host.SayAsync(Chair, Team, "new audit");
        var form = new { title = "NAI audit spring 2026", templateKey = "nai", gradeScaleKey = "ofsted-4", returnsDue = "2026-03-20", theme = "Bruising in non-mobile babies" };

        var refused = CardOf(await s.ExecuteAsync(Chair, CreateScreen.Create, form with { theme = "Baby born 12/03/2025 at home" })).GetRawText();
        var created = CardOf(await s.ExecuteAsync(Chair, CreateScreen.Create, form)).GetRawText();

        Assert.Contains("New multi-agency audit", refused);
        Assert.Contains("Bruising in non-mobile babies", created);
        var audit = Assert.Single(await s.Store.ListAuditsAsync(default)).Value;
        Assert.Equal(("NAI audit spring 2026", "Bruising in non-mobile babies"), (audit.Title, audit.ThemeName));
    }

    [Fact]
    public async Task ExtendsTheDueDateOnlyLaterAndLogsIt()
    {
        await using var s = await StartAsync();
        await s.SetUpIssuedAsync();

        var earlier = CardOf(await s.ExecuteAsync(Chair, TrackerScreen.ExtendDue, new { auditId = s.AuditId, newDueDate = "2026-03-10" })).GetRawText();
        Assert.Contains("must be later than the current one", earlier);
        var extended = CardOf(await s.ExecuteAsync(Chair, TrackerScreen.ExtendDue, new { auditId = s.AuditId, newDueDate = "2026-04-03" })).GetRawText();
        Assert.Contains("Returns are now due 3 April 2026", extended);

        Assert.Equal(new DateTimeOffset(2026, 4, 3, 17, 0, 0, TimeSpan.Zero), (await s.Store.GetAuditAsync(s.AuditId, default))!.Value.ReturnsDueAt);
        var events = await s.Host.Get<IAuditLog>().ListAsync(AuditSubjects.Audit, s.AuditId.ToString("D"));
        Assert.Single(events, e => e.Action == "audit.due-extended");
    }

    [Fact]
    public async Task SendsARepresentativesReopenRequestToTheChair()
    {
        await using var s = await StartAsync();
        await s.SetUpIssuedAsync();
        await s.FillAndSubmitAsync(0, 0);
        var ret = await s.ReturnOfAsync(0);

        var card = CardOf(await s.AsRepAsync(Agencies[0].Rep, ReturnsScreen.AskReopen, new { auditId = s.AuditId, returnId = ret.Id, reason = "I chose the wrong grade." })).GetRawText();
        Assert.Contains("Your request has been sent to the chair.", card);
        await s.Host.DrainOutboxAsync();

        var request = Assert.Single(s.Host.Sent(BotTestHost.PersonalChat(Chair).Id), x => x.AllText.Contains("Reopen request", StringComparison.Ordinal));
        Assert.Contains("I chose the wrong grade.", request.AllText);
        Assert.Equal(ReturnStatus.Submitted, (await s.ReturnOfAsync(0)).Status);
    }

    [Fact]
    public async Task KeepsTheImmediateSafetyQuestionWhileShaping()
    {
        await using var s = await StartAsync();
        var auditId = await s.CreateAsync();
        var audit = (await s.Store.GetAuditAsync(auditId, default))!.Value;
        var safety = audit.Questions.AllQuestions.Single(q => q.IsSafetyQuestion);

        var removed = CardOf(await s.ExecuteAsync(Chair, QuestionsScreen.RemoveQuestion, new { auditId, questionId = safety.Id })).GetRawText();
        Assert.Contains("must keep at least one immediate-safety question", removed);

        var section = audit.Questions.Sections[0].Id;
        var limited = CardOf(await s.ExecuteAsync(Chair, QuestionsScreen.SaveQuestion, new { auditId, sectionId = section, questionText = "Is any sibling unsafe now?", agencyTypes = "Police", isSafety = "true" })).GetRawText();
        Assert.Contains("must apply to every agency", limited);

        CardOf(await s.ExecuteAsync(Chair, QuestionsScreen.SaveQuestion, new { auditId, sectionId = section, questionText = "Is any sibling unsafe now?", agencyTypes = "", isSafety = "true" }));
        Assert.Equal(2, (await s.Store.GetAuditAsync(auditId, default))!.Value.Questions.SafetyQuestionCount);
    }
}
