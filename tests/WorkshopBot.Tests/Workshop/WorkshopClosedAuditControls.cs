using WorkshopBot.Audits.Teams;
using WorkshopBot.Tests.Support;
using WorkshopBot.Workshop.Domain;
using WorkshopBot.Workshop.Teams;

namespace WorkshopBot.Tests.Workshop;

/// <summary>
/// Once the chair closes the audit, the chair's controls for a poll (an idea board with ideas, a grade ratification) show the
/// poll and its results read-only, saying why: none of the buttons that change it (phases, moderation, ratification), all
/// of which a closed audit refuses. Before the close the same cards carry them.
/// </summary>
public sealed class WorkshopClosedAuditControls
{
    private static readonly string[] ChangingVerbs = [PollsScreen.Phase, ModerationScreen.Moderate, RatifyScreen.Ratify];

    [Fact]
    public async Task AClosedAuditsPollControlsAreReadOnly()
    {
        await using var s = await WorkshopScenario.CreateAsync();
        await s.StartAsync();
        var rep = WorkshopScenario.Representative(1);
        await s.JoinAsync(rep);
        var board = await s.CreatePollAsync(new CreatePollData(s.WorkshopId, PollTypes.CouldImprove));
        await s.AddIdeaAsync(rep, board, "Quicker sharing of police interview notes.");
        await s.AddIdeaAsync(rep, board, "Health records across two trusts.");
        var grade = await s.CreatePollAsync(new CreatePollData(s.WorkshopId, PollTypes.Grade, CaseReference: WorkshopScenario.Case.Value));

        var boardOpen = WorkshopScenario.CardText(await s.ManageAsync(board));
        var gradeOpen = WorkshopScenario.CardText(await s.ManageAsync(grade));
        Assert.Contains(PollsScreen.Phase, boardOpen, StringComparison.Ordinal);
        Assert.Contains(ModerationScreen.Moderate, boardOpen, StringComparison.Ordinal);
        Assert.Contains(RatifyScreen.Ratify, gradeOpen, StringComparison.Ordinal);

        var closed = await s.Host.ExecuteAsync(s.Chair, BotTestHost.PersonalChat(s.Chair), DashboardScreen.Close,
            new AuditRefData(s.Audit.Id));
        Assert.Contains("Audit closed.", WorkshopScenario.CardText(closed), StringComparison.Ordinal);

        foreach (var poll in new[] { board, grade })
        {
            var card = WorkshopScenario.CardText(await s.ManageAsync(poll));
            Assert.All(ChangingVerbs, verb => Assert.DoesNotContain(verb, card, StringComparison.Ordinal));
            Assert.DoesNotContain("Open voting", card, StringComparison.Ordinal);
            Assert.DoesNotContain("Reset votes", card, StringComparison.Ordinal);
            Assert.Contains("is closed, so its workshop can no longer be changed.", card, StringComparison.Ordinal);
        }

        // Still the poll and its ideas, to read.
        Assert.Contains("Quicker sharing of police interview notes.", WorkshopScenario.CardText(await s.ManageAsync(board)),
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task AStaleRevealButtonChangesNothingOnAClosedAudit()
    {
        await using var s = await WorkshopScenario.CreateAsync();
        await s.StartAsync();
        var hidden = await s.CreatePollAsync(
            new CreatePollData(s.WorkshopId, PollTypes.CouldImprove, Visibility: nameof(ResultsVisibility.HiddenUntilClose)));
        var before = WorkshopScenario.CardText(await s.ManageAsync(hidden));
        Assert.Contains("Reveal results", before, StringComparison.Ordinal);
        var logged = (await s.LogAsync("workshop-poll", hidden.Id)).Count;

        var closed = await s.Host.ExecuteAsync(s.Chair, BotTestHost.PersonalChat(s.Chair), DashboardScreen.Close,
            new AuditRefData(s.Audit.Id));
        Assert.Contains("Audit closed.", WorkshopScenario.CardText(closed), StringComparison.Ordinal);

        // The card the chair had open before the close still carries the button: pressing it is refused and changes nothing.
        var pressed = WorkshopScenario.CardText(await s.PhaseAsync(hidden, PhaseActions.Reveal));
        Assert.Contains("is closed, so its workshop can no longer be changed.", pressed, StringComparison.Ordinal);
        Assert.Contains("Nothing was changed.", pressed, StringComparison.Ordinal);
        var session = await s.SessionAsync();
        Assert.False(session.FindPoll(hidden.Id)!.Revealed);
        Assert.Equal(logged, (await s.LogAsync("workshop-poll", hidden.Id)).Count);
    }
}
