using WorkshopBot.ActionPlans.Domain;
using WorkshopBot.ActionPlans.Storage;
using WorkshopBot.ActionPlans.Teams;
using WorkshopBot.Audits.Domain;
using WorkshopBot.Briefings.Domain;
using WorkshopBot.Cards;
using WorkshopBot.Common;
using WorkshopBot.Common.Teams;
using WorkshopBot.Tests.Cards;

namespace WorkshopBot.Tests.ActionPlans;

/// <summary>
/// An audit of many agencies can bring dozens of recommendations (dated and undated) to its plan: the plan card must
/// still fit Teams' card size limit, with a button for each recommendation listed and a note for those it leaves out, also
/// with texts and agencies' names as long as the domain allows.
/// </summary>
public sealed class PlanCardSize
{
    private static readonly DateTimeOffset Now = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = DateOnly.FromDateTime(Now.UtcDateTime);

    [Theory]
    [InlineData(5)]
    [InlineData(20)]
    [InlineData(40)]
    [InlineData(90)]
    public void ThePlanFitsWithEveryListedRecommendationsButton(int count)
    {
        var (approved, recommendations, actions) = Plan(count);

        var card = PlanCard.Plan(approved, recommendations, actions, Today);

        CardSizeLimit.AssertFits(card, $"a plan of {count} long recommendations and {actions.Count} actions");
        var json = AdaptiveCardJson.Serialize(card);
        var listed = Math.Min(count, PlanCard.MaxRecommendations);
        Assert.Equal(listed, CountOf(json, "\"Create an action for recommendation "));
        Assert.Equal(count > PlanCard.MaxRecommendations, json.Contains("more recommendations are not listed",
            StringComparison.Ordinal));
    }

    /// <summary>A screen reader reads a button by its title alone: each recommendation's and action's button is named.</summary>
    [Fact]
    public void NoButtonTitleIsRepeatedOnThePlan()
    {
        var (approved, recommendations, actions) = Plan(20);
        var mine = actions.Take(PlanCard.MaxOverviewActions).ToList();

        CardAccessibility.AssertActionTitlesUnique(new Dictionary<string, AdaptiveCard>
        {
            ["plan"] = PlanCard.Plan(approved, recommendations, actions, Today),
            ["overview"] = PlanCard.Overview([approved], mine, Today),
        });
    }

    [Fact]
    public void RecommendationsStillWithoutAnActionComeFirst()
    {
        var (approved, recommendations, _) = Plan(20);
        var chair = approved.Audit.Chair;
        var actions = recommendations.Take(16).Select(r => Action(approved.Audit, r.Number, chair, r.Text)).ToList();

        var json = AdaptiveCardJson.Serialize(PlanCard.Plan(approved, recommendations, actions, Today));

        // 17 to 20 have no action yet and come first; then 1 to 11 of those with one, in the briefing's order.
        Assert.True(json.IndexOf("\"17. ", StringComparison.Ordinal) < json.IndexOf("\"1. ", StringComparison.Ordinal));
        Assert.Contains("\"20. ", json, StringComparison.Ordinal);
        Assert.Contains("\"11. ", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\"12. ", json, StringComparison.Ordinal);
        Assert.Contains("5 more recommendations are not listed", json, StringComparison.Ordinal);
    }

    [Fact]
    public void AnOverdueActionBeyondTheListedNumberIsListedBeforeOnesNotOverdue()
    {
        var (approved, recommendations, actions) = Plan(5);
        var chair = approved.Audit.Chair;
        var late = actions.Count + 1;
        actions.Add(Action(approved.Audit, late, chair, null, Today.AddDays(10)));

        var json = AdaptiveCardJson.Serialize(PlanCard.Plan(approved, recommendations, actions, Today.AddDays(20)));

        Assert.Contains($"\"A{late} · ", json, StringComparison.Ordinal);
        Assert.Contains("\"A1 · ", json, StringComparison.Ordinal);
        Assert.DoesNotContain($"\"A{PlanCard.MaxPlanActions} · ", json, StringComparison.Ordinal);
        Assert.True(json.IndexOf("\"A1 · ", StringComparison.Ordinal) < json.IndexOf($"\"A{late} · ", StringComparison.Ordinal));
        Assert.Contains($"{actions.Count - PlanCard.MaxPlanActions} more actions are in the Excel download. Overdue actions",
            json, StringComparison.Ordinal);
    }

    [Fact]
    public void AShortPlanShowsEachRecommendationInFull()
    {
        var (approved, recommendations, actions) = Plan(5);

        var json = AdaptiveCardJson.Serialize(PlanCard.Plan(approved, recommendations, actions, Today));

        Assert.Contains(recommendations[0].Text, json, StringComparison.Ordinal);
    }

