using WorkshopBot.Audits.Teams;
using WorkshopBot.Common.Storage;
using WorkshopBot.Protocol.Schema;
using WorkshopBot.Tests.Support;
using WorkshopBot.Workshop.Teams;

namespace WorkshopBot.Tests.Workshop;

/// <summary>People join the workshop for their agency; the workshop card counts them.</summary>
public sealed class WorkshopJoin
{
    [Fact]
    public async Task RepresentativesJoinForTheirAgencyAndOthersChooseOne()
    {
        await using var s = await WorkshopScenario.CreateAsync();
        await s.StartAsync();
        var rep = WorkshopScenario.Representative(2);
        var observer = BotTestHost.User("CCG Observer");

        await s.JoinAsync(rep);
        var choose = await s.ExecuteAsync(observer, JoinScreen.Join, new JoinData(s.WorkshopId));
        Assert.Contains("Which agency are you here for?", WorkshopScenario.CardText(choose));
        await s.JoinAsync(observer, JoinScreen.OtherAgency);

        // The card is refreshed at most once a second, so whether it ever showed the first join alone depends on timing;
        // once both have joined it counts both.
        var workshopCard = s.PostedActivityId((await s.SessionAsync()).CardPostKey);
        bool CountsBoth(SentActivity a) =>
            a.Method == "PUT" && a.ActivityId == workshopCard && a.AllText.Contains("2 participants", StringComparison.Ordinal);
        await WorkshopScenario.WaitForAsync(() => s.Host.Sent(s.Channel.Id).Any(CountsBoth));
        Assert.Contains(s.Host.Sent(s.Channel.Id), CountsBoth);
        var participants = await s.Votes.ListParticipantsAsync(s.WorkshopId, default);
        Assert.Equal("Police", participants.Single(p => p.UserKey == rep.AadObjectId).AgencyName);
        Assert.Null(participants.Single(p => p.UserKey == observer.AadObjectId).AgencyName);
    }

    /// <summary>
    /// The chair replaces an agency's representative on the audit after the workshop has started: Join follows the audit as
    /// it is now. The new representative joins for the agency at once, without choosing; the one replaced is asked which
    /// agency they are here for, as anyone else is, is not offered the agency they no longer represent (on Join or on a
    /// poll's Vote), and a press naming it (a replayed or hand-made one) is refused, joins nobody and logs nothing. Once the
    /// chair makes them its representative again, they join for it.
    /// </summary>
    [Fact]
    public async Task RepresentativeReplacedAfterTheStartJoinsAsTheAuditNowSays()
    {
        await using var s = await WorkshopScenario.CreateAsync();
        await s.StartAsync();
        var police = s.Audit.Agencies.Single(a => a.Name == "Police");
        var replaced = WorkshopScenario.Representative(2);
        var successor = BotTestHost.User("New Police Representative");
        foreach (var person in new[] { successor, replaced })
        {
            s.Host.Connector.Roster.Add(new TeamsChannelAccount
            {
                Id = person.Id, AadObjectId = person.AadObjectId, Name = person.Name, TenantId = BotTestHost.TenantId,
            });
        }

        var saved = await s.Host.ExecuteAsync(s.Chair, s.Channel, AgenciesScreen.SaveAgencyPeople,
            new AgencyPeopleData(s.Audit.Id, police.Id, successor.Id, null, null));
        Assert.Contains("people and cases saved", WorkshopScenario.CardText(saved), StringComparison.Ordinal);
        var poll = await s.CreatePollAsync(new CreatePollData(s.WorkshopId, PollTypes.WorkedWell));

        var joined = await s.ExecuteAsync(successor, JoinScreen.Join, new JoinData(s.WorkshopId));
        var asked = await s.ExecuteAsync(replaced, JoinScreen.Join, new JoinData(s.WorkshopId));
        var askedOnVote = await s.ViewAsync(replaced, poll);
        var refused = await s.ExecuteAsync(replaced, JoinScreen.Join, new JoinData(s.WorkshopId, police.Id));

        Assert.Contains("You have joined", WorkshopScenario.CardText(joined), StringComparison.Ordinal);
        Assert.Contains("for Police.", WorkshopScenario.CardText(joined), StringComparison.Ordinal);
        Assert.Contains("Which agency are you here for?", WorkshopScenario.CardText(asked), StringComparison.Ordinal);
        var others = s.Audit.Agencies.Where(a => a.Id != police.Id).Select(a => a.Id).Append(JoinScreen.OtherAgency).ToList();
        Assert.Equal(others, WorkshopScenario.AgencyChoices(asked));
        Assert.Equal(others, WorkshopScenario.AgencyChoices(askedOnVote));
        Assert.Contains("You are no longer the representative for Police in this audit, so you cannot join for it.",
            WorkshopScenario.CardText(refused), StringComparison.Ordinal);
        Assert.Equal(others, WorkshopScenario.AgencyChoices(refused));
        var participants = await s.Votes.ListParticipantsAsync(s.WorkshopId, default);
        var newRep = Assert.Single(participants);
        Assert.Equal((successor.AadObjectId, police.Id, "Police"), (newRep.UserKey, newRep.AgencyId, newRep.AgencyName));
        Assert.Single(await s.LogAsync("workshop", s.WorkshopId.ToString("D")), e => e.Action == "workshop.join");

        // The chair makes them Police's representative again: they join for Police.
        var reappointed = await s.Host.ExecuteAsync(s.Chair, s.Channel, AgenciesScreen.SaveAgencyPeople,
            new AgencyPeopleData(s.Audit.Id, police.Id, replaced.Id, null, null));
        Assert.Contains("people and cases saved", WorkshopScenario.CardText(reappointed), StringComparison.Ordinal);
        await s.JoinAsync(replaced, police.Id);
        var back = await s.Votes.GetParticipantAsync(s.WorkshopId, replaced.AadObjectId, default);
        Assert.Equal(police.Id, back!.AgencyId);
    }

