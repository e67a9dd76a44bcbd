using System.Net;
using WorkshopBot.ActionPlans.Domain;
using WorkshopBot.ActionPlans.Storage;
using WorkshopBot.ActionPlans.Teams;
using WorkshopBot.Tests.Storage;
using WorkshopBot.Tests.Support;
using static WorkshopBot.Tests.ActionPlans.ActionScenario;

namespace WorkshopBot.Tests.ActionPlans;

/// <summary>
/// The chair signs off (or sends back) the evidence the review card showed, never evidence they have not seen, through
/// /api/messages with the buttons' own data: a press on an older review card, after the lead's evidence was sent back and
/// replaced, signs nothing off and shows the latest evidence; a card posted before the cards said which evidence they
/// showed gets the same; and evidence replaced just after the sign-off's turn read the action is not signed off either.
/// </summary>
internal static class SignOffOfSeenEvidence
{
    private const string What = "Agree an information-sharing protocol between police and health";
    private const string Measure = "Every interview note reaches health within two working days";
    private const string FirstEvidence = "Protocol signed by both agencies; June dip sample: 14 of 14 notes shared in time";
    private const string LaterEvidence = "Protocol signed; the July dip sample was skipped, June's will have to do";
    private const string Changed = "The evidence has changed since this card was shown";
    private const string Unknown = "This card does not say which evidence it showed";

    public static async Task OlderCardAsync(string? postgres)
    {
        await using var s = await StartAsync(postgres);
        var a1 = await ActionWithEvidenceAsync(s);
        var card1 = await s.ReviewAsync(a1.Id);
        Assert.Contains(FirstEvidence, card1.GetRawText(), StringComparison.Ordinal);

        // Sent back from that card, the lead replaces the evidence; the chair then presses on the first card again.
        Assert.Contains("open again", Text(await s.InChatAsync(Chair, SignOffScreen.ReturnEvidence,
            Press(card1, SignOffScreen.ReturnEvidence, ("reason", "Add the July dip sample too")))), StringComparison.Ordinal);
        Assert.Contains("for sign-off", Text(await s.InChatAsync(PoliceLead, ProgressScreen.SubmitEvidence,
            new EvidenceData(a1.Id, LaterEvidence, null))), StringComparison.Ordinal);

        var back = await s.InChatAsync(Chair, SignOffScreen.ReturnEvidence,
            Press(card1, SignOffScreen.ReturnEvidence, ("reason", "Say who took the sample")));
        var signOff = await s.InChatAsync(Chair, SignOffScreen.SignOff, Press(card1, SignOffScreen.SignOff));

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (back.Status, signOff.Status));
        foreach (var answer in new[] { back, signOff })
        {
            Assert.Contains(Changed, Text(answer), StringComparison.Ordinal);
            Assert.Contains(LaterEvidence, Text(answer), StringComparison.Ordinal);
            Assert.DoesNotContain("signed off and completed", Text(answer), StringComparison.Ordinal);
        }

        Assert.Equal("Say who took the sample", InputValue(back.Card!.Value, "reason"));
        var kept = Assert.Single(await s.ActionsAsync());
        Assert.Equal((ActionState.AwaitingSignOff, LaterEvidence), (kept.State, kept.Evidence));
        var log = await s.LogAsync("action");
        Assert.DoesNotContain(log, e => e.Action == "action.signed-off");
        Assert.Single(log, e => e.Action == "action.evidence.returned");

