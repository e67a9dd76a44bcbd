using WorkshopBot.Workshop.Teams;

namespace WorkshopBot.Tests.Workshop;

/// <summary>The chair merges, rewords and hides ideas; each is logged, and nothing strands a dot once voting is open.</summary>
public sealed class WorkshopModeration
{
    [Fact]
    public async Task ChairMergesEditsAndHidesIdeasAndEachIsLoggedButParticipantsCannot()
    {
        await using var s = await WorkshopScenario.CreateAsync();
        await s.StartAsync();
        var rep = WorkshopScenario.Representative(1);
        await s.JoinAsync(rep);
        var board = await s.CreatePollAsync(new CreatePollData(s.WorkshopId, PollTypes.CouldImprove));
        await s.AddIdeaAsync(rep, board, "Quicker sharing of police interview notes.");
        await s.AddIdeaAsync(rep, board, "Share interview notes faster.");
        await s.AddIdeaAsync(rep, board, "Off-topic remark.");
        await s.AddIdeaAsync(rep, board, "Health records across two trusts.");

        var refused = await s.ModerateAsync(board, ModerateActions.Hide, "i3", by: rep);
        Assert.Contains(WorkshopBot.Common.Teams.Reply.NotAvailableTitle, WorkshopScenario.CardText(refused));

        await s.ModerateAsync(board, ModerateActions.Merge, "i2", "i1");
        await s.ModerateAsync(board, ModerateActions.Hide, "i3");
        await s.ModerateAsync(board, ModerateActions.Edit, "i4", text: "Sharing health records across two hospital trusts.");

        var poll = (await s.SessionAsync()).FindPoll(board.Id)!;
        Assert.Equal(["i1", "i4"], poll.VotableOptions.Select(o => o.Id));
        Assert.Equal("Sharing health records across two hospital trusts.", poll.FindItem("i4")!.Text);
        var actions = (await s.LogAsync("workshop-poll", board.Id)).Select(e => e.Action).ToList();
        Assert.Contains("workshop.idea.merge", actions);
        Assert.Contains("workshop.idea.hide", actions);
        Assert.Contains("workshop.idea.edit", actions);
    }

    [Fact]
    public async Task HidingAnIdeaOnceVotingOpenedIsRefusedSoNoDotsAreStranded()
    {
        await using var s = await WorkshopScenario.CreateAsync();
        await s.StartAsync();
        var rep = WorkshopScenario.Representative(1);
        await s.JoinAsync(rep);
        var board = await s.CreatePollAsync(new CreatePollData(s.WorkshopId, PollTypes.WorkedWell, Dots: "2", MaxPerItem: "2"));
        await s.AddIdeaAsync(rep, board, "Agencies acted promptly.");
        await s.AddIdeaAsync(rep, board, "Father was involved.");
        await s.PhaseAsync(board, PhaseActions.Open);
        await s.DotAsync(rep, board, "i1");
        await s.DotAsync(rep, board, "i1");

        var hide = await s.ModerateAsync(board, ModerateActions.Hide, "i1");

        // Had the idea been hidden, the two dots on it could neither be taken back nor spent elsewhere.
        Assert.Contains("before voting opens", WorkshopScenario.CardText(hide));
        Assert.True((await s.SessionAsync()).FindPoll(board.Id)!.FindItem("i1")!.IsVisible);
        await s.DotAsync(rep, board, "i1", -1);
        await s.DotAsync(rep, board, "i2");
        Assert.Equal(new Dictionary<string, int> { ["i1"] = 1, ["i2"] = 1 }, await s.TallyAsync(board));
    }

    [Fact]
    public async Task NewWordingThatLooksIdentifyingIsRefusedAndTheIdeaKeepsItsWords()
    {
        await using var s = await WorkshopScenario.CreateAsync();
        await s.StartAsync();
        var rep = WorkshopScenario.Representative(1);
        await s.JoinAsync(rep);
        var board = await s.CreatePollAsync(new CreatePollData(s.WorkshopId, PollTypes.CouldImprove));
        await s.AddIdeaAsync(rep, board, "Records were shared late.");

        var edit = await s.ModerateAsync(board, ModerateActions.Edit, "i1", text: "Call the foster carer on 07700 900123.");

        Assert.Contains("looks like it contains personal information", WorkshopScenario.CardText(edit));
        Assert.Equal("Records were shared late.", (await s.SessionAsync()).FindPoll(board.Id)!.FindItem("i1")!.Text);
        Assert.DoesNotContain(await s.LogAsync("workshop-poll", board.Id), e => e.Action == "workshop.idea.edit");
    }
}
