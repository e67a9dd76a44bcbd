using WorkshopBot.ActionPlans.Domain;
using WorkshopBot.ActionPlans.Teams;
using static WorkshopBot.Tests.ActionPlans.ActionScenario;

namespace WorkshopBot.Tests.ActionPlans;

/// <summary>
/// A progress note, evidence, or a reason to change an action or send it back, over its limit, is refused for its length
/// before it is checked for personal information (a long text took seconds to scan, and a warning listing every finding in
/// it could not fit on a card): the length refusal every free-text input gives, not the identifier check, and nothing saved.
/// </summary>
public sealed class ActionTextLengthBeforeIdentifiers
{
    private const string Identifying = "Called the duty desk on 07700 900123 about it.";

    [Fact]
    public async Task OverLongTextsAreRefusedForTheirLength()
    {
        await using var s = await StartAsync();
        var auditId = s.Audit.Id;
        Text(await s.InChannelAsync(Chair, PlanScreen.OpenPlan, new PlanRefData(auditId)));
        Assert.Contains("A1 created", Text(await s.InChannelAsync(Chair, CreateScreen.Create, new CreateActionData(auditId, 1,
            "Agree an information-sharing protocol", "County Police", PoliceLead.Id, "2026-05-30", "Notes shared", null, null))),
            StringComparison.Ordinal);
        var a1 = Assert.Single(await s.ActionsAsync());

        var note = Text(await s.InChatAsync(PoliceLead, ProgressScreen.Update,
            new ProgressData(a1.Id, "Amber", OverLong(PlannedAction.MaxNoteLength), null)));
        var close = Text(await s.InChannelAsync(Chair, ManageScreen.Close,
            new ReasonData(a1.Id, OverLong(PlannedAction.MaxReasonLength), null)));
        var evidence = Text(await s.InChatAsync(PoliceLead, ProgressScreen.SubmitEvidence,
            new EvidenceData(a1.Id, OverLong(PlannedAction.MaxNoteLength), null)));

        AssertLengthRefusal(note, "The progress note", PlannedAction.MaxNoteLength);
        AssertLengthRefusal(close, "The reason", PlannedAction.MaxReasonLength);
        AssertLengthRefusal(evidence, "The evidence", PlannedAction.MaxNoteLength);
        var unchanged = Assert.Single(await s.ActionsAsync());
        Assert.Equal((a1.Version, ActionState.Open), (unchanged.Version, unchanged.State));

        Assert.Contains("for sign-off", Text(await s.InChatAsync(PoliceLead, ProgressScreen.SubmitEvidence,
            new EvidenceData(a1.Id, "Protocol signed by both agencies; June dip sample: 14 of 14 notes shared in time", null))),
            StringComparison.Ordinal);
        var awaiting = Assert.Single(await s.ActionsAsync());
        var sentBack = Text(await s.InChatAsync(Chair, SignOffScreen.ReturnEvidence,
            Press(await s.ReviewAsync(a1.Id), SignOffScreen.ReturnEvidence, ("reason", OverLong(PlannedAction.MaxReasonLength)))));

        AssertLengthRefusal(sentBack, "The reason", PlannedAction.MaxReasonLength);
        var still = Assert.Single(await s.ActionsAsync());
        Assert.Equal((awaiting.Version, ActionState.AwaitingSignOff), (still.Version, still.State));
    }

    /// <summary>
    /// What will be done, or its measure of success, of 200,000 characters on the create form: refused for its length at once, the card
    /// small (the text cut to the input's limit, never echoed whole), no action made and nothing logged.
    /// </summary>
    [Fact]
    public async Task AnOverLongWhatOrMeasureOnTheCreateFormIsRefusedForItsLength()
    {
        await using var s = await StartAsync();
        var auditId = s.Audit.Id;
        Text(await s.InChannelAsync(Chair, PlanScreen.OpenPlan, new PlanRefData(auditId)));
        // As large as a press may carry (the endpoint refuses a body over 256 KB).
        var huge = OverLong(200_000);
        var data = new CreateActionData(auditId, 1, "Agree an information-sharing protocol", "County Police", PoliceLead.Id,
            "2026-05-30", "Notes shared", null, null);

        var what = Text(await s.InChannelAsync(Chair, CreateScreen.Create, data with { What = huge }));
        var measure = Text(await s.InChannelAsync(Chair, CreateScreen.Create, data with { Measure = huge }));

        AssertLengthRefusal(what, "What will be done", PlannedAction.MaxWhatLength);
        AssertLengthRefusal(measure, "The measure", PlannedAction.MaxMeasureLength);
        Assert.All(new[] { what, measure }, card => Assert.True(card.Length < 16 * 1024, $"A card of {card.Length:N0} characters."));
        Assert.Empty(await s.ActionsAsync());
        Assert.DoesNotContain(await s.LogAsync("action"), e => e.Action == "action.created");
    }

    private static void AssertLengthRefusal(string card, string field, int limit)
    {
        Assert.Contains($"{field} is ", card, StringComparison.Ordinal);
        Assert.Contains($"the limit is {limit:N0}. Please shorten it by", card, StringComparison.Ordinal);
        Assert.DoesNotContain("personal information", card, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Check the", card, StringComparison.Ordinal);
    }

    private static string OverLong(int limit) => string.Join(" ", Enumerable.Repeat(Identifying, (limit / Identifying.Length) + 2));
}
