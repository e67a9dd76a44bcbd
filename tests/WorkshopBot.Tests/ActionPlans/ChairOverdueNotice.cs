using WorkshopBot.ActionPlans.Teams;
using WorkshopBot.Cards;

namespace WorkshopBot.Tests.ActionPlans;

/// <summary>
/// The chair's overdue notice says what happened to the lead's own notice: told it is overdue, or not reachable in Teams
/// (then the chair is asked to tell them), never "reminded" whatever happened.
/// </summary>
public sealed class ChairOverdueNotice
{
    private static readonly DateTimeOffset Created = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void WhenTheLeadWasToldTheChairReadsThat()
    {
        var json = AdaptiveCardJson.Serialize(
            LeadCard.ChairOverdue(TrackerColumns.Action(1, new DateOnly(2026, 11, 10), Created), new DateOnly(2026, 11, 11), true));

        Assert.Contains("The lead has been told it is overdue.", json, StringComparison.Ordinal);
        Assert.DoesNotContain("please tell them", json, StringComparison.Ordinal);
        Assert.DoesNotContain("reminded", json, StringComparison.Ordinal);
    }

    [Fact]
    public void WhenTheLeadCouldNotBeReachedTheChairIsAskedToTellThem()
    {
        var json = AdaptiveCardJson.Serialize(
            LeadCard.ChairOverdue(TrackerColumns.Action(1, new DateOnly(2026, 11, 10), Created), new DateOnly(2026, 11, 11), false));

        Assert.Contains("The bot cannot reach the lead in Teams: please tell them.", json, StringComparison.Ordinal);
        Assert.DoesNotContain("has been told", json, StringComparison.Ordinal);
    }
}