    /// <summary>Card data carried to another tenant cannot enrol anyone in a workshop.</summary>
    [Fact]
    public async Task FromAnotherTenantIsRefusedAndNobodyJoins()
    {
        await using var s = await WorkshopScenario.CreateAsync();
        await s.StartAsync();
        var outsider = BotTestHost.User("Outsider Elsewhere");
        var join = s.Host.CardAction(outsider, s.Channel, JoinScreen.Join, new JoinData(s.WorkshopId, JoinScreen.OtherAgency));
        var elsewhere = join.Conversation! with { TenantId = "11111111-2222-3333-4444-555555555555" };
        join = join with { Conversation = elsewhere, ChannelData = null };

        var result = await s.Host.InvokeAsync(join);

        // Refused at the door, before the workshop is even looked up: the card is the same for any id.
        Assert.Contains(WorkshopBot.Hosting.TenantGate.NotSetUpTitle, WorkshopScenario.CardText(result), StringComparison.Ordinal);
        Assert.Null(await s.Votes.GetParticipantAsync(s.WorkshopId, outsider.AadObjectId, default));
    }

    /// <summary>
    /// A join reads the workshop from the view every turn shares while the document is unchanged (as a vote does), not from
    /// a fresh parse of it: the view is kept after a join. A change the chair makes to the workshop is seen by the next
    /// join: a board opened after the first join is offered to the second.
    /// </summary>
    [Fact]
    public async Task AJoinReadsTheSharedViewOfTheWorkshopAndSeesTheChairsChanges()
    {
        await using var s = await WorkshopScenario.CreateAsync();
        await s.StartAsync();
        var member = WorkshopScenario.Representative(2);
        await s.JoinAsync(member);
        var board = await s.CreatePollAsync(new CreatePollData(s.WorkshopId, PollTypes.WorkedWell));
        await s.AddIdeaAsync(member, board, "Records were shared the same day.");
        var first = BotTestHost.User("School Nurse Observer");
        var views = s.Host.Get<DocumentViews>();
        var workshopKey = s.WorkshopId.ToString();
        bool Kept() => views.KeptJson.Any(json => json.Contains(workshopKey, StringComparison.OrdinalIgnoreCase)
            && json.Contains("Records were shared the same day.", StringComparison.Ordinal));
        views.Clear();

        var before = await s.ExecuteAsync(first, JoinScreen.Join, new JoinData(s.WorkshopId, JoinScreen.OtherAgency, board.Id));
        Assert.True(Kept(), "the join read the workshop through the shared view");
        await s.PhaseAsync(board, PhaseActions.Open);
        var second = BotTestHost.User("Health Visitor Observer");
        var after = await s.ExecuteAsync(second, JoinScreen.Join, new JoinData(s.WorkshopId, JoinScreen.OtherAgency, board.Id));

        Assert.Contains("press Vote on a poll to take part", WorkshopScenario.CardText(before), StringComparison.Ordinal);
        Assert.Contains("Press Vote to vote now.", WorkshopScenario.CardText(after), StringComparison.Ordinal);
        Assert.Equal(3, (await s.Votes.ListParticipantsAsync(s.WorkshopId, default)).Count);
    }

