using WorkshopBot.Audits.Domain;
using WorkshopBot.Audits.Teams;
using WorkshopBot.Cards;
using static WorkshopBot.Tests.Audits.AuditFixtures;

namespace WorkshopBot.Tests.Audits;

/// <summary>
/// The words of the card that tells a representative of a new workshop date, and of the chair's note of who was told, in
/// the cases the end-to-end scenario does not reach (returns overdue, representatives the bot cannot reach).
/// </summary>
public sealed class WorkshopRescheduledCardText
{
    private static readonly DateTimeOffset From = new(2026, 4, 24, 9, 0, 0, TimeSpan.Zero);

    private static string Text(AdaptiveCard card) => AdaptiveCardJson.ToJsonElement(card).GetRawText();

    [Fact]
    public void OverdueReturnsSayWhenTheyWereDue()
    {
        var audit = IssuedAudit();
        Ok(audit.ScheduleWorkshop(From));
        Ok(audit.RescheduleWorkshop(new DateOnly(2026, 5, 1), Now));
        var late = DueAt.AddDays(1);

        var one = Text(WorkshopMoveNotices.Card(audit, From, [NewReturn(audit, "agency-2")], late));
        var two = Text(WorkshopMoveNotices.Card(audit, From, [NewReturn(audit), NewReturn(audit, caseReference: Case2)], late));

        Assert.Contains("moved from 24 April 2026 at 10:00 BST to 1 May 2026 at 10:00 BST", one, StringComparison.Ordinal);
        Assert.Contains("Your return was due 20 March 2026", one, StringComparison.Ordinal);
        Assert.Contains("Your returns were due 20 March 2026", two, StringComparison.Ordinal);
        Assert.All(new[] { one, two }, t => Assert.DoesNotContain(Case1.Value, t, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(0, new string[0], "")]
    [InlineData(1, new string[0], " The agency representative has been told.")]
    [InlineData(4, new string[0], " The 4 agency representatives have been told.")]
    [InlineData(0, new[] { "GP Auditor" }, " Could not reach GP Auditor in Teams: please tell them.")]
    [InlineData(1, new[] { "GP Auditor" },
        " Could not reach GP Auditor in Teams: please tell them. The other representative has been told.")]
    [InlineData(3, new[] { "GP Auditor", "School Auditor" },
        " Could not reach GP Auditor, School Auditor in Teams: please tell them. The other 3 representatives have been told.")]
    public void TheChairReadsWhoWasTold(int told, string[] unreachable, string note) =>
        Assert.Equal(note, new RepresentativesTold(told, unreachable).Note);
}
