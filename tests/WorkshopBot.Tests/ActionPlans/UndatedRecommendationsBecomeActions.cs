using WorkshopBot.ActionPlans.Teams;
using WorkshopBot.Tests.Storage;
using static WorkshopBot.Tests.ActionPlans.ActionScenario;

namespace WorkshopBot.Tests.ActionPlans;

/// <summary>
/// Every recommendation the audit recorded can become an action, through /api/messages: agencies' recommendations that
/// name no target month (the briefing only counts them in its closing line) are on the plan card with their owner agency;
/// the form fills in the text and the agency and asks the chair for the due date; without one the action is refused
/// politely and nothing is saved; with one it is created from that recommendation.
/// </summary>
internal static class UndatedRecommendationsBecomeActions
{
    private const string PoliceUndated = "Review the police referral checklist with the front door team";
    private const string HealthUndated = "Offer health visitors reflective supervision on every neglect case";
    private const string Measure = "The checklist is used in every referral";

    public static async Task RunAsync(string? postgres)
    {
        await using var s = await StartAsync(postgres, (PoliceUndated, HealthUndated));
        var auditId = s.Audit.Id;
        var police = s.Recommendations.Single(r => r.Text == PoliceUndated);
        var health = s.Recommendations.Single(r => r.Text == HealthUndated);
        Assert.Equal(5, s.Recommendations.Count);
        Assert.Equal([4, 5], new[] { police.Number, health.Number }.Order());
        Assert.All(new[] { police, health }, r => Assert.Null(r.TargetDate));
        Assert.False(police.IsPartnership);

        var plan = Text(await s.InChannelAsync(Chair, PlanScreen.OpenPlan, new PlanRefData(auditId)));
        Assert.Contains($"{police.Number}. {PoliceUndated}", plan, StringComparison.Ordinal);
        Assert.Contains($"{health.Number}. {HealthUndated}", plan, StringComparison.Ordinal);
        Assert.Contains("owner named in the briefing: County Police", plan, StringComparison.Ordinal);

        // The form takes the recommendation's text and owner agency, and asks for the due date the agency did not give.
        var form = (await s.InChannelAsync(Chair, CreateScreen.Form, new CreateFormData(auditId, police.Number))).Card!.Value;
        Assert.Equal(PoliceUndated, InputValue(form, "what"));
        Assert.Equal("County Police", InputValue(form, "ownerAgency"));
        Assert.Null(InputValue(form, "dueOn"));
        Assert.Contains("no target date: choose the action's due date", form.GetRawText(), StringComparison.Ordinal);
        var healthForm = (await s.InChannelAsync(Chair, CreateScreen.Form, new CreateFormData(auditId, health.Number))).Card!.Value;
        Assert.Equal("Health Visiting", InputValue(healthForm, "ownerAgency"));

        var noDate = Text(await s.InChannelAsync(Chair, CreateScreen.Create, new CreateActionData(auditId, police.Number,
            PoliceUndated, "County Police", PoliceLead.Id, null, Measure, null, null)));
        Assert.Contains("Give a due date. Nothing was saved.", noDate, StringComparison.Ordinal);
        Assert.Empty(await s.ActionsAsync());

        Assert.Contains("A1 created", Text(await s.InChannelAsync(Chair, CreateScreen.Create, new CreateActionData(auditId,
            police.Number, PoliceUndated, "County Police", PoliceLead.Id, "2026-07-31", Measure, null, null))), StringComparison.Ordinal);
        var action = Assert.Single(await s.ActionsAsync());
        Assert.Equal(PoliceUndated, action.Recommendation);
        Assert.Equal("County Police", action.OwnerAgency);
        Assert.Equal(new DateOnly(2026, 7, 31), action.DueOn);
        Assert.Equal(PoliceLead.AadObjectId, action.Lead.Person.UserId);
        var after = Text(await s.InChannelAsync(Chair, PlanScreen.OpenPlan, new PlanRefData(auditId)));
        Assert.Contains("A1 · County Police · due", after, StringComparison.Ordinal);
    }
}

/// <summary>On SQLite.</summary>
public sealed class UndatedRecommendationsBecomeActionsOnSqlite
{
    [Fact]
    public Task TheChairPicksThemWithTheirAgencyAndGivesTheDueDate() => UndatedRecommendationsBecomeActions.RunAsync(null);
}

/// <summary>The same on a real PostgreSQL server.</summary>
[Collection(PostgresCollection.Name)]
public sealed class UndatedRecommendationsBecomeActionsOnPostgres(PostgresServerFixture server)
{
    [Fact]
    public async Task TheChairPicksThemWithTheirAgencyAndGivesTheDueDate() =>
        await UndatedRecommendationsBecomeActions.RunAsync(await server.CreateDatabaseAsync());
}
