using WorkshopBot.Audits;
using static WorkshopBot.Tests.Audits.AuditFixtures;
using WorkshopBot.Common;
using WorkshopBot.Common.Privacy;
using WorkshopBot.Audits.Domain;
using WorkshopBot.Cards;

namespace WorkshopBot.Tests.Audits;

public sealed class AuditReturnSave
{
    [Fact]
    public void StartsNotStartedAtVersionZero()
    {
        var ret = NewReturn(IssuedAudit());

        Assert.Equal(ReturnStatus.NotStarted, ret.Status);
        Assert.Equal(0, ret.Version);
    }

    [Fact]
    public void SavesASectionAndIncrementsVersion()
    {
        var ret = NewReturn(IssuedAudit());

        var answer = new AnswerInput("nai-s1-q1", AnswerValue.Partly, "  Referral made next day.  ");
        var result = ret.SaveSection("nai-s1", [answer], 0, SocialCareRep, Now);

        Assert.True(result.Succeeded, result.Message);
        Assert.Equal(1, result.Value!.Version);
        Assert.Equal(ReturnStatus.Draft, ret.Status);
        Assert.Equal(new QuestionAnswer(AnswerValue.Partly, "Referral made next day."), ret.AnswerTo("nai-s1-q1"));
        Assert.Equal(SocialCareRep, ret.LastSavedBy);
    }

    [Fact]
    public void RefusesAStaleVersionWithAClearMessage()
    {
        var ret = NewReturn(IssuedAudit());
        ret.SaveSection("nai-s1", [new AnswerInput("nai-s1-q1", AnswerValue.Yes)], 0, SocialCareRep, Now).ValueOrThrow();

        var stale = ret.SaveSection("nai-s1", [new AnswerInput("nai-s1-q1", AnswerValue.No)], 0, SchoolRep, Now);

        Assert.Equal(DomainErrorKind.Stale, stale.Error?.Kind);
        Assert.Equal(
            "This return has changed since you opened it (you had version 0, it is now version 1, last saved by CSC Auditor). "
            + "Reload it to see the latest answers, then make your change again.",
            stale.Message);
        Assert.Equal(AnswerValue.Yes, ret.AnswerTo("nai-s1-q1")!.Value);
        Assert.Equal(1, ret.Version);
    }

    [Fact]
    public void AnOlderCardSavesOnlyItsNewYesToImmediateSafetyAndOnlyOnce()
    {
        var ret = NewReturn(IssuedAudit());
        ret.SaveSection("nai-s1", [new AnswerInput("nai-s1-q1", AnswerValue.Yes)], 0, SocialCareRep, Now).ValueOrThrow();
        var safety = ret.Sections[^1];
        var yes = new AnswerInput(safety.Questions[0].Id, AnswerValue.Yes, "Bruising seen today.");

        Assert.Equal([yes], ret.NewConcerns(safety.Id, [yes, new AnswerInput(safety.Questions[0].Id, AnswerValue.No)]));
        Assert.Empty(ret.NewConcerns("nai-s1", [new AnswerInput("nai-s1-q2", AnswerValue.Yes)]));
        var saved = ret.SaveConcernFromOlderCard(safety.Id, [yes], [], 0, SocialCareRep, Now);
        var again = ret.SaveConcernFromOlderCard(safety.Id, [yes], [], 0, SocialCareRep, Now);
        var current = ret.SaveConcernFromOlderCard(safety.Id, [yes], [], ret.Version, SocialCareRep, Now);

        Assert.True(saved.Value!.SafetyConcernRaised);
        Assert.Equal(new QuestionAnswer(AnswerValue.Yes, "Bruising seen today."), ret.AnswerTo(yes.QuestionId));
        Assert.Equal(DomainErrorKind.AlreadyDone, again.Error?.Kind);
        Assert.Equal(DomainErrorKind.NotAllowed, current.Error?.Kind);
        Assert.Equal(2, ret.Version);
    }

