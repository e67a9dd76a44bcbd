using WorkshopBot.Audits.Domain;
using static WorkshopBot.Tests.Audits.AuditFixtures;

namespace WorkshopBot.Tests.Audits;

/// <summary>The domain's rule: answers waiting on the identifier check save nothing but a safety question's yes or no.</summary>
public sealed class AuditReturnSafetyBeforeCheck
{
    [Fact]
    public void OfAnswersWaitingOnTheCheckOnlyASafetyYesOrNoIsSavedWithoutTheDetailsOfTheAnswerBefore()
    {
        var ret = NewReturn(IssuedAudit());
        var safety = ret.AllQuestions.Single(q => q.IsSafetyQuestion);
        var section = ret.Sections.Single(s => s.Questions.Contains(safety));
        ret.SaveSection(section.Id, [new AnswerInput(safety.Id, AnswerValue.No, "Child seen well.")], 0, SocialCareRep, Now)
            .ValueOrThrow();
        var other = section.Questions.FirstOrDefault(q => !q.IsSafetyQuestion);
        List<AnswerInput> checking = [new(safety.Id, AnswerValue.Yes, "Typed with 07700 900123.")];
        if (other is not null)
        {
            checking.Add(new AnswerInput(other.Id, AnswerValue.Partly, "Typed with 07700 900123."));
        }

        Assert.True(ret.ChangesSafetyAnswers([], checking));
        var saved = ret.SaveSection(section.Id, [], 1, SocialCareRep, Now, checking: checking).ValueOrThrow();

        Assert.True(saved.SafetyConcernRaised);
        // The "no" had details; the "yes" has none yet (its own wait on the check), so the alert never carries the "no"'s.
        Assert.Equal(new QuestionAnswer(AnswerValue.Yes, null), ret.AnswerTo(safety.Id));
        Assert.Null(ret.ImmediateConcernDetails);
        Assert.Null(other is null ? null : ret.AnswerTo(other.Id));
        Assert.Empty(ret.Held);
        Assert.False(ret.ChangesSafetyAnswers([], checking));
    }

    [Fact]
    public void ASafetyAnswerKeptForItsAuthorKeepsItsTextOnlyItsYesIsSaved()
    {
        var ret = NewReturn(IssuedAudit());
        var safety = ret.AllQuestions.Single(q => q.IsSafetyQuestion);
        var section = ret.Sections.Single(s => s.Questions.Contains(safety)).Id;

        var saved = ret.SaveSection(section, [], 0, SocialCareRep, Now,
            hold: [new AnswerInput(safety.Id, AnswerValue.Yes, "Bruise seen; mother on 07700 900123.")]).ValueOrThrow();

        Assert.True(saved.SafetyConcernRaised);
        Assert.True(ret.HasImmediateConcern);
        Assert.Null(ret.ImmediateConcernDetails);
        Assert.Equal(new QuestionAnswer(AnswerValue.Yes, null), ret.AnswerTo(safety.Id));
        Assert.Equal(new QuestionAnswer(null, "Bruise seen; mother on 07700 900123."), ret.HeldFor(safety.Id));
    }

    [Fact]
    public void AnEmptyValueWaitsWithItsTextAndAStaleVersionSavesNothing()
    {
        var ret = NewReturn(IssuedAudit());
        var safety = ret.AllQuestions.Single(q => q.IsSafetyQuestion);
        var section = ret.Sections.Single(s => s.Questions.Contains(safety)).Id;
        ret.SaveSection(section, [new AnswerInput(safety.Id, AnswerValue.Yes, "Bruise seen.")], 0, SocialCareRep, Now).ValueOrThrow();

        Assert.Empty(ret.ValuesSavedBeforeCheck([new AnswerInput(safety.Id, null, "Typed with 07700 900123.")]));
        var stale = ret.SaveSection(section, [], 0, SocialCareRep, Now, checking: [new AnswerInput(safety.Id, AnswerValue.No)]);

        Assert.False(stale.Succeeded);
        Assert.True(ret.HasImmediateConcern);
        Assert.Equal(1, ret.Version);
    }
}