    /// <summary>
    /// Texts as long as the domain lets them be: agencies' names of 150 characters, recommendations owned by three of them
    /// ("A, B and C"), the most listed recommendations and actions, each action's text at its limit. In plain letters they all
    /// fit once the owner is cut; in letters of two or three bytes (Welsh "ŵ", a dash "–") fewer fit, and the card says
    /// how many recommendations and actions it leaves out, and why. Either way the card fits.
    /// </summary>
    [Theory]
    [InlineData('n', false)]
    [InlineData('ŵ', true)]
    [InlineData('–', true)]
    public void ThePlanFitsWithTextsAndAgencyNamesAtTheirLimits(char letter, bool leavesSomeOut)
    {
        var chair = new PersonRef("chair-1", "Casey Chair") { TenantId = "tenant-1" };
        var audit = Audit.Create(Guid.NewGuid(), "Neglect of children under five", QuestionTemplates.BlankKey, chair, Now).ValueOrThrow();
        var agencies = Enumerable.Range(1, 12).Select(n => $"Agency {n:00} " + new string(letter, PlannedAction.MaxAgencyLength - 10))
            .ToList();
        Assert.All(agencies, a => Assert.Equal(PlannedAction.MaxAgencyLength, a.Length));
        var owner = $"{agencies[0]}, {agencies[1]} and {agencies[2]}";
        var briefing = new Briefing(audit.Id, "Neglect", [], [], new BriefingFooter("Cases are anonymised.", Today, "Unit"));
        var recommendations = Enumerable.Range(1, PlanCard.MaxRecommendations).Select(n => new Recommendation(n,
            $"{n}: " + new string(letter, 400), owner, n % 2 == 0, "neglect") { TargetDate = Today.AddMonths(6) }).ToList();
        var actions = Enumerable.Range(1, PlanCard.MaxPlanActions).Select(n => PlannedAction.Create(Guid.NewGuid(), "tenant-1",
            audit.Id, audit.Title, n, new ActionDraft(new string(letter, PlannedAction.MaxWhatLength), agencies[n % 12],
                new ActionLead(new PersonRef($"lead-{n}", "Lead") { TenantId = "tenant-1" }, null), Today.AddMonths(3),
                "Quarterly audit", ["neglect"], null), chair, Now).ValueOrThrow()).ToList();

        var card = PlanCard.Plan(new ApprovedBriefing(audit, briefing, 1), recommendations, actions, Today,
            "A1 created and sent to the lead in a 1:1 chat.", Tone.Success);

        CardSizeLimit.AssertFits(card, $"a plan whose texts and agency names are at their limits ('{letter}')");
        var json = AdaptiveCardJson.Serialize(card);
        Assert.DoesNotContain(owner, json, StringComparison.Ordinal);
        var listedRecommendations = CountOf(json, "\"Create an action for recommendation ");
        var listedActions = CountOf(json, "\"Open A");
        Assert.Equal(leavesSomeOut, listedRecommendations + listedActions < recommendations.Count + actions.Count);
        Assert.Equal(leavesSomeOut, json.Contains("Their texts are long, so fewer fit on one card.", StringComparison.Ordinal));
        Assert.Equal(listedRecommendations < recommendations.Count,
            json.Contains($"{recommendations.Count - listedRecommendations} more recommendation", StringComparison.Ordinal));
        Assert.Equal(listedActions < actions.Count,
            json.Contains($"{actions.Count - listedActions} more action", StringComparison.Ordinal));
    }

    private static (ApprovedBriefing, List<Recommendation>, List<PlannedAction>) Plan(int count)
    {
        var chair = new PersonRef("chair-1", "Casey Chair") { TenantId = "tenant-1" };
        var audit = Audit.Create(Guid.NewGuid(), "Multi-agency audit: neglect of children under five", QuestionTemplates.BlankKey,
            chair, Now).ValueOrThrow();
        var briefing = new Briefing(audit.Id, "Neglect of children under five", [], [],
            new BriefingFooter("Cases are anonymised.", Today, "The partnership's business unit"));
        // About 280 characters each, as agencies write them.
        var recommendations = Enumerable.Range(1, count).Select(n => new Recommendation(n,
            $"Agency {n} will review how practitioners record the lived experience of the child at every home visit, including "
            + "the condition of the home, the child's presentation and the views of each adult, and will audit a sample of "
            + "records every quarter to check that chronologies are kept up to date.", $"Agency {n}", n % 3 == 0, "neglect"))
            .ToList();
        var actions = Enumerable.Range(1, PlanCard.MaxPlanActions + 5).Select(n => Action(audit, n, chair, null)).ToList();
        return (new ApprovedBriefing(audit, briefing, 1), recommendations, actions);
    }

    private static PlannedAction Action(Audit audit, int number, PersonRef chair, string? recommendation,
        DateOnly? due = null) =>
        PlannedAction.Create(Guid.NewGuid(), "tenant-1", audit.Id, audit.Title, number, new ActionDraft(
            "Review the chronology template and retrain practitioners in recording the child's lived experience at every "
            + "visit, with a check of a sample of records each quarter.", $"Northshire Community Health NHS Trust 0-19 team {number}",
            new ActionLead(new PersonRef($"lead-{number}", $"Lead of agency number {number}") { TenantId = "tenant-1" }, null),
            due ?? Today.AddMonths(3), "Quarterly audit shows chronologies up to date", ["neglect"], recommendation), chair, Now)
            .ValueOrThrow();

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
