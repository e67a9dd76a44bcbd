using System.Net;
using Dapper;
using WorkshopBot.Common.Storage;
using WorkshopBot.Storage;
using WorkshopBot.Tests.Storage;
using WorkshopBot.Tests.Support;
using WorkshopBot.Workshop.Domain;
using WorkshopBot.Workshop.Jobs;
using WorkshopBot.Workshop.Storage;
using WorkshopBot.Workshop.Teams;

namespace WorkshopBot.Tests.Workshop;

/// <summary>
/// A vote counts while the workshop changes in ways that cannot change its answer: ideas posted to another board, other
/// polls created, people joining. Each such change lands between a vote's read and its commit, every time (a seam in the
/// document store, not timing): before, a vote was checked against the whole workshop's version, so each of them sent the
/// vote back to fresh reads, and after five the voter was told "Someone else changed this". A change that can change a
/// vote's answer (the poll's ideas, their wording, its phase, a reset) still sends it back, and it is then decided on the
/// workshop as it now is (the poll's vote basis, workshop_polls.basis_version).
/// </summary>
public abstract class VotesWhileTheWorkshopChangesScenarios
{
    private static readonly string[] Options = ["i1", "i2", "i3"];

    protected abstract Task<Action<BotTestHostOptions>> StoreAsync();

    /// <summary>
    /// Waits until the channel's live card updates are out: an update reads the workshop, and a step set for the vote's read
    /// must not be taken by it (it would then land beside the vote instead of between its read and its commit).
    /// </summary>
    private static Task NoCardUpdatePendingAsync(WorkshopScenario s)
    {
        var coalescer = s.Host.Get<LiveCardCoalescer>();
        return WorkshopScenario.WaitForAsync(() => coalescer.PendingFor(s.Channel.Id) == 0);
    }

    /// <summary>A workshop whose every vote reads (no voter remembered), so each of its attempts meets the seams.</summary>
    private async Task<WorkshopScenario> ReadingEveryVoteAsync(DocumentSeams seams)
    {
        var store = await StoreAsync();
        return await WorkshopScenario.CreateAsync(o =>
        {
            store(o);
            o.Services = seams.Install;
            o.Settings["Workshop:KnownVoterCountsAge"] = "00:00:00";
        });
    }

