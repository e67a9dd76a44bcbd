using System.Text.Json;
using WorkshopBot.ActionPlans.Domain;
using WorkshopBot.ActionPlans.Teams;
using WorkshopBot.Cards;

namespace WorkshopBot.Tests.ActionPlans;

/// <summary>
/// The channel tracker's agency table: actions with no status reported yet and actions waiting for the chair's sign-off
/// are counted apart, so an agency whose actions are all with the chair does not look as if it reported nothing.
/// </summary>
public sealed class TrackerColumns
{
    [Fact]
    public void ActionsWaitingForSignOffAreNotCountedAsNotYetReported()
    {
        var view = new ActionTrackerView("Spring audit", [new AgencyRow("County Police", 0, 1, 0, 2, 3, 0, 4)], [], 0, 4, 10);

        var card = AdaptiveCardJson.ToJsonElement(TrackerCard.Tracker(view, Guid.NewGuid(), DateTimeOffset.UnixEpoch));

        var rows = card.GetProperty("body").EnumerateArray().Single(e => e.GetProperty("type").GetString() == "Table")
            .GetProperty("rows").EnumerateArray().Select(Cells).ToList();
        Assert.Equal(["Agency", "Overdue", "🔴", "🟠", "🟢", "Not yet", "Sign-off", "Done"], rows[0]);
        Assert.Equal(["County Police", "·", "·", "1", "·", "2", "3", "4"], rows[1]);
    }

    private static List<string> Cells(JsonElement row) =>
        row.GetProperty("cells").EnumerateArray()
            .Select(c => c.GetProperty("items")[0].GetProperty("text").GetString() ?? "").ToList();
}
