using WorkshopBot.Audits;
using static WorkshopBot.Tests.Audits.AuditFixtures;
using WorkshopBot.Cards;
using WorkshopBot.Tests.Support;

namespace WorkshopBot.Tests.Audits;

public sealed class AuditReturnOverdue
{
    [Fact]
    public void BecomesOverdueOnlyAfterTheDueDatePasses()
    {
        var audit = IssuedAudit();
        var ret = NewReturn(audit);
        var clock = new ManualTimeProvider(DueAt.AddMinutes(-1));

        var beforeDue = ret.IsOverdue(audit, clock);
        clock.Advance(TimeSpan.FromMinutes(2));

        Assert.False(beforeDue);
        Assert.True(ret.IsOverdue(audit, clock));
        Assert.True(audit.AreReturnsOverdue(clock.GetUtcNow()));
    }

    [Fact]
    public void IsNeverOverdueOnceSubmitted()
    {
        var audit = IssuedAudit();
        var ret = CompletedReturn(audit);
        Ok(ret.Submit(ret.Version, SocialCareRep, Now));

        Assert.False(ret.IsOverdue(audit, new ManualTimeProvider(DueAt.AddDays(30))));
    }

    [Fact]
    public void ExtendingTheDueDateLiftsOverdue()
    {
        var audit = IssuedAudit();
        var ret = NewReturn(audit);
        var clock = new ManualTimeProvider(DueAt.AddDays(1));
        Assert.True(ret.IsOverdue(audit, clock));

        Ok(audit.ExtendDueDate(DueAt.AddDays(5), clock.GetUtcNow()));

        Assert.False(ret.IsOverdue(audit, clock));
    }
}