        // The card shown now carries the evidence it shows: signed off from it, the action is completed.
        Assert.Contains("signed off and completed", Text(await s.InChatAsync(Chair, SignOffScreen.SignOff,
            Press(signOff.Card!.Value, SignOffScreen.SignOff))), StringComparison.Ordinal);
        Assert.Equal(ActionState.Completed, Assert.Single(await s.ActionsAsync()).State);
    }

    /// <summary>Cards posted before the field existed carry only the action's id: the chair is shown the evidence first.</summary>
    public static async Task CardWithoutTheFieldAsync(string? postgres)
    {
        await using var s = await StartAsync(postgres);
        var a1 = await ActionWithEvidenceAsync(s);

        var back = await s.InChatAsync(Chair, SignOffScreen.ReturnEvidence, new ReasonData(a1.Id, "Add the July dip sample", null));
        var signOff = await s.InChatAsync(Chair, SignOffScreen.SignOff, new ActionRefData(a1.Id));

        foreach (var answer in new[] { back, signOff })
        {
            Assert.Equal(HttpStatusCode.OK, answer.Status);
            Assert.Contains(Unknown, Text(answer), StringComparison.Ordinal);
            Assert.Contains(FirstEvidence, Text(answer), StringComparison.Ordinal);
        }

        Assert.Equal("Add the July dip sample", InputValue(back.Card!.Value, "reason"));
        Assert.Equal(ActionState.AwaitingSignOff, Assert.Single(await s.ActionsAsync()).State);
        Assert.DoesNotContain(await s.LogAsync("action"), e => e.Action is "action.signed-off" or "action.evidence.returned");
        Assert.Contains("signed off and completed", Text(await s.InChatAsync(Chair, SignOffScreen.SignOff,
            Press(signOff.Card!.Value, SignOffScreen.SignOff))), StringComparison.Ordinal);
    }

    /// <summary>
    /// The chair presses "Sign off" on the card they were shown; just after that turn read the action, the evidence is sent
    /// back (from another device) and replaced by the lead. The sign-off checks the evidence it changes, not an earlier read.
    /// </summary>
    public static async Task ReplacedDuringTheSignOffAsync(string? postgres)
    {
        var seams = new DocumentSeams();
        await using var s = await StartAsync(postgres, services: seams.Install);
        var a1 = await ActionWithEvidenceAsync(s);
        var card1 = await s.ReviewAsync(a1.Id);

        seams.AfterNextRead(ActionStore.Actions.Collection, ActionStore.Key(a1.Id), async () =>
        {
            Assert.Contains("open again", Text(await s.InChatAsync(Chair, SignOffScreen.ReturnEvidence,
                Press(card1, SignOffScreen.ReturnEvidence, ("reason", "Add the July dip sample too")))), StringComparison.Ordinal);
            Assert.Contains("for sign-off", Text(await s.InChatAsync(PoliceLead, ProgressScreen.SubmitEvidence,
                new EvidenceData(a1.Id, LaterEvidence, null))), StringComparison.Ordinal);
        });
        var signOff = await s.InChatAsync(Chair, SignOffScreen.SignOff, Press(card1, SignOffScreen.SignOff));

        Assert.True(seams.Ran);
        Assert.Equal(HttpStatusCode.OK, signOff.Status);
        Assert.Contains(Changed, Text(signOff), StringComparison.Ordinal);
        Assert.Contains(LaterEvidence, Text(signOff), StringComparison.Ordinal);
        var kept = Assert.Single(await s.ActionsAsync());
        Assert.Equal((ActionState.AwaitingSignOff, LaterEvidence), (kept.State, kept.Evidence));
        Assert.DoesNotContain(await s.LogAsync("action"), e => e.Action == "action.signed-off");
    }

    private static async Task<PlannedAction> ActionWithEvidenceAsync(ActionScenario s)
    {
        await s.InChannelAsync(Chair, PlanScreen.OpenPlan, new PlanRefData(s.Audit.Id));
        Assert.Contains("A1 created", Text(await s.InChannelAsync(Chair, CreateScreen.Create, new CreateActionData(s.Audit.Id, 1, What,
            "County Police", PoliceLead.Id, "2026-05-30", Measure, null, null))), StringComparison.Ordinal);
        var a1 = Assert.Single(await s.ActionsAsync());
        Assert.Contains("for sign-off", Text(await s.InChatAsync(PoliceLead, ProgressScreen.SubmitEvidence,
            new EvidenceData(a1.Id, FirstEvidence, null))), StringComparison.Ordinal);
        return a1;
    }
}

/// <summary>Sign-off of the evidence the card showed, on SQLite.</summary>
public sealed class SignOffOfSeenEvidenceOnSqlite
{
    [Fact]
    public Task AnOlderReviewCardSignsOffNothingAndShowsTheLatestEvidence() => SignOffOfSeenEvidence.OlderCardAsync(null);

    [Fact]
    public Task ACardWithoutTheEvidenceItShowedAsksForAReviewFirst() => SignOffOfSeenEvidence.CardWithoutTheFieldAsync(null);

    [Fact]
    public Task EvidenceReplacedDuringTheSignOffIsNotSignedOff() => SignOffOfSeenEvidence.ReplacedDuringTheSignOffAsync(null);
}

/// <summary>The same on a real PostgreSQL server.</summary>
[Collection(PostgresCollection.Name)]
public sealed class SignOffOfSeenEvidenceOnPostgres(PostgresServerFixture server)
{
    [Fact]
    public async Task AnOlderReviewCardSignsOffNothingAndShowsTheLatestEvidence() =>
        await SignOffOfSeenEvidence.OlderCardAsync(await server.CreateDatabaseAsync());

    [Fact]
    public async Task ACardWithoutTheEvidenceItShowedAsksForAReviewFirst() =>
        await SignOffOfSeenEvidence.CardWithoutTheFieldAsync(await server.CreateDatabaseAsync());

    [Fact]
    public async Task EvidenceReplacedDuringTheSignOffIsNotSignedOff() =>
        await SignOffOfSeenEvidence.ReplacedDuringTheSignOffAsync(await server.CreateDatabaseAsync());
}
