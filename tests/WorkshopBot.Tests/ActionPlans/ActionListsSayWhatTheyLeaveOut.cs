using WorkshopBot.ActionPlans.Domain;
using WorkshopBot.ActionPlans.Storage;
using WorkshopBot.ActionPlans.Teams;
using WorkshopBot.Audits.Domain;
using WorkshopBot.Briefings.Domain;
using WorkshopBot.Cards;
using WorkshopBot.Common;
using WorkshopBot.Tests.Cards;

namespace WorkshopBot.Tests.ActionPlans;

/// <summary>
/// The lists of actions and plans outside the plan card: the channel's tracker, a lead's <c>my actions</c> and the
/// <c>actions</c> overview. Each fits Teams' 28 KB however long what people typed (within what the bot accepts), says how
/// many it leaves out rather than cutting them silently, and a lead's list names each action's audit, since A1 of one audit
/// and A1 of another are different actions.
/// </summary>
public sealed class ActionListsSayWhatTheyLeaveOut
{
    private static readonly DateTimeOffset Now = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2026, 11, 2);
    private static readonly PersonRef Chair = new("chair-1", "Casey Chair") { TenantId = "tenant-1" };

    [Fact]
    public void TheChannelTrackerFitsWithTheLongestTextsAndSaysHowManyOpenActionsItLeavesOut()
    {
        var audit = Guid.NewGuid();
        var actions = Enumerable.Range(1, 30).Select(n => Longest(audit, n)).ToList();
        var view = ActionTrackerView.Build(Accented(Audit.MaxTitleLength), actions, Today);

        var card = TrackerCard.Tracker(view, audit, Now);

        CardSizeLimit.AssertFits(card, "the tracker of 30 open actions at the longest texts the bot accepts");
        var json = AdaptiveCardJson.Serialize(card);
        var shown = CountOf(json, "due 2 February 2027");
        Assert.InRange(shown, 1, TrackerCard.MaxListed);
        Assert.Contains($"and {30 - shown} more open actions", json, StringComparison.Ordinal);
    }

    [Fact]
    public void MyActionsFitsWithTheLongestTextsAndSaysHowManyItLeavesOut()
    {
        var actions = Enumerable.Range(1, 40).Select(n => Longest(Guid.NewGuid(), n)).ToList();

        var card = PlanCard.Mine(actions, Today);

        CardSizeLimit.AssertFits(card, "my actions with 40 actions at the longest texts the bot accepts");
        var json = AdaptiveCardJson.Serialize(card);
        var shown = CountOf(json, "due 2 February 2027");
        Assert.InRange(shown, 1, PlanCard.MaxListed);
        Assert.Contains($"{40 - shown} more actions are not listed", json, StringComparison.Ordinal);
    }

    [Fact]
    public void MyActionsNamesTheAuditOfEachAction()
    {
        var spring = Action(Guid.NewGuid(), "NAI audit spring 2026", 1, "County Police");
        var autumn = Action(Guid.NewGuid(), "Neglect audit autumn 2026", 1, "County Police");

        var json = AdaptiveCardJson.Serialize(PlanCard.Mine([spring, autumn], Today));

        Assert.Contains("NAI audit spring 2026", json, StringComparison.Ordinal);
        Assert.Contains("Neglect audit autumn 2026", json, StringComparison.Ordinal);
        Assert.DoesNotContain("not listed", json, StringComparison.Ordinal);
    }

    [Fact]
    public void TheOverviewSaysHowManyPlansAndActionsItLeavesOut()
    {
        var plannable = Enumerable.Range(1, 18).Select(n => Approved($"Audit number {n}")).ToList();
        var mine = Enumerable.Range(1, 12).Select(n => Action(Guid.NewGuid(), $"Audit number {n}", n, "County Police")).ToList();

        var json = AdaptiveCardJson.Serialize(PlanCard.Overview(plannable, mine, Today));

        Assert.Equal(15, CountOf(json, "\"Open the plan: "));
        Assert.Contains("3 more audits", json, StringComparison.Ordinal);
        Assert.Contains("**my actions**", json, StringComparison.Ordinal);
    }

    // What writes longest on a card: accents (two bytes each) and markup characters, which are escaped (a backslash more,
    // itself escaped in the JSON). Everything here is text the bot accepts; a name comes from Teams as it is.
    private static string Accented(int length) => string.Concat(Enumerable.Repeat("é_\\ ", (length / 4) + 1))[..length];

    private static PlannedAction Longest(Guid audit, int number) =>
        PlannedAction.Create(Guid.NewGuid(), "tenant-1", audit, Accented(Audit.MaxTitleLength), number, new ActionDraft(
            Accented(PlannedAction.MaxWhatLength), Accented(AuditAgency.MaxNameLength),
            new ActionLead(new PersonRef($"lead-{number}", Accented(256)) { TenantId = "tenant-1" }, "29:lead"),
            new DateOnly(2027, 2, 2), Accented(PlannedAction.MaxMeasureLength), ["neglect"], null), Chair, Now).ValueOrThrow();

    private static PlannedAction Action(Guid audit, string title, int number, string agency) =>
        PlannedAction.Create(Guid.NewGuid(), "tenant-1", audit, title, number, new ActionDraft(
            "Retrain practitioners in recording the child's lived experience", agency,
            new ActionLead(new PersonRef("lead-1", "Police Lead") { TenantId = "tenant-1" }, "29:lead"),
            new DateOnly(2027, 2, 2), "A quarterly dip sample shows it recorded", ["neglect"], null), Chair, Now).ValueOrThrow();

    private static ApprovedBriefing Approved(string title)
    {
        var audit = Audit.Create(Guid.NewGuid(), title, QuestionTemplates.BlankKey, Chair, Now).ValueOrThrow();
        var briefing = new Briefing(audit.Id, "Neglect", [], [], new BriefingFooter("Cases are anonymised.", Today, "Business unit"));
        return new ApprovedBriefing(audit, briefing, 1);
    }

    private static int CountOf(string text, string part)
    {
        var count = 0;
        for (var at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + 1, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