    [Fact]
    public async Task EveryDotCountsOnceWhileChangesThatCannotAffectItLandBetweenItsReadAndItsCommit()
    {
        var seams = new DocumentSeams();
        await using var s = await ReadingEveryVoteAsync(seams);
        await s.StartAsync();
        var reps = Enumerable.Range(1, 3).Select(WorkshopScenario.Representative).ToList();
        foreach (var rep in reps)
        {
            await s.JoinAsync(rep);
        }

        var live = await s.CreatePollAsync(new CreatePollData(s.WorkshopId, PollTypes.CustomBoard, "Live board", Dots: "5",
            MaxPerItem: "5"));
        foreach (var idea in new[] { "Prompt strategy meeting.", "Records were shared.", "Father was seen." })
        {
            Assert.Equal(HttpStatusCode.OK, (await s.AddIdeaAsync(reps[0], live, idea)).Status);
        }

        Assert.Contains("Voting is open.", WorkshopScenario.CardText(await s.PhaseAsync(live, PhaseActions.Open)),
            StringComparison.Ordinal);
        var collecting = await s.CreatePollAsync(new CreatePollData(s.WorkshopId, PollTypes.CouldImprove, "What could improve?"));
        var basis = await BasisAsync(s, live);

        // After each read of the workshop a vote makes (up to six a vote: more than its attempts; thirty in all), one change
        // that cannot change the vote's answer lands before the vote goes on: an idea on the other board, a new poll, one
        // of the two representatives not yet joined joining.
        var (collection, key) = (WorkshopRepository.Collection, WorkshopRepository.KeyOf(s.WorkshopId));
        var landed = new List<string>();
        var failed = new List<string>();
        var left = 0;
        var landing = 0;
        async Task LandAsync()
        {
            // One change at a time: a read of the bot's own (a live card's update) may take the step while a vote's read has
            // just set the next one, and two changes landing at once would each take the same number (the same idea twice).
            if (Interlocked.Exchange(ref landing, 1) == 1)
            {
                return;
            }

            var n = landed.Count;
            if (n >= 30)
            {
                Volatile.Write(ref landing, 0);
                return;
            }

            try
            {
                if (n % 3 == 2 && n / 3 < 2)
                {
                    await s.JoinAsync(WorkshopScenario.Representative(4 + (n / 3)));
                    landed.Add("join");
                }
                else if (n % 3 == 1)
                {
                    var answer = await s.TryCreatePollAsync(new CreatePollData(s.WorkshopId, PollTypes.RatingFive, $"Confidence {n}?"));
                    Assert.Contains("Poll created and posted.", WorkshopScenario.CardText(answer), StringComparison.Ordinal);
                    landed.Add("poll");
                }
                else
                {
                    var answer = await s.AddIdeaAsync(reps[n % reps.Count], collecting, $"Idea {n} about information sharing.");
                    Assert.True(WorkshopScenario.CardText(answer).Contains("Idea added", StringComparison.Ordinal),
                        Texts(WorkshopScenario.CardText(answer)));
                    landed.Add("idea");
                }
            }
            catch (Exception e) when (e is Xunit.Sdk.XunitException)
            {
                failed.Add(e.Message);
                landed.Add("failed");
            }

            Volatile.Write(ref landing, 0);
            if (--left > 0)
            {
                seams.AfterNextRead(collection, key, LandAsync);
            }
        }

        var votes = (from dot in Enumerable.Range(0, 5)
                     from rep in reps.Select((rep, i) => (rep, i))
                     select (rep.rep, Option: Options[(dot + rep.i) % Options.Length])).ToList();
        var answers = new List<(string Option, InvokeResult Answer)>();
        foreach (var (rep, option) in votes)
        {
            left = 6;
            seams.AfterNextRead(collection, key, LandAsync);
            answers.Add((option, await s.DotAsync(rep, live, option)));
        }

        left = 0;
        seams.AfterNextRead(collection, key, () => Task.CompletedTask);
        Assert.True(failed.Count == 0, string.Join(" | ", failed.Select(f => f[..Math.Min(600, f.Length)])));
        // One a vote's read, give or take a read of the bot's own between votes (a live card's update).
        Assert.True(landed.Count >= votes.Count / 2, $"only {landed.Count} changes landed");
        var refused = answers.Where(a => a.Answer.Status != HttpStatusCode.OK || a.Answer.Card is null
            || WorkshopScenario.CardText(a.Answer).Contains(DocumentChanges.ChangedElsewhere, StringComparison.Ordinal)).ToList();
        Assert.True(refused.Count == 0, $"{refused.Count} of {votes.Count} votes refused while {landed.Count} changes landed: "
            + string.Join(" | ", refused.Take(2).Select(r => WorkshopScenario.CardText(r.Answer))
                .Select(t => t[..Math.Min(200, t.Length)])));
        Assert.All(answers, a => Assert.DoesNotContain("not counted", WorkshopScenario.CardText(a.Answer), StringComparison.Ordinal));

        // Stored exactly once each, and the live board's basis never moved: none of those changes touched it.
        var expected = Options.ToDictionary(o => o, o => votes.Count(v => v.Option == o), StringComparer.Ordinal);
        Assert.Equal(expected, await s.TallyAsync(live));
        Assert.Equal(basis, await BasisAsync(s, live));

        // Delivered again (as Teams may): counted once (a dot taken back: every voter has used all five).
        var again = s.Host.CardAction(reps[0], s.Channel, BallotScreen.Dot, new DotData(s.WorkshopId, live.Id, -1, "i1"));
        Assert.Equal(HttpStatusCode.OK, (await s.Host.InvokeAsync(again)).Status);
        Assert.Equal(HttpStatusCode.OK, (await s.Host.InvokeAsync(again)).Status);
        expected["i1"]--;
        Assert.Equal(expected, await s.TallyAsync(live));
    }

