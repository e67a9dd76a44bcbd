using System.Text.Json;
using WorkshopBot.ActionPlans.Domain;
using WorkshopBot.ActionPlans.Teams;
using WorkshopBot.Cards;
using WorkshopBot.Audits.Domain;
using WorkshopBot.Common;
using WorkshopBot.Tests.Cards;

namespace WorkshopBot.Tests.ActionPlans;

/// <summary>
/// The channel tracker's agency table: actions with no status reported yet and actions waiting for the chair's sign-off
/// are counted apart, so an agency whose actions are all with the chair does not look as if it reported nothing; the
/// overdue ones, which are among the others, are named under the agency rather than counted in a column beside them.
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
        Assert.Equal(["Agency", "🔴 Red", "🟠 Amber", "🟢 Green", "Not yet", "Sign-off", "Done"], rows[0]);
        Assert.Equal(["County Police", "0", "1", "0", "2", "3", "4"], rows[1]);
    }

    /// <summary>
    /// Overdue actions are among an agency's red, amber, green and not yet. An "Overdue" column beside those was added to
    /// them by readers (3 overdue and 4 open read as seven); the count is now written under the agency's name.
    /// </summary>
    [Fact]
    public void OverdueActionsAreNamedUnderTheAgencyNotCountedInAColumnOfTheirOwn()
    {
        var view = new ActionTrackerView("Spring audit", [new AgencyRow("County Police", 2, 1, 0, 1, 0, 3, 0)], [], 3, 0, 4);

        var table = TableOf(TrackerCard.Tracker(view, Guid.NewGuid(), DateTimeOffset.UnixEpoch));

        Assert.Equal(["Agency", "🔴 Red", "🟠 Amber", "🟢 Green", "Not yet", "Sign-off", "Done"], Cells(table[0]));
        Assert.Equal(["County Police", "2", "1", "0", "1", "0", "0"], Cells(table[1]));
        Assert.Equal(["County Police", "3 overdue"], Texts(table[1].GetProperty("cells")[0]));
        Assert.Equal("Attention", table[1].GetProperty("cells")[0].GetProperty("items")[1].GetProperty("color").GetString());
    }

    /// <summary>Thirteen agencies (an audit's twelve and the partnership) at the longest names, all with overdue actions.</summary>
    [Fact]
    public void TheTableOfEveryAgencyWithOverdueActionsFits()
    {
        var created = new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);
        var rows = Enumerable.Range(1, Audit.MaxAgencies + 1)
            .Select(n => new AgencyRow(n + new string('é', AuditAgency.MaxNameLength - 2), 9, 9, 9, 9, 9, 36, 9)).ToList();
        var listed = Enumerable.Range(1, 30).Select(n => Action(n, new DateOnly(2026, 11, 10), created)).ToList();
        var view = new ActionTrackerView("Spring audit", rows, listed, 30, 117, 30 + 117);

        var card = TrackerCard.Tracker(view, Guid.NewGuid(), created.AddDays(9));

        CardSizeLimit.AssertFits(card, "the tracker of thirteen agencies at the longest names, all with overdue actions");
        Assert.Equal(Audit.MaxAgencies + 1, TableOf(card).Skip(1).Count(r => Texts(r.GetProperty("cells")[0]).Last() == "36 overdue"));
    }

    /// <summary>
    /// The line under the tracker's heading counts each action once: overdue actions are among those not finished, so
    /// "5 actions: 2 overdue, 3 open, 2 finished" (seven, read as a sum) is not what it says.
    /// </summary>
    [Fact]
    public void TheSummaryLineCountsEachActionOnce()
    {
        var created = new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);
        var actions = new[] { new DateOnly(2026, 11, 10), new DateOnly(2026, 11, 10), new DateOnly(2026, 12, 1) }
            .Select((due, i) => Action(i + 1, due, created)).ToList();
        var view = ActionTrackerView.Build("Spring audit", actions, new DateOnly(2026, 11, 11));

        var json = AdaptiveCardJson.Serialize(TrackerCard.Tracker(view, Guid.NewGuid(), created.AddDays(9)));

        Assert.Contains("3 actions: 3 not finished (2 of them overdue), 0 finished.", json, StringComparison.Ordinal);
    }

    /// <summary>An action due on 10 November is late from the 11th: it was not overdue "since 10 November".</summary>
    [Fact]
    public void AnOverdueActionSaysWhenItWasDueNotThatItWasLateThatDay()
    {
        var action = Action(1, new DateOnly(2026, 11, 10), new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero));

        var status = ActionCardKit.Status(action, new DateOnly(2026, 11, 11));

        Assert.StartsWith("Overdue: was due 10 November 2026", status, StringComparison.Ordinal);
        Assert.DoesNotContain("since", status, StringComparison.Ordinal);
    }

    internal static PlannedAction Action(int number, DateOnly due, DateTimeOffset created)
    {
        var chair = new PersonRef("chair-1", "Casey Chair") { TenantId = "tenant-1" };
        return PlannedAction.Create(Guid.NewGuid(), "tenant-1", Guid.NewGuid(), "Spring audit", number, new ActionDraft(
            "Retrain practitioners in recording the child's lived experience", "County Police",
            new ActionLead(new PersonRef("lead-1", "Police Lead") { TenantId = "tenant-1" }, "29:lead"), due,
            "A quarterly dip sample shows it recorded", ["neglect"], null), chair, created).ValueOrThrow();
    }

    private static List<JsonElement> TableOf(AdaptiveCard card) =>
        AdaptiveCardJson.ToJsonElement(card).GetProperty("body").EnumerateArray()
            .Single(e => e.GetProperty("type").GetString() == "Table").GetProperty("rows").EnumerateArray().ToList();

    private static List<string> Texts(JsonElement cell) =>
        cell.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("text").GetString() ?? "").ToList();

    private static List<string> Cells(JsonElement row) =>
        row.GetProperty("cells").EnumerateArray()
            .Select(c => c.GetProperty("items")[0].GetProperty("text").GetString() ?? "").ToList();
}
