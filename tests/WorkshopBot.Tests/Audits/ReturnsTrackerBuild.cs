using WorkshopBot.Audits;
using static WorkshopBot.Tests.Audits.AuditFixtures;
using WorkshopBot.Audits.Domain;
using WorkshopBot.Cards;
using WorkshopBot.Tests.Support;

namespace WorkshopBot.Tests.Audits;

public sealed class ReturnsTrackerBuild
{
    [Fact]
    public void ShowsEachAgencyAndCaseWithItsStatus()
    {
        var audit = IssuedAudit();
        var submitted = CompletedReturn(audit);
        Ok(submitted.Submit(submitted.Version, SocialCareRep, Now));
        var draft = NewReturn(audit, "agency-2");
        draft.SaveSection("nai-s1", [new AnswerInput("nai-s1-q1", AnswerValue.Yes)], 0, SchoolRep, Now).ValueOrThrow();

        var view = ReturnsTracker.Build(audit, [submitted, draft], new ManualTimeProvider(Now.AddDays(1)));

        Assert.Equal(TrackerCellStatus.Submitted, view.Cell("agency-1", Case1)!.Status);
        Assert.Equal(submitted.Id, view.Cell("agency-1", Case1)!.ReturnId);
        Assert.Equal(TrackerCellStatus.NotStarted, view.Cell("agency-1", Case2)!.Status);
        Assert.Equal(TrackerCellStatus.Draft, view.Cell("agency-2", Case1)!.Status);
        Assert.Equal(TrackerCellStatus.NotRequested, view.Cell("agency-2", Case2)!.Status);
        Assert.Equal(new TrackerCounts(Expected: 3, NotStarted: 1, Draft: 1, Submitted: 1, Overdue: 0), view.Counts);
        Assert.Equal([Case1, Case2], view.Cases);
    }

    [Fact]
    public void MarksUnsubmittedReturnsOverdueAndListsNonResponders()
    {
        var audit = IssuedAudit();
        var submitted = CompletedReturn(audit);
        Ok(submitted.Submit(submitted.Version, SocialCareRep, Now));

        var view = ReturnsTracker.Build(audit, [submitted], new ManualTimeProvider(DueAt.AddDays(1)));

        Assert.Equal(new TrackerCounts(Expected: 3, NotStarted: 0, Draft: 0, Submitted: 1, Overdue: 2), view.Counts);
        Assert.Equal(
            [new NonResponder("agency-1", "Children's Social Care", SocialCareRep, Outstanding: 1, Overdue: 1),
             new NonResponder("agency-2", "Primary school", SchoolRep, Outstanding: 1, Overdue: 1)],
            view.NonResponders);
        Assert.False(view.AllSubmitted);
    }

    [Fact]
    public void HasNoNonRespondersWhenEverythingIsIn()
    {
        var audit = IssuedAudit();
        var returns = new[]
        {
            CompletedReturn(audit, "agency-1"),
            CompletedReturn(audit, "agency-2", SchoolRep),
        }.ToList();
        var second = NewReturn(audit, "agency-1", Case2);
        foreach (var section in second.Sections)
        {
            var answers = section.Questions
                .Select(q => new AnswerInput(q.Id, q.IsSafetyQuestion ? AnswerValue.No : AnswerValue.Yes))
                .ToList();
            second.SaveSection(section.Id, answers, second.Version, SocialCareRep, Now).ValueOrThrow();
        }

        second.SaveSummary(new ReturnSummaryInput("Good.", null, null, "good"), second.Version, SocialCareRep, Now).ValueOrThrow();
        returns.Add(second);
        returns.ForEach(r => Ok(r.Submit(r.Version, SocialCareRep, Now)));

        var view = ReturnsTracker.Build(audit, returns, new ManualTimeProvider(DueAt.AddDays(1)));

        Assert.Empty(view.NonResponders);
        Assert.True(view.AllSubmitted);
    }
}
