using WorkshopBot.Audits;
using static WorkshopBot.Tests.Audits.AuditFixtures;
using WorkshopBot.Common;
using WorkshopBot.Audits.Domain;
using WorkshopBot.Cards;

namespace WorkshopBot.Tests.Audits;

public sealed class AuditEditQuestions
{
    [Fact]
    public void CopiesTheTemplateSoEditsDoNotChangeIt()
    {
        var audit = DraftAudit();
        var first = audit.Questions.Sections[0].Questions[0];

        Ok(audit.EditQuestion(first.Id, new QuestionDraft("Was the bruising protocol followed?", Themes: [Themes.PoliciesAndProcedures])));

        Assert.Equal("Was the bruising protocol followed?", audit.Questions.FindQuestion(first.Id)!.Text);
        Assert.Equal(first.Text, QuestionTemplates.NonAccidentalInjury.Sections[0].Questions[0].Text);
        Assert.Equal("Injuries in non-mobile babies / non-accidental injury", audit.ThemeName);
    }

    [Fact]
    public void AddsQuestionWithNewStableIdAndIncrementsVersion()
    {
        var audit = DraftAudit();
        var before = audit.Version;

        var added = audit.AddQuestion("nai-s2", new QuestionDraft("Was a skeletal survey completed?", "Ask radiology.",
            [Themes.StrategyMeetingsAndMedicals], [AgencyType.HospitalTrust]));

        Assert.True(added.Succeeded, added.Message);
        Assert.Equal("nai-s2-n1", added.Value!.Id);
        Assert.Equal(added.Value, audit.Questions.FindSection("nai-s2")!.Questions[^1]);
        Assert.Equal(before + 1, audit.Version);
    }

    [Fact]
    public void RefusesUnknownThemeAndTooLongText()
    {
        var audit = DraftAudit();

        var unknownTheme = audit.AddQuestion("nai-s1", new QuestionDraft("Text?", Themes: ["rule-of-optimism"]));
        var tooLong = audit.AddQuestion("nai-s1", new QuestionDraft(new string('x', 501)));

        Assert.Contains("not a theme", unknownTheme.Message, StringComparison.Ordinal);
        Assert.Contains("the limit is 500", tooLong.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MovesAQuestionWithinItsSection()
    {
        var audit = DraftAudit();
        var ids = audit.Questions.FindSection("nai-s1")!.Questions.Select(q => q.Id).ToList();

        Ok(audit.MoveQuestion(ids[2], 0));

        Assert.Equal([ids[2], ids[0], ids[1], ids[3]], audit.Questions.FindSection("nai-s1")!.Questions.Select(q => q.Id));
        Assert.False(audit.MoveQuestion(ids[2], 9).Succeeded);
    }

    [Fact]
    public void RemovesAQuestionButNeverTheLastSafetyQuestion()
    {
        var audit = DraftAudit();
        var safety = audit.Questions.AllQuestions.Single(q => q.IsSafetyQuestion);

        Ok(audit.RemoveQuestion("nai-s1-q4"));
        var removeSafety = audit.RemoveQuestion(safety.Id);
        var unmark = audit.MarkSafetyQuestion(safety.Id, false);
        var removeSection = audit.RemoveSection(audit.Questions.SectionOf(safety.Id)!.Id);

        Assert.Null(audit.Questions.FindQuestion("nai-s1-q4"));
        Assert.All([removeSafety, unmark, removeSection], r => Assert.Equal(DomainErrorKind.NotAllowed, r.Error?.Kind));
        Assert.Equal(1, audit.Questions.SafetyQuestionCount);
    }

    [Fact]
    public void AllowsRemovingTheOriginalSafetyQuestionOnceAnotherIsMarked()
    {
        var audit = DraftAudit();
        var original = audit.Questions.AllQuestions.Single(q => q.IsSafetyQuestion);

        Ok(audit.MarkSafetyQuestion("nai-s1-q1", true));
        Ok(audit.RemoveQuestion(original.Id));

        Assert.True(audit.Questions.FindQuestion("nai-s1-q1")!.IsSafetyQuestion);
    }

    [Fact]
    public void LimitsAQuestionToAgencyTypes()
    {
        var audit = DraftAudit();

        Ok(audit.SetQuestionAgencyTypes("nai-s1-q1", [AgencyType.Police, AgencyType.HospitalTrust]));

        var question = audit.Questions.FindQuestion("nai-s1-q1")!;
        Assert.True(question.AppliesTo(AgencyType.Police));
        Assert.False(question.AppliesTo(AgencyType.School));
    }

    [Fact]
    public void AddsCustomSectionsBeforeTheSafetySection()
    {
        var audit = DraftAudit("blank");

        var section = audit.AddSection("Practitioner voice");

        Assert.True(section.Succeeded, section.Message);
        Assert.Equal(["Practitioner voice", "Immediate safety"], audit.Questions.Sections.Select(s => s.Title));
    }

    [Fact]
    public void RefusesToolEditsAfterIssue()
    {
        var audit = IssuedAudit();
        var version = audit.Version;

        var result = audit.EditQuestion("nai-s1-q1", new QuestionDraft("Changed?"));

        Assert.Equal(DomainErrorKind.NotAllowed, result.Error?.Kind);
        Assert.Contains("fixed once issued", result.Message, StringComparison.Ordinal);
        Assert.Equal(version, audit.Version);
    }

    [Fact]
    public void RefusesUnknownQuestionId()
    {
        var result = DraftAudit().RemoveQuestion("nai-s9-q9");

        Assert.Equal(DomainErrorKind.NotFound, result.Error?.Kind);
    }
}
