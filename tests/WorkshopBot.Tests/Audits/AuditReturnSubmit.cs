using WorkshopBot.Audits;
using static WorkshopBot.Tests.Audits.AuditFixtures;
using WorkshopBot.Common;
using WorkshopBot.Audits.Domain;
using WorkshopBot.Cards;

namespace WorkshopBot.Tests.Audits;

public sealed class AuditReturnSubmit
{
    [Fact]
    public void SubmitsACompleteReturn()
    {
        var ret = CompletedReturn(IssuedAudit());
        var version = ret.Version;

        Ok(ret.Submit(version, SocialCareRep, Now.AddDays(1)));

        Assert.Equal(ReturnStatus.Submitted, ret.Status);
        Assert.Equal(Now.AddDays(1), ret.SubmittedAt);
        Assert.Equal(version + 1, ret.Version);
        Assert.True(ret.IsReadOnly);
    }

    [Fact]
    public void RefusesASecondSubmitPolitelyWithoutChangingAnything()
    {
        var ret = CompletedReturn(IssuedAudit());
        Ok(ret.Submit(ret.Version, SocialCareRep, Now));
        var version = ret.Version;

        var second = ret.Submit(version - 1, SocialCareRep, Now.AddHours(1));

        Assert.Equal(DomainErrorKind.AlreadyDone, second.Error?.Kind);
        Assert.Equal("This return was already submitted by CSC Auditor on 2 March 2026 at 09:00 GMT. Nothing has changed.", second.Message);
        Assert.Equal(version, ret.Version);
        Assert.Equal(Now, ret.SubmittedAt);
    }

    [Fact]
    public void ListsWhatIsMissing()
    {
        var ret = NewReturn(IssuedAudit());
        var answers = ret.Sections[0].Questions.Skip(1).Select(q => new AnswerInput(q.Id, AnswerValue.Yes)).ToList();
        ret.SaveSection("nai-s1", answers, 0, SocialCareRep, Now).ValueOrThrow();

        var result = ret.Submit(ret.Version, SocialCareRep, Now);

        Assert.Equal(DomainErrorKind.Invalid, result.Error?.Kind);
        Assert.Contains("Answer these", result.Message, StringComparison.Ordinal);
        Assert.Contains("1.1 \"Did your agency identify and report", result.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("1.2 ", result.Message, StringComparison.Ordinal);
        Assert.Contains(
            "Choose a single-agency grade (Outstanding, Good, Requires improvement, Inadequate)", result.Message, StringComparison.Ordinal);
        Assert.Contains("Add good practice, areas for development, or both", result.Message, StringComparison.Ordinal);
        Assert.Equal(ReturnStatus.Draft, ret.Status);
    }

    /// <summary>A question quoted in what is missing is cut between two emoji, never within one (half an emoji is no text).</summary>
    [Fact]
    public void ListsALongQuestionCutBetweenEmojiNeverWithinOne()
    {
        var audit = ReadyAudit();
        // Ten characters, then emoji: one starts at the 57th character, where the quote is cut.
        Ok(audit.EditQuestion("nai-s1-q1", new QuestionDraft("Questions." + string.Concat(Enumerable.Repeat("\U0001F642", 40)))));
        Ok(audit.Issue(Now));
        var ret = NewReturn(audit);

        var missing = ret.MissingForSubmission()[0];

        Assert.Contains("1.1 \"Questions.\U0001F642", missing, StringComparison.Ordinal);
        Assert.Contains("\U0001F642...\"", missing, StringComparison.Ordinal);
        Assert.All(Enumerable.Range(0, missing.Length), i => Assert.False(
            char.IsHighSurrogate(missing[i]) ? i + 1 == missing.Length || !char.IsLowSurrogate(missing[i + 1])
                : char.IsLowSurrogate(missing[i]) && (i == 0 || !char.IsHighSurrogate(missing[i - 1])),
            $"Half an emoji at {i}."));
    }

    [Fact]
    public void DoesNotRequireQuestionsForOtherAgencyTypes()
    {
        var audit = IssuedAudit();
        var school = NewReturn(audit, "agency-2");
        var socialCare = NewReturn(audit, "agency-1");

        // nai-s2-q3 (CP medical for each incident) is for social care, police and hospital trusts only.
        Assert.DoesNotContain(school.RequiredQuestions, q => q.Id == "nai-s2-q3");
        Assert.Contains(socialCare.RequiredQuestions, q => q.Id == "nai-s2-q3");

        foreach (var section in school.Sections)
        {
            var answers = section.Questions.Where(q => q.AppliesTo(AgencyType.School))
                .Select(q => new AnswerInput(q.Id, q.IsSafetyQuestion ? AnswerValue.No : AnswerValue.Yes)).ToList();
            school.SaveSection(section.Id, answers, school.Version, SchoolRep, Now).ValueOrThrow();
        }

        var summary = new ReturnSummaryInput("Good attendance monitoring.", null, null, "good");
        school.SaveSummary(summary, school.Version, SchoolRep, Now).ValueOrThrow();
        Ok(school.Submit(school.Version, SchoolRep, Now));
    }

    [Fact]
    public void RequiresDetailsWhenTheSafetyQuestionIsYes()
    {
        var ret = CompletedReturn(IssuedAudit());
        var safety = ret.AllQuestions.Single(q => q.IsSafetyQuestion);
        ret.SaveSection(ret.Sections[^1].Id, [new AnswerInput(safety.Id, AnswerValue.Yes)], ret.Version, SocialCareRep, Now).ValueOrThrow();

        var result = ret.Submit(ret.Version, SocialCareRep, Now);

        Assert.Contains("You answered yes to question 6.1: describe the concern", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RefusesASubmitBasedOnAStaleVersion()
    {
        var ret = CompletedReturn(IssuedAudit());

        var result = ret.Submit(ret.Version - 1, SocialCareRep, Now);

        Assert.Equal(DomainErrorKind.Stale, result.Error?.Kind);
        Assert.Equal(ReturnStatus.Draft, ret.Status);
    }

    [Fact]
    public void IsReadOnlyOnceSubmitted()
    {
        var ret = CompletedReturn(IssuedAudit());
        Ok(ret.Submit(ret.Version, SocialCareRep, Now));

        var save = ret.SaveSection("nai-s1", [new AnswerInput("nai-s1-q1", AnswerValue.No)], ret.Version, SocialCareRep, Now);
        var summary = ret.SaveSummary(new ReturnSummaryInput("x", null, null, "good"), ret.Version, SocialCareRep, Now);

        Assert.Equal(DomainErrorKind.NotAllowed, save.Error?.Kind);
        Assert.Contains("read-only. Ask the audit chair to reopen it", save.Message, StringComparison.Ordinal);
        Assert.Equal(DomainErrorKind.NotAllowed, summary.Error?.Kind);
        Assert.Equal(AnswerValue.Yes, ret.AnswerTo("nai-s1-q1")!.Value);
    }

    /// <summary>
    /// The CSV export gives a submission's time on England's clock, with its offset: exact, and read against a deadline in
    /// England.
    /// </summary>
    [Fact]
    public void TheCsvExportGivesTheSubmissionOnEnglandsClock()
    {
        var ret = CompletedReturn(IssuedAudit());
        Ok(ret.Submit(ret.Version, SocialCareRep, new DateTimeOffset(2026, 6, 30, 16, 20, 0, TimeSpan.Zero)));

        var csv = WorkshopBot.Audits.Storage.AuditExportFiles.ToCsv([ret]);

        Assert.Contains("\"2026-06-30T17:20:00.0000000+01:00\"", csv, StringComparison.Ordinal);
    }
}