    [Fact]
    public void AnOlderSummaryCardCarryingWhatIsStoredIsAlreadySaved()
    {
        var ret = NewReturn(IssuedAudit());
        var summary = new ReturnSummaryInput(" Good practice. ", "Development.", null, "good");
        ret.SaveSummary(summary, 0, SocialCareRep, Now).ValueOrThrow();

        Assert.Equal(DomainErrorKind.AlreadyDone, ret.SaveSummary(summary, 0, SocialCareRep, Now).Error?.Kind);
        Assert.Equal(DomainErrorKind.Stale, ret.SaveSummary(summary with { GradeKey = "inadequate" }, 0, SocialCareRep, Now).Error?.Kind);
        Assert.Equal(DomainErrorKind.AlreadyDone,
            ret.SaveSummary(summary with { GradeKey = null, Fields = ["goodPractice"] }, 0, SocialCareRep, Now).Error?.Kind);
        Assert.Equal(1, ret.Version);
    }

    [Fact]
    public void RefusesUnknownQuestionOrOneFromAnotherSection()
    {
        var ret = NewReturn(IssuedAudit());

        var unknown = ret.SaveSection("nai-s1", [new AnswerInput("nai-s1-q99", AnswerValue.Yes)], 0, SocialCareRep, Now);
        var otherSection = ret.SaveSection("nai-s1", [new AnswerInput("nai-s2-q1", AnswerValue.Yes)], 0, SocialCareRep, Now);
        var unknownSection = ret.SaveSection("nai-s99", [], 0, SocialCareRep, Now);

        Assert.All([unknown.Error, otherSection.Error, unknownSection.Error], e => Assert.Equal(DomainErrorKind.NotFound, e?.Kind));
        Assert.Contains("nai-s1-q99", unknown.Message, StringComparison.Ordinal);
        Assert.Equal(0, ret.Version);
    }

