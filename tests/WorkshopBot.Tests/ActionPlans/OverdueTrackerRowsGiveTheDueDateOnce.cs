using WorkshopBot.ActionPlans.Domain;
using WorkshopBot.ActionPlans.Teams;
using WorkshopBot.Cards;

namespace WorkshopBot.Tests.ActionPlans;

/// <summary>
/// A row on the channel's tracker gives the due date once: an overdue action's status says "Overdue: was due …", so the row
/// leaves out its "due …"; an action not yet due keeps it.
/// </summary>
public sealed class OverdueTrackerRowsGiveTheDueDateOnce
{
    private static readonly DateTimeOffset Created = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void AnOverdueRowSaysWasDueOnlyAndAnotherRowSaysDue()
    {
        var actions = new[] { new DateOnly(2026, 11, 10), new DateOnly(2026, 12, 1) }
            .Select((due, i) => TrackerColumns.Action(i + 1, due, Created)).ToList();
        var view = ActionTrackerView.Build("Spring audit", actions, new DateOnly(2026, 11, 11));

        var json = AdaptiveCardJson.Serialize(TrackerCard.Tracker(view, Guid.NewGuid(), Created.AddDays(9)));

        Assert.Contains("\"A1 · County Police · Overdue: was due 10 November 2026 · ", json, StringComparison.Ordinal);
        Assert.DoesNotContain("due 10 November 2026 · Overdue", json, StringComparison.Ordinal);
        Assert.Equal(1, Occurrences(json, "10 November 2026"));
        Assert.Contains("\"A2 · County Police · due 1 December 2026 · ", json, StringComparison.Ordinal);
    }

    private static int Occurrences(string text, string value)
    {
        var count = 0;
        for (var at = text.IndexOf(value, StringComparison.Ordinal); at >= 0; at = text.IndexOf(value, at + 1, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
