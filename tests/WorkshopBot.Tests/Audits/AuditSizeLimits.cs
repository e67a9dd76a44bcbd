using WorkshopBot.Audits;
using WorkshopBot.Audits.Domain;
using WorkshopBot.Audits.Teams;
using WorkshopBot.Cards;
using WorkshopBot.Tests.Cards;

namespace WorkshopBot.Tests.Audits;

/// <summary>The tracker grid is tested at 15 cases by 12 agencies; the domain must not let an audit grow past it.</summary>
public sealed class AuditSizeLimits
{
    [Fact]
    public void RefusesACaseBeyondTheLimit()
    {
        var audit = AuditFixtures.DraftAudit();
        for (var i = 1; i <= Audit.MaxCases; i++)
        {
            AuditFixtures.Ok(audit.AddCase(AuditFixtures.Ref($"NAI-2026-03-C{i}"), AgeBand.Under1));
        }

        var refused = audit.AddCase(AuditFixtures.Ref("NAI-2026-03-C99"), AgeBand.Under1);

        Assert.False(refused.Succeeded);
        Assert.Contains($"at most {Audit.MaxCases} cases", refused.Message);
        Assert.Equal(Audit.MaxCases, audit.Cases.Count);
    }

    [Fact]
    public void RefusesAnAgencyBeyondTheLimit()
    {
        var audit = AuditFixtures.DraftAudit();
        for (var i = 1; i <= Audit.MaxAgencies; i++)
        {
            audit.AddAgency(AgencyType.Other, $"Agency number {i}").ValueOrThrow();
        }

        var refused = audit.AddAgency(AgencyType.Police, "One agency too many");

        Assert.False(refused.Succeeded);
        Assert.Contains($"at most {Audit.MaxAgencies} agencies", refused.Message);
        Assert.Equal(Audit.MaxAgencies, audit.Agencies.Count);
    }
}

/// <summary>The question-shaping card lists a whole section; a section must not outgrow one card.</summary>
public sealed class AuditSectionSizeLimit
{
    [Fact]
    public void ASectionFullOfLongQuestionsStillFitsOnOneCardAndTheNextIsRefused()
    {
        var audit = AuditFixtures.DraftAudit();
        var section = audit.Questions.Sections[0].Id;
        var draft = new QuestionDraft(new string('Q', Question.MaxTextLength), new string('G', Question.MaxGuidanceLength), null,
            [AgencyType.ChildrensSocialCare, AgencyType.Police, AgencyType.HealthVisiting, AgencyType.Gp, AgencyType.School]);
        while (audit.Questions.FindSection(section)!.Questions.Count < QuestionSet.MaxQuestionsPerSection)
        {
            audit.AddQuestion(section, draft).ValueOrThrow();
        }

        var refused = audit.AddQuestion(section, draft);

        Assert.False(refused.Succeeded);
        Assert.Contains($"at most {QuestionSet.MaxQuestionsPerSection} questions", refused.Message);
        CardSizeLimit.AssertFits(QuestionsCard.Questions(audit, section, new string('M', 300)), "questions card at the section limit");
    }
}

/// <summary>The review and read-only cards list every question of the tool; the tool must not outgrow them.</summary>
public sealed class AuditToolSizeLimit
{
    [Fact]
    public void AToolAtTheSectionLimitStillFitsOnTheReviewCardsAndTheNextSectionIsRefused() => AToolAtTheLimitFits("n");

    /// <summary>
    /// Narratives written in emoji (12 bytes of JSON for 2 characters), Bengali (3 bytes a letter) or Markdown markup
    /// (escaped, 3 or 4 bytes): the cards' budget for narratives counts bytes as the card carries them, not characters.
    /// </summary>
    [Theory]
    [InlineData("\U0001F44D")]
    [InlineData("\u09A6")]
    [InlineData("*")]
    [InlineData("\\")]
    public void NarrativesHoweverWrittenFitOnTheReviewCards(string unit) => AToolAtTheLimitFits(unit);

    private static void AToolAtTheLimitFits(string unit)
    {
        var narrative = string.Concat(Enumerable.Repeat(unit, 4000 / unit.Length));
        var audit = AuditFixtures.DraftAudit();
        var draft = new QuestionDraft(new string('Q', Question.MaxTextLength), null);
        while (audit.Questions.Sections.Count < QuestionSet.MaxSections)
        {
            audit.AddSection(new string('S', QuestionSet.MaxSectionTitleLength)).ValueOrThrow();
        }

        foreach (var section in audit.Questions.Sections.ToList())
        {
            while (audit.Questions.FindSection(section.Id)!.Questions.Count < QuestionSet.MaxQuestionsPerSection)
            {
                audit.AddQuestion(section.Id, draft).ValueOrThrow();
            }
        }

        Assert.False(audit.AddSection("One section too many").Succeeded);
        AuditFixtures.Ok(audit.AddCase(AuditFixtures.Case1, AgeBand.Under1));
        audit.AddAgency(AgencyType.Police, "County Police", AuditFixtures.SocialCareRep).ValueOrThrow();
        AuditFixtures.Ok(audit.ScheduleReturnsDue(AuditFixtures.DueAt, AuditFixtures.Now));
        AuditFixtures.Ok(audit.Issue(AuditFixtures.Now));
        var ret = AuditReturn.Create(Guid.NewGuid(), audit, AuditFixtures.Case1, "agency-1").ValueOrThrow();
        foreach (var s in ret.Sections)
        {
            var answers = s.Questions
                .Select(q => new AnswerInput(q.Id, q.IsSafetyQuestion ? AnswerValue.No : AnswerValue.Partly, narrative))
                .ToList();
            ret.SaveSection(s.Id, answers, ret.Version, AuditFixtures.SocialCareRep, AuditFixtures.Now).ValueOrThrow();
        }

        CardSizeLimit.AssertFits(ReturnsCard.Review(audit, ret, new string('M', 300)), "review card at the tool limit");
        CardSizeLimit.AssertFits(QuestionsCard.Questions(audit, null, new string('M', 300)), "questions overview at the tool limit");
        var summary = new ReturnSummaryInput(narrative, narrative, narrative, "good");
        ret.SaveSummary(summary, ret.Version, AuditFixtures.SocialCareRep, AuditFixtures.Now).ValueOrThrow();
        AuditFixtures.Ok(ret.Submit(ret.Version, AuditFixtures.SocialCareRep, AuditFixtures.Now));
        CardSizeLimit.AssertFits(ReturnsCard.ReadOnly(audit, ret, new string('M', 300)), "read-only card at the tool limit");
    }
}