    /// <summary>
    /// The chair rewords an idea between a vote's read and its commit: the poll's basis moved, so the vote runs again from
    /// fresh reads (it reads the workshop a second time) and its answer shows the idea as it now reads. It still counts once.
    /// </summary>
    [Fact]
    public async Task AVoteDecidedBeforeAnIdeaIsRewordedRunsAgainAndAnswersWithTheNewWording()
    {
        var seams = new DocumentSeams();
        await using var s = await ReadingEveryVoteAsync(seams);
        var (rep, live) = await OpenBoardAsync(s);
        var (collection, key) = (WorkshopRepository.Collection, WorkshopRepository.KeyOf(s.WorkshopId));
        var reads = 0;
        async Task RewordAsync()
        {
            reads++;
            Assert.Equal(HttpStatusCode.OK, (await s.ModerateAsync(live, ModerateActions.Edit, "i2", text: "Reworded mid-vote")).Status);
            seams.AfterNextRead(collection, key, CountAsync);
        }

        Task CountAsync()
        {
            reads++;
            return Task.CompletedTask;
        }

        await NoCardUpdatePendingAsync(s);
        seams.AfterNextRead(collection, key, RewordAsync);
        var answer = WorkshopScenario.CardText(await s.DotAsync(rep, live, "i2"));

        Assert.True(reads >= 2, $"the vote read the workshop {reads} times");
        Assert.Contains("Reworded mid-vote", answer, StringComparison.Ordinal);
        Assert.DoesNotContain(DocumentChanges.ChangedElsewhere, answer, StringComparison.Ordinal);
        Assert.Equal(new Dictionary<string, int> { ["i2"] = 1 }, await s.TallyAsync(live));
    }

    /// <summary>
    /// The chair resets the poll, or closes and reopens it, between a vote's read and its commit: the vote runs again from
    /// fresh reads and is decided on the poll as it now is (after a reset the voter's earlier dot is gone; after a close and
    /// reopening it counts on the new opening).
    /// </summary>
    [Theory]
    [InlineData(PhaseActions.Reset)]
    [InlineData(PhaseActions.Close)]
    public async Task AVoteDecidedBeforeAResetOrAReopeningIsDecidedAgainOnThePollAsItNowIs(string action)
    {
        var seams = new DocumentSeams();
        await using var s = await ReadingEveryVoteAsync(seams);
        var (rep, live) = await OpenBoardAsync(s);
        Assert.Equal(HttpStatusCode.OK, (await s.DotAsync(rep, live, "i1")).Status);
        var (collection, key) = (WorkshopRepository.Collection, WorkshopRepository.KeyOf(s.WorkshopId));
        await s.ViewAsync(rep, live);
        await NoCardUpdatePendingAsync(s);
        var phases = new List<string>();
        seams.AfterNextRead(collection, key, async () =>
        {
            phases.Add(WorkshopScenario.CardText(await s.PhaseAsync(live, action)));
            if (action == PhaseActions.Close)
            {
                phases.Add(WorkshopScenario.CardText(await s.PhaseAsync(live, PhaseActions.Reopen)));
            }
        });
        var answer = WorkshopScenario.CardText(await s.DotAsync(rep, live, "i1"));

        Assert.True(seams.Ran);
        Assert.True(phases.Count > 0, Texts(answer) + " || " + string.Join(" || ", phases.Select(Texts)));
        Assert.DoesNotContain(DocumentChanges.ChangedElsewhere, answer, StringComparison.Ordinal);
        var tally = await s.TallyAsync(live);
        Assert.True(tally.GetValueOrDefault("i1") == (action == PhaseActions.Reset ? 1 : 2),
            $"{tally.GetValueOrDefault("i1")}: " + Texts(answer) + " || " + string.Join(" || ", phases.Select(Texts)));
    }