    /// <summary>
    /// Card data carried out of the workshop's own channel (to someone's 1:1 chat with the bot, or to another channel of the
    /// same tenant) cannot join, read a board or vote: each press gets the same polite card that reveals nothing, and
    /// nothing is stored.
    /// </summary>
    [Fact]
    public async Task FromAnotherConversationOfTheTenantNobodyJoinsSeesABoardOrVotes()
    {
        await using var s = await WorkshopScenario.CreateAsync();
        await s.StartAsync();
        var member = WorkshopScenario.Representative(1);
        await s.JoinAsync(member);
        var board = await s.CreatePollAsync(new CreatePollData(s.WorkshopId, PollTypes.WorkedWell));
        await s.AddIdeaAsync(member, board, "Records were shared the same day.");
        await s.PhaseAsync(board, PhaseActions.Open);
        var idea = (await s.SessionAsync()).FindPoll(board.Id)!.VotableOptions[0].Id;
        var outsider = BotTestHost.User("Former Meeting Member");

        foreach (var where in new[] { BotTestHost.PersonalChat(outsider), BotTestHost.Channel("Another channel") })
        {
            var presses = new[]
            {
                await s.Host.ExecuteAsync(outsider, where, JoinScreen.Join, new JoinData(s.WorkshopId, JoinScreen.OtherAgency)),
                await s.Host.ExecuteAsync(outsider, where, BallotScreen.View, new PollRef(s.WorkshopId, board.Id)),
                await s.Host.ExecuteAsync(outsider, where, BallotScreen.Dot, new DotData(s.WorkshopId, board.Id, 1, idea)),
                await s.Host.ExecuteAsync(outsider, where, IdeasScreen.AddIdea,
                    new AddIdeaData(s.WorkshopId, board.Id, "Planted from elsewhere.", null, null, null, false)),
                // Even someone who joined cannot vote from elsewhere with the card's data.
                await s.Host.ExecuteAsync(member, where, BallotScreen.Dot, new DotData(s.WorkshopId, board.Id, 1, idea)),
            };

            foreach (var press in presses)
            {
                var text = WorkshopScenario.CardText(press);
                Assert.Contains(WorkshopBot.Common.Teams.Reply.NotAvailableTitle, text, StringComparison.Ordinal);
                Assert.DoesNotContain("Records were shared", text, StringComparison.Ordinal);
            }
        }

        Assert.Null(await s.Votes.GetParticipantAsync(s.WorkshopId, outsider.AadObjectId, default));
        Assert.Empty(await s.TallyAsync(board));
        Assert.Single((await s.SessionAsync()).FindPoll(board.Id)!.Items);

        // From the workshop's own channel the member still votes.
        await s.DotAsync(member, board, idea);
        Assert.Equal(new Dictionary<string, int> { [idea] = 1 }, await s.TallyAsync(board));
    }

    /// <summary>
    /// Once the chair closes the audit its workshop is read-only: an old workshop card pressed by someone who had not
    /// joined adds nobody (no participant, no log line); someone who joined before sees they have joined.
    /// </summary>
    [Fact]
    public async Task AfterItsAuditIsClosedNobodyNewJoins()
    {
        await using var s = await WorkshopScenario.CreateAsync();
        await s.StartAsync();
        var early = WorkshopScenario.Representative(1);
        var late = WorkshopScenario.Representative(2);
        var observer = BotTestHost.User("CCG Observer");
        await s.JoinAsync(early);
        var closed = await s.Host.ExecuteAsync(s.Chair, BotTestHost.PersonalChat(s.Chair), WorkshopBot.Audits.Teams.DashboardScreen.Close,
            new WorkshopBot.Audits.Teams.AuditRefData(s.Audit.Id));
        Assert.Contains("Audit closed.", WorkshopScenario.CardText(closed), StringComparison.Ordinal);

        var again = WorkshopScenario.CardText(await s.ExecuteAsync(early, JoinScreen.Join, new JoinData(s.WorkshopId)));
        var byRep = WorkshopScenario.CardText(await s.ExecuteAsync(late, JoinScreen.Join, new JoinData(s.WorkshopId)));
        var byObserver = WorkshopScenario.CardText(await s.ExecuteAsync(observer, JoinScreen.Join,
            new JoinData(s.WorkshopId, JoinScreen.OtherAgency)));

        Assert.Contains("You have joined", again, StringComparison.Ordinal);
        Assert.All(new[] { byRep, byObserver },
            card => Assert.Contains("is closed, so its workshop can no longer be changed", card, StringComparison.Ordinal));
        Assert.Null(await s.Votes.GetParticipantAsync(s.WorkshopId, late.AadObjectId, default));
        Assert.Null(await s.Votes.GetParticipantAsync(s.WorkshopId, observer.AadObjectId, default));
        Assert.Single(await s.LogAsync("workshop", s.WorkshopId.ToString()), e => e.Action == "workshop.join");
    }
}
