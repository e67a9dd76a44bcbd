using WorkshopBot.Audits.Domain;
using WorkshopBot.Audits.Teams;
using WorkshopBot.Cards;

namespace WorkshopBot.Tests.Audits;

/// <summary>
/// "my audits" shows at most 25 tools. A representative of one agency in a few audits (up to 15 cases each, and closed audits
/// are kept for years) has more: the tools still to do come first, and the card says how many it does not show.
/// </summary>
public sealed class MyAuditsListsWhatIsToDoFirst
{
    [Fact]
    public void ToolsStillToDoComeBeforeSubmittedOnesAndClosedAuditsAndTheRestAreCounted()
    {
        var closed = AuditFixtures.IssuedAudit();
        var done = AuditFixtures.CompletedReturn(closed);
        AuditFixtures.Ok(done.Submit(done.Version, AuditFixtures.SocialCareRep, AuditFixtures.Now));
        AuditFixtures.Ok(closed.ReleaseForModeration(AuditFixtures.Now));
        AuditFixtures.Ok(closed.Close(AuditFixtures.Now));
        var current = Audit.Create(Guid.NewGuid(), "Neglect audit, summer 2026", "neglect", AuditFixtures.Chair, AuditFixtures.Now)
            .ValueOrThrow();
        var refs = Enumerable.Range(1, 6).Select(i => AuditFixtures.Ref($"NEG-2026-07-C{i}")).ToList();
        refs.ForEach(r => AuditFixtures.Ok(current.AddCase(r, AgeBand.OneToFour)));
        current.AddAgency(AgencyType.ChildrensSocialCare, "Children's Social Care", AuditFixtures.SocialCareRep).ValueOrThrow();
        AuditFixtures.Ok(current.ScheduleReturnsDue(AuditFixtures.DueAt, AuditFixtures.Now));
        AuditFixtures.Ok(current.Issue(AuditFixtures.Now));
        var toDo = refs.Select(r => (current, AuditFixtures.NewReturn(current, "agency-1", r))).ToList();

        // As the store lists them: the closed audit's 28 submitted tools before the current audit's 6.
        var mine = Enumerable.Repeat((closed, done), 28).Concat(toDo).ToList();
        var card = AdaptiveCardJson.Serialize(ReturnsCard.MyAudits(mine));

        foreach (var r in refs)
        {
            Assert.Contains($"case {r}", card);
        }

        Assert.Contains("9 more not shown", card);
    }
}