    /// <summary>
    /// Which saves of the workshop move a poll's basis: adding, hiding, merging and rewording its ideas, opening, closing,
    /// reopening and resetting it, revealing its results (each to the version it saves); not an idea on another board,
    /// another poll created, someone joining, or a vote.
    /// </summary>
    [Fact]
    public async Task APollsBasisMovesWithEveryChangeToWhatItsVotesAreDecidedOnAndWithNothingElse()
    {
        await using var s = await WorkshopScenario.CreateAsync(await StoreAsync());
        await s.StartAsync();
        var rep = WorkshopScenario.Representative(1);
        await s.JoinAsync(rep);
        var board = await s.CreatePollAsync(new CreatePollData(s.WorkshopId, PollTypes.CustomBoard, "Board", Dots: "3",
            MaxPerItem: "3", Visibility: nameof(ResultsVisibility.HiddenUntilClose)));
        var other = await s.CreatePollAsync(new CreatePollData(s.WorkshopId, PollTypes.CouldImprove, "What could improve?"));

        async Task Moves(string what, Func<Task> change)
        {
            await change();
            Assert.True(await WorkshopVersionAsync(s) == await BasisAsync(s, board), $"{what} did not move the basis");
        }

        async Task Stays(string what, Func<Task> change)
        {
            var before = await BasisAsync(s, board);
            await change();
            Assert.True(before == await BasisAsync(s, board), $"{what} moved the basis");
        }

        foreach (var (idea, n) in new[] { "Prompt strategy meeting.", "Records were shared.", "Father was seen.", "GP was told." }
                     .Select((idea, n) => (idea, n)))
        {
            await Moves($"idea {n}", () => s.AddIdeaAsync(rep, board, idea));
        }

        await Stays("an idea on another board", () => s.AddIdeaAsync(rep, other, "School nurse was not invited."));
        await Stays("another poll", () => s.TryCreatePollAsync(new CreatePollData(s.WorkshopId, PollTypes.RatingFive, "Confidence?")));
        await Stays("a join", () => s.JoinAsync(WorkshopScenario.Representative(2)));
        await Moves("a hidden idea", () => s.ModerateAsync(board, ModerateActions.Hide, "i4"));
        await Moves("a merge", () => s.ModerateAsync(board, ModerateActions.Merge, "i3", intoItemId: "i2"));
        await Moves("a rewording", () => s.ModerateAsync(board, ModerateActions.Edit, "i1", text: "Strategy meeting was prompt."));
        await Moves("opening", () => s.PhaseAsync(board, PhaseActions.Open));
        await Stays("a dot", () => s.DotAsync(rep, board, "i1"));
        await Moves("results revealed", () => s.PhaseAsync(board, PhaseActions.Reveal));
        await Moves("a reset", () => s.PhaseAsync(board, PhaseActions.Reset));
        await Moves("closing", () => s.PhaseAsync(board, PhaseActions.Close));
        await Moves("reopening", () => s.PhaseAsync(board, PhaseActions.Reopen));
        Assert.Equal(["i1", "i2"], (await s.SessionAsync()).FindPoll(board.Id)!.VotableOptions.Select(o => o.Id));
    }

    private static async Task<(TestUser Rep, Poll Live)> OpenBoardAsync(WorkshopScenario s)
    {
        await s.StartAsync();
        var rep = WorkshopScenario.Representative(1);
        await s.JoinAsync(rep);
        var live = await s.CreatePollAsync(new CreatePollData(s.WorkshopId, PollTypes.CustomBoard, "Live board", Dots: "3",
            MaxPerItem: "3"));
        foreach (var idea in new[] { "Prompt strategy meeting.", "Records were shared.", "Father was seen." })
        {
            Assert.Equal(HttpStatusCode.OK, (await s.AddIdeaAsync(rep, live, idea)).Status);
        }

        Assert.Contains("Voting is open.", WorkshopScenario.CardText(await s.PhaseAsync(live, PhaseActions.Open)),
            StringComparison.Ordinal);
        return (rep, live);
    }

    /// <summary>The text blocks of a card, for a failure's message.</summary>
    private static string Texts(string card) =>
        string.Join(" / ", System.Text.RegularExpressions.Regex.Matches(card, "\"text\":\"([^\"]*)\"").Select(m => m.Groups[1].Value));

    internal static async Task<long> BasisAsync(WorkshopScenario s, Poll poll)
    {
        await using var connection = await s.Host.Get<StorageDatabase>().OpenAsync(default);
        return await connection.ExecuteScalarAsync<long>("SELECT basis_version FROM workshop_polls WHERE poll_id = @id",
            new { id = poll.Id });
    }

    internal static async Task<long> WorkshopVersionAsync(WorkshopScenario s) =>
        (await s.Host.Get<IDocumentStore>().GetAsync(WorkshopRepository.Collection, WorkshopRepository.KeyOf(s.WorkshopId)))!.Version;
}

/// <summary>On the default SQLite store.</summary>
public sealed class VotesWhileTheWorkshopChangesOnSqlite : VotesWhileTheWorkshopChangesScenarios
{
    protected override Task<Action<BotTestHostOptions>> StoreAsync() => Task.FromResult<Action<BotTestHostOptions>>(_ => { });
}

/// <summary>On PostgreSQL.</summary>
[Collection(PostgresCollection.Name)]
public sealed class VotesWhileTheWorkshopChangesOnPostgres(PostgresServerFixture server) : VotesWhileTheWorkshopChangesScenarios
{
    protected override async Task<Action<BotTestHostOptions>> StoreAsync()
    {
        var database = await server.CreateDatabaseAsync();
        return o => o.PostgresConnectionString = database;
    }
}
