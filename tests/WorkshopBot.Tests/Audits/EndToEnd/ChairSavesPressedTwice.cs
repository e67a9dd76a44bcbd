using WorkshopBot.Audits.Domain;
using WorkshopBot.Audits.Teams;
using WorkshopBot.Storage;
using static WorkshopBot.Tests.Audits.EndToEnd.AuditScenario;

namespace WorkshopBot.Tests.Audits.EndToEnd;

/// <summary>
/// The chair's "Save" on a new question, "Add section", the retention period, an agency's people and the returns' new due
/// date pressed twice (a double click, or Teams retrying the invoke under a new activity id; two activities, so not a
/// redelivery), one after the other and at the same moment, change the audit once, with one log line; the second press
/// is answered as the first.
/// </summary>
public sealed class ChairSavesPressedTwice
{
    [Fact]
    public async Task ANewQuestionSavedTwiceIsAddedOnce()
    {
        await using var s = await StartAsync();
        var auditId = await s.CreateAsync();
        var section = (await s.Store.GetAuditAsync(auditId, default))!.Value.Questions.Sections[0].Id;
        var add = new SaveQuestionData(auditId, section, null, "Was the child seen alone at each visit?", null, "", "false");

        var first = await s.ExecuteAsync(Chair, QuestionsScreen.SaveQuestion, add);
        var second = await s.ExecuteAsync(Chair, QuestionsScreen.SaveQuestion, add);
        var other = add with { QuestionText = "Was the father's view sought and recorded?" };
        await Task.WhenAll(s.ExecuteAsync(Chair, QuestionsScreen.SaveQuestion, other),
            s.ExecuteAsync(Chair, QuestionsScreen.SaveQuestion, other));

        AssertHasText(first, "Question saved.");
        AssertHasText(second, "Question saved.");
        var audit = (await s.Store.GetAuditAsync(auditId, default))!.Value;
        Assert.Single(audit.Questions.Sections[0].Questions, q => q.Text == add.QuestionText);
        Assert.Single(audit.Questions.Sections[0].Questions, q => q.Text == other.QuestionText);
        var events = await s.Host.Get<IAuditLog>().ListAsync(AuditSubjects.Audit, auditId.ToString("D"));
        Assert.Equal(2, events.Count(e => e.Action == "audit.question.added"));
    }

    [Fact]
    public async Task ASectionAddedTwiceIsAddedOnce()
    {
        await using var s = await StartAsync();
        var auditId = await s.CreateAsync();
        var add = new AddSectionData(auditId, "Working with fathers");

        var first = await s.ExecuteAsync(Chair, QuestionsScreen.AddSection, add);
        var second = await s.ExecuteAsync(Chair, QuestionsScreen.AddSection, add);
        var other = add with { SectionTitle = "Escalation between agencies" };
        await Task.WhenAll(s.ExecuteAsync(Chair, QuestionsScreen.AddSection, other),
            s.ExecuteAsync(Chair, QuestionsScreen.AddSection, other));

        AssertHasText(first, "Section added.");
        AssertHasText(second, "Section added.");
        var audit = (await s.Store.GetAuditAsync(auditId, default))!.Value;
        Assert.Single(audit.Questions.Sections, x => x.Title == add.SectionTitle);
        Assert.Single(audit.Questions.Sections, x => x.Title == other.SectionTitle);
        var events = await s.Host.Get<IAuditLog>().ListAsync(AuditSubjects.Audit, auditId.ToString("D"));
        Assert.Equal(2, events.Count(e => e.Action == "audit.section.added"));
    }

    [Fact]
    public async Task TheSameRetentionSavedTwiceIsLoggedOnce()
    {
        await using var s = await StartAsync();
        var auditId = await s.CreateAsync();
        var save = new RetentionData(auditId, "84");

        var answers = await Task.WhenAll(s.ExecuteAsync(Chair, RetentionScreen.Save, save),
            s.ExecuteAsync(Chair, RetentionScreen.Save, save));
        var later = await s.ExecuteAsync(Chair, RetentionScreen.Save, save);

        Assert.All(answers.Append(later), a => AssertHasText(a, "Kept for 84 months after closure."));
        Assert.Equal(84, (await s.Store.GetAuditAsync(auditId, default))!.Value.Retention.RetainForMonthsAfterClosure);
        var events = await s.Host.Get<IAuditLog>().ListAsync(AuditSubjects.Audit, auditId.ToString("D"));
        Assert.Single(events, e => e.Action == "audit.retention-set");
    }

    [Fact]
    public async Task TheSamePeopleSavedTwiceAreLoggedOnce()
    {
        await using var s = await StartAsync();
        await s.CreateAsync();
        await s.AddCasesAsync();
        await s.AddAgenciesAsync();
        var (rep, _, name) = Agencies[1];
        var save = new AgencyPeopleData(s.AuditId, "agency-2", rep.Id, Lead.Id, null);

        var answers = await Task.WhenAll(s.ExecuteAsync(Chair, AgenciesScreen.SaveAgencyPeople, save),
            s.ExecuteAsync(Chair, AgenciesScreen.SaveAgencyPeople, save));

        Assert.All(answers, a => AssertHasText(a, $"{name}: people and cases saved."));
        var events = await s.Host.Get<IAuditLog>().ListAsync(AuditSubjects.Audit, s.AuditId.ToString("D"));
        Assert.Equal(Agencies.Length, events.Count(e => e.Action == "audit.agency.people"));
    }

    [Fact]
    public async Task TheSameDueDateSavedTwiceIsLoggedOnce()
    {
        await using var s = await StartAsync();
        await s.SetUpIssuedAsync();
        var extend = new ExtendDueData(s.AuditId, "2026-04-03");

        var answers = await Task.WhenAll(s.ExecuteAsync(Chair, TrackerScreen.ExtendDue, extend),
            s.ExecuteAsync(Chair, TrackerScreen.ExtendDue, extend));
        var later = await s.ExecuteAsync(Chair, TrackerScreen.ExtendDue, extend);

        Assert.All(answers.Append(later), a => AssertHasText(a, "Returns are now due 3 April 2026"));
        var events = await s.Host.Get<IAuditLog>().ListAsync(AuditSubjects.Audit, s.AuditId.ToString("D"));
        Assert.Single(events, e => e.Action == "audit.due-extended");
    }
}
