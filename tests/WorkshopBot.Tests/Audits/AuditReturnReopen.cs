using WorkshopBot.Audits;
using static WorkshopBot.Tests.Audits.AuditFixtures;
using WorkshopBot.Common;
using WorkshopBot.Audits.Domain;
using WorkshopBot.Cards;

namespace WorkshopBot.Tests.Audits;

public sealed class AuditReturnReopen
{
    [Fact]
    public void ChairReopensWithAReasonAndTheReturnCanBeEditedAndResubmitted()
    {
        var audit = IssuedAudit();
        var ret = CompletedReturn(audit);
        Ok(ret.Submit(ret.Version, SocialCareRep, Now));

        Ok(ret.Reopen(audit, Chair, "Grade to be revisited after new information.", Now.AddDays(2)));
        ret.SaveSummary(new ReturnSummaryInput("Timely strategy meeting.", "Fathers not seen.", null, "requires-improvement"),
            ret.Version, SocialCareRep, Now.AddDays(2)).ValueOrThrow();
        Ok(ret.Submit(ret.Version, SocialCareRep, Now.AddDays(3)));

        var reopening = Assert.Single(ret.Reopenings);
        Assert.Equal(new ReopenRecord(Chair, "Grade to be revisited after new information.", Now.AddDays(2)), reopening);
        Assert.Equal("requires-improvement", ret.GradeKey);
        Assert.Equal(ReturnStatus.Submitted, ret.Status);
    }

    [Fact]
    public void RefusesReopeningByAnyoneButTheChair()
    {
        var audit = IssuedAudit();
        var ret = CompletedReturn(audit);
        Ok(ret.Submit(ret.Version, SocialCareRep, Now));

        var result = ret.Reopen(audit, SocialCareRep, "I want to change it", Now);

        Assert.Equal(DomainErrorKind.NotAllowed, result.Error?.Kind);
        Assert.Equal("Only the audit chair can reopen a submitted return.", result.Message);
        Assert.Equal(ReturnStatus.Submitted, ret.Status);
    }

    [Fact]
    public void RequiresAReason()
    {
        var audit = IssuedAudit();
        var ret = CompletedReturn(audit);
        Ok(ret.Submit(ret.Version, SocialCareRep, Now));

        var result = ret.Reopen(audit, Chair, "  ", Now);

        Assert.Equal(DomainErrorKind.Invalid, result.Error?.Kind);
        Assert.Empty(ret.Reopenings);
    }

    [Fact]
    public void RefusesReopeningAReturnThatIsNotSubmitted()
    {
        var audit = IssuedAudit();
        var ret = CompletedReturn(audit);

        Assert.Equal(DomainErrorKind.AlreadyDone, ret.Reopen(audit, Chair, "reason", Now).Error?.Kind);
    }
}