    [Fact]
    public void RefusesANarrativeOverTheLimit()
    {
        var ret = NewReturn(IssuedAudit());

        var tooLong = new AnswerInput("nai-s1-q1", AnswerValue.Yes, new string('a', 4001));
        var result = ret.SaveSection("nai-s1", [tooLong], 0, SocialCareRep, Now);

        Assert.Equal(DomainErrorKind.Invalid, result.Error?.Kind);
        Assert.StartsWith("Your answer to question 1.1 is 4,001 characters long", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RefusesAGradeOutsideTheAuditsScale()
    {
        var ret = NewReturn(IssuedAudit());

        var result = ret.SaveSummary(new ReturnSummaryInput("Good.", null, null, "amber"), 0, SocialCareRep, Now);

        Assert.Equal(DomainErrorKind.Invalid, result.Error?.Kind);
        Assert.Equal(
            "\"amber\" is not a grade on this audit's scale. Choose one of: Outstanding, Good, Requires improvement, Inadequate.",
            result.Message);
        Assert.Null(ret.GradeKey);
    }

    [Fact]
    public void AcceptsAGradeOnTheScale()
    {
        var ret = NewReturn(IssuedAudit());

        var summary = new ReturnSummaryInput("Good.", "Chronology missing.", "Use chronologies.", "Requires-Improvement");
        ret.SaveSummary(summary, 0, SocialCareRep, Now).ValueOrThrow();

        Assert.Equal("Requires improvement", ret.Grade?.Label);
        Assert.Equal("requires-improvement", ret.GradeKey);
    }

    [Fact]
    public void RaisesTheSafetyConcernOnceWhenTheSafetyQuestionIsAnsweredYes()
    {
        var ret = NewReturn(IssuedAudit());
        var safety = ret.AllQuestions.Single(q => q.IsSafetyQuestion);
        var section = ret.Sections.Single(s => s.Questions.Contains(safety)).Id;

        var first = ret.SaveSection(section, [new AnswerInput(safety.Id, AnswerValue.Yes, "Sibling seen with new bruise.")], 0,
            SocialCareRep, Now);
        var again = ret.SaveSection(section, [new AnswerInput(safety.Id, AnswerValue.Yes, "Sibling seen with new bruise; referred.")], 1,
            SocialCareRep, Now);

        Assert.True(first.Value!.SafetyConcernRaised);
        Assert.False(again.Value!.SafetyConcernRaised);
        Assert.True(ret.HasImmediateConcern);
        Assert.Equal("Sibling seen with new bruise; referred.", ret.ImmediateConcernDetails);

        var no = ret.SaveSection(section, [new AnswerInput(safety.Id, AnswerValue.No)], 2, SocialCareRep, Now).ValueOrThrow();
        Assert.True(no.ConcernWithdrawn);
        Assert.False(no.SafetyConcernRaised || no.ConcernDetailsChanged);
    }

    [Theory]
    [InlineData(AnswerValue.Partly)]
    [InlineData(AnswerValue.NotApplicable)]
    public void RefusesAnAnswerToTheSafetyQuestionOtherThanYesOrNo(AnswerValue forged)
    {
        // The card offers yes and no only: "partly unsafe" would raise no alert, yet count as answered on submit.
        var ret = NewReturn(IssuedAudit());
        var safety = ret.AllQuestions.Single(q => q.IsSafetyQuestion);
        var section = ret.Sections.Single(s => s.Questions.Contains(safety)).Id;

        var refused = ret.SaveSection(section, [new AnswerInput(safety.Id, forged, "Bruise seen on the sibling today.")], 0,
            SocialCareRep, Now);

        Assert.Equal(DomainErrorKind.Invalid, refused.Error?.Kind);
        Assert.Contains("yes or no", refused.Message, StringComparison.Ordinal);
        Assert.Null(ret.AnswerTo(safety.Id));
        Assert.Equal(0, ret.Version);
    }

    [Fact]
    public void TwoSafetyNarrativesAreLabelledSoTheirEndsNeverReadAsOneIdentifier()
    {
        var audit = ReadyAudit();
        Ok(audit.MarkSafetyQuestion("nai-s1-q1", true));
        Ok(audit.Issue(Now));
        var ret = NewReturn(audit);
        var safety = ret.AllQuestions.Where(q => q.IsSafetyQuestion).ToList();
        Assert.Equal(2, safety.Count);

        // Each part alone holds nothing the scanner flags; run together they read "943 476\n5919", an NHS number.
        string[] narratives = ["Sibling seen with new bruise, ref 943 476", "5919 is the room; police were called."];
        var scanner = new IdentifierScanner();
        Assert.All(narratives, n => Assert.Empty(scanner.Scan(n)));
        Assert.Contains(scanner.Scan(string.Join("\n", narratives)), f => f.Kind == IdentifierKind.NhsNumber);
        foreach (var (question, narrative) in safety.Zip(narratives))
        {
            var section = ret.Sections.Single(s => s.Questions.Contains(question)).Id;
            ret.SaveSection(section, [new AnswerInput(question.Id, AnswerValue.Yes, narrative)], ret.Version, SocialCareRep, Now)
                .ValueOrThrow();
        }

        Assert.Equal("Concern 1: Sibling seen with new bruise, ref 943 476\nConcern 2: 5919 is the room; police were called.",
            ret.ImmediateConcernDetails);
        Assert.Empty(scanner.Scan(ret.ImmediateConcernDetails!));
        Assert.Equal(ret.ImmediateConcernDetails, SafetyEscalation.DetailsOf(ret));
    }

    [Fact]
    public void ClearsAnAnswerWhenValueAndNarrativeAreEmpty()
    {
        var ret = NewReturn(IssuedAudit());
        ret.SaveSection("nai-s1", [new AnswerInput("nai-s1-q1", AnswerValue.Yes)], 0, SocialCareRep, Now).ValueOrThrow();

        ret.SaveSection("nai-s1", [new AnswerInput("nai-s1-q1", null, " ")], 1, SocialCareRep, Now).ValueOrThrow();

        Assert.Null(ret.AnswerTo("nai-s1-q1"));
    }

    [Fact]
    public void CannotBeCreatedForACaseTheAgencyWasNotAskedAbout()
    {
        var audit = IssuedAudit();

        var result = AuditReturn.Create(Guid.NewGuid(), audit, Case2, "agency-2");

        Assert.Equal(DomainErrorKind.NotAllowed, result.Error?.Kind);
        Assert.Equal("Primary school has not been asked to return on case NAI-2026-03-C2.", result.Message);
    }

    [Fact]
    public void CannotBeCreatedBeforeTheAuditIsIssued()
    {
        var result = AuditReturn.Create(Guid.NewGuid(), ReadyAudit(), Case1, "agency-1");

        Assert.Equal(DomainErrorKind.NotAllowed, result.Error?.Kind);
    }
}
