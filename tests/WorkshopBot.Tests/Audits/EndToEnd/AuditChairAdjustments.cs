using WorkshopBot.Audits.Domain;
using WorkshopBot.Audits.Teams;
using WorkshopBot.Storage;
using WorkshopBot.Tests.Support;
using static WorkshopBot.Tests.Audits.EndToEnd.AuditScenario;

namespace WorkshopBot.Tests.Audits.EndToEnd;

/// <summary>Due-date extension, a representative's reopen request, and the safety-question rules while shaping.</summary>
public sealed class AuditChairAdjustments
{
    [Fact]
    public async Task TakesTheThemeInTheChairsWordsAndRefusesOneWithAnIdentifier()
    {
        await using var s = await StartAsync();
        await s.Host.SayAsync(Chair, Team, "new audit");
        var form = new CreateAuditData(
            "NAI audit spring 2026", "nai", "ofsted-4", null, "2026-03-20", null, null, "Bruising in non-mobile babies");
        var withIdentifier = form with { Theme = "Baby born 12/03/2025 at home" };

        var refused = CardOf(await s.ExecuteAsync(Chair, CreateScreen.Create, withIdentifier)).GetRawText();
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

        async Task<string> ExtendAsync(string date) =>
            CardOf(await s.ExecuteAsync(Chair, TrackerScreen.ExtendDue, new ExtendDueData(s.AuditId, date))).GetRawText();
        var earlier = await ExtendAsync("2026-03-10");
        Assert.Contains("must be later than the current one", earlier);
        var extended = await ExtendAsync("2026-04-03");
        Assert.Contains("Returns are now due 3 April 2026", extended);

        var dueAt = (await s.Store.GetAuditAsync(s.AuditId, default))!.Value.ReturnsDueAt;
        Assert.Equal(new DateTimeOffset(2026, 4, 3, 17, 0, 0, TimeSpan.FromHours(1)), dueAt); // 17:00 in England (BST)
        Assert.Contains("Returns are now due 3 April 2026 at 17:00 BST", extended);
        var events = await s.Host.Get<IAuditLog>().ListAsync(AuditSubjects.Audit, s.AuditId.ToString("D"));
        Assert.Single(events, e => e.Action == "audit.due-extended");
    }

    [Fact]
    public async Task ReleasesTheReturnsForModerationOnlyByTheChairOnceAndEndsReminders()
    {
        await using var s = await StartAsync();
        await s.SetUpIssuedAsync();
        var tracker = CardOf(await s.ExecuteAsync(Chair, TrackerScreen.Tracker, new AuditRefData(s.AuditId))).GetRawText();
        Assert.Contains(TrackerScreen.Release, tracker, StringComparison.Ordinal);

        var byRep = CardOf(await s.AsRepAsync(Agencies[0].Rep, TrackerScreen.Release, new AuditRefData(s.AuditId))).GetRawText();
        Assert.DoesNotContain("released", byRep, StringComparison.OrdinalIgnoreCase);
        Assert.False((await s.Store.GetAuditAsync(s.AuditId, default))!.Value.ReturnsReleased);

        var released = CardOf(await s.ExecuteAsync(Chair, TrackerScreen.Release, new AuditRefData(s.AuditId))).GetRawText();
        var again = CardOf(await s.ExecuteAsync(Chair, TrackerScreen.Release, new AuditRefData(s.AuditId))).GetRawText();
        var remind = CardOf(await s.ExecuteAsync(Chair, TrackerScreen.Remind, new AuditRefData(s.AuditId))).GetRawText();

        Assert.Contains("Returns released for moderation.", released, StringComparison.Ordinal);
        Assert.DoesNotContain($"\"{TrackerScreen.Release}\"", released, StringComparison.Ordinal);
        Assert.DoesNotContain($"\"{TrackerScreen.Remind}\"", released, StringComparison.Ordinal);
        Assert.Contains("already released", again, StringComparison.Ordinal);
        Assert.Contains("only while returns are being collected", remind, StringComparison.Ordinal);
        var audit = (await s.Store.GetAuditAsync(s.AuditId, default))!.Value;
        Assert.Equal((AuditStatus.Moderation, true), (audit.Status, audit.ReturnsReleased));
        var events = await s.Host.Get<IAuditLog>().ListAsync(AuditSubjects.Audit, s.AuditId.ToString("D"));
        Assert.Single(events, e => e.Action == "audit.returns-released");
    }

    [Fact]
    public async Task LogsTheSectionAQuestionIsInNotTheSectionTheCardNamed()
    {
        await using var s = await StartAsync();
        var auditId = await s.CreateAsync();
        var audit = (await s.Store.GetAuditAsync(auditId, default))!.Value;
        var last = audit.Questions.Sections.Skip(1).Last(x => x.Questions.Any(q => !q.IsSafetyQuestion));
        var question = last.Questions.First(q => !q.IsSafetyQuestion);
        const string Forged = "section-from-nowhere";

        var edit = new SaveQuestionData(auditId, Forged, question.Id, "Was the referral made the same day?", null, "", "false");
        Assert.Contains("Question saved.", CardOf(await s.ExecuteAsync(Chair, QuestionsScreen.SaveQuestion, edit)).GetRawText());
        var add = edit with { QuestionId = null, QuestionText = "Was the child seen alone?" };
        CardOf(await s.ExecuteAsync(Chair, QuestionsScreen.SaveQuestion, add));

        var events = await s.Host.Get<IAuditLog>().ListAsync(AuditSubjects.Audit, auditId.ToString("D"));
        var edited = Assert.Single(events, e => e.Action == "audit.question.edited").DetailJson ?? "";
        Assert.Contains($"\"section\":\"{last.Id}\"", edited, StringComparison.Ordinal);
        Assert.DoesNotContain(Forged, edited, StringComparison.Ordinal);
        Assert.DoesNotContain(events, e => e.Action == "audit.question.added");
    }

    [Fact]
    public async Task SendsARepresentativesReopenRequestToTheChair()
    {
        await using var s = await StartAsync();
        await s.SetUpIssuedAsync();
        await s.FillAndSubmitAsync(0, 0);
        var ret = await s.ReturnOfAsync(0);

        var request = new AskReopenData(s.AuditId, ret.Id, "I chose the wrong grade.");
        var card = CardOf(await s.AsRepAsync(Agencies[0].Rep, ReturnsScreen.AskReopen, request)).GetRawText();
        Assert.Contains("Your request has been sent to the chair.", card);
        await s.Host.DrainOutboxAsync();

        var toChair = s.Host.Sent(BotTestHost.PersonalChat(Chair).Id);
        var sent = Assert.Single(toChair, x => x.AllText.Contains("Reopen request", StringComparison.Ordinal));
        Assert.Contains("I chose the wrong grade.", sent.AllText);
        Assert.Equal(ReturnStatus.Submitted, (await s.ReturnOfAsync(0)).Status);
    }

    [Fact]
    public async Task KeepsTheImmediateSafetyQuestionWhileShaping()
    {
        await using var s = await StartAsync();
        var auditId = await s.CreateAsync();
        var audit = (await s.Store.GetAuditAsync(auditId, default))!.Value;
        var safety = audit.Questions.AllQuestions.Single(q => q.IsSafetyQuestion);

        var remove = new QuestionRefData(auditId, safety.Id);
        var removed = CardOf(await s.ExecuteAsync(Chair, QuestionsScreen.RemoveQuestion, remove)).GetRawText();
        Assert.Contains("must keep at least one immediate-safety question", removed);

        var section = audit.Questions.Sections[0].Id;
        var policeOnly = new SaveQuestionData(auditId, section, null, "Is any sibling unsafe now?", null, "Police", "true");
        var limited = CardOf(await s.ExecuteAsync(Chair, QuestionsScreen.SaveQuestion, policeOnly)).GetRawText();
        Assert.Contains("must apply to every agency", limited);

        CardOf(await s.ExecuteAsync(Chair, QuestionsScreen.SaveQuestion, policeOnly with { AgencyTypes = "" }));
        Assert.Equal(2, (await s.Store.GetAuditAsync(auditId, default))!.Value.Questions.SafetyQuestionCount);
    }
}
