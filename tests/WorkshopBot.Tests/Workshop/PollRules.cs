using System.Globalization;
using WorkshopBot.Audits.Domain;
using WorkshopBot.Common;
using WorkshopBot.Common.Privacy;
using WorkshopBot.Workshop.Domain;
using WorkshopBot.Workshop.Teams;

namespace WorkshopBot.Tests.Workshop;

/// <summary>Domain rules of polls and sessions, without HTTP.</summary>
public sealed class PollRules
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private static readonly FreeTextCheck Privacy = new(IdentifierScanner.Default);

    [Fact]
    public void AnonymousBoardDropsTheAuthorEvenWhenGiven()
    {
        var poll = NewPoll(new PollDefinition(PollKind.IdeaBoard, "", IdeaBoardKind.CouldImprove, Anonymous: true));

        var item = poll.AddItemForTest("Out of hours cover.", "author-oid");

        Assert.Null(item.AuthorKey);
        Assert.Equal(Poll.CouldImprovePrompt, poll.Prompt);
    }

    [Fact]
    public void MergeIsRefusedOnceVotingHasOpened()
    {
        var poll = NewPoll(new PollDefinition(PollKind.IdeaBoard, "Ideas", IdeaBoardKind.Custom));
        poll.AddItemForTest("One.", "a");
        poll.AddItemForTest("Two.", "a");
        Assert.True(poll.OpenForTest().Succeeded);

        Assert.False(poll.MergeForTest("i2", "i1").Succeeded);
        Assert.False(poll.AddItemResultForTest("Three.").Succeeded);
    }

    [Fact]
    public void RejectsBadDefinitions()
    {
        Assert.False(Create(new PollDefinition(PollKind.SingleChoice, "Pick", Choices: ["Only one"])).Succeeded);
        Assert.False(Create(new PollDefinition(PollKind.IdeaBoard, "Ideas", DotsPerVoter: 3, MaxDotsPerItem: 4)).Succeeded);
        Assert.False(Create(new PollDefinition(PollKind.Rating, "Rate", TimerMinutes: 0)).Succeeded);
        Assert.False(Create(new PollDefinition(PollKind.SingleChoice, "Call 07700 900123?", Choices: ["a", "b"])).Succeeded);
    }

    [Fact]
    public void RanksTiesTogetherAndKeepsOptionOrder()
    {
        var ranked = PollSnapshot.Rank(
            [new("a", "A"), new("b", "B"), new("c", "C"), new("d", "D")],
            [new OptionTally("b", 3, 2), new OptionTally("c", 3, 3), new OptionTally("a", 1, 1)]);

        Assert.Equal(["b", "c", "a", "d"], ranked.Select(r => r.OptionId));
        Assert.Equal([1, 1, 3, 4], ranked.Select(r => r.Rank));
    }

    [Fact]
    public void RanksFortyIdeasByDotsWithTiesInBoardOrderAndIgnoresCountsOfIdeasNotOnTheBoard()
    {
        var options = Enumerable.Range(1, 40).Select(i => new PollOption($"i{i}", $"Idea {i}")).ToList();
        // Dots 0..4 by i % 5, every fifth idea counted by nobody; a count for a hidden idea is not ranked.
        var tally = options.Select(o => new OptionTally(o.Id, int.Parse(o.Id[1..], CultureInfo.InvariantCulture) % 5, 1))
            .Where(t => t.Dots > 0).Append(new OptionTally("i99", 1000, 9)).ToList();

        var ranked = PollSnapshot.Rank(options, tally);

        var expected = options.Select((o, i) => (o.Id, Dots: (i + 1) % 5 == 0 ? 0 : (i + 1) % 5, Index: i))
            .OrderByDescending(x => x.Dots).ThenBy(x => x.Index).ToList();
        Assert.Equal(expected.Select(x => (x.Id, x.Dots)), ranked.Select(r => (r.OptionId, r.Dots)));
        Assert.Equal([1, 9, 17, 25, 33], ranked.Select(r => r.Rank).Distinct());
        Assert.Equal(["i4", "i9"], ranked.Take(2).Select(r => r.OptionId));
        Assert.Equal(("i40", 0, 0), (ranked[^1].OptionId, ranked[^1].Dots, ranked[^1].Voters));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void RanksAnyCountsAsTheOrderByDotsThenPlaceOnTheBoard(int seed)
    {
        // Counts as the store could hold them after a repair or a reset, including none, negative and extreme ones.
        var random = new Random(seed);
        int[] extremes = [int.MinValue, -1, 0, 1, int.MaxValue];
        var options = Enumerable.Range(1, 60).Select(i => new PollOption($"o{i}", $"Option {i}")).ToList();
        var tally = options.Where(_ => random.Next(4) > 0)
            .Select(o => new OptionTally(o.Id, random.Next(3) == 0 ? extremes[random.Next(extremes.Length)] : random.Next(-2, 6), 1))
            .OrderBy(_ => random.Next()).ToList();

        var ranked = PollSnapshot.Rank(options, tally);

        var dots = options.Select(o => tally.FirstOrDefault(t => t.OptionId == o.Id)?.Dots ?? 0).ToList();
        var expected = options.Select((o, i) => (o.Id, Dots: dots[i], Index: i)).OrderByDescending(x => x.Dots).ThenBy(x => x.Index)
            .ToList();
        Assert.Equal(expected.Select(x => (x.Id, x.Dots)), ranked.Select(r => (r.OptionId, r.Dots)));
        Assert.Equal(expected.Select((x, i) => expected.FindIndex(y => y.Dots == x.Dots) + 1), ranked.Select(r => r.Rank));
    }

    [Fact]
    public void AVotersStateAfterTheirVoteHasTheirNewDotsAndCountsChangedOnlyWhereTheyMoved()
    {
        var workshop = Guid.NewGuid();
        var rules = new PollVotingRules("p1", workshop, PollVotingStatus.Open, 5, 3, null);
        var tally = new List<OptionTally> { new("a", 4, 3), new("b", 1, 1), new("c", 2, 2) };
        var state = new VoterState(rules, true, 3, new Dictionary<string, int> { ["b"] = 1, ["c"] = 1 }, tally, 4, 10);

        var moved = state.After(state.MoveDot(workshop, "alex", "b", -1, Now).Change!);
        Assert.Equal([("a", 4, 3), ("c", 2, 2)], moved.Tally.Select(t => (t.OptionId, t.Dots, t.Voters)));
        Assert.Equal((4L, 4, 1), (moved.Version, moved.Voters, moved.Ballot["c"]));

        var added = moved.After(moved.MoveDot(workshop, "alex", "d", 1, Now).Change!).After(
            new VoteChange("p1", "alex", 5, new Dictionary<string, int> { ["c"] = 1, ["d"] = 1 },
                new Dictionary<string, int> { ["a"] = 1, ["d"] = 1 }, Now));
        Assert.Equal([("a", 5, 4), ("c", 1, 1), ("d", 1, 1)], added.Tally.Select(t => (t.OptionId, t.Dots, t.Voters)));
        Assert.Equal(new Dictionary<string, int> { ["a"] = 1, ["d"] = 1 }, added.Ballot);
        Assert.Equal([("a", 4, 3), ("b", 1, 1), ("c", 2, 2)], state.Tally.Select(t => (t.OptionId, t.Dots, t.Voters)));
    }

    [Fact]
    public void TheVotableIdeasFollowEveryChangeToTheIdeasOfTheSamePoll()
    {
        // A poll read from the store is shared by turns and keeps its votable ideas; a change replaces them at once.
        var poll = NewPoll(new PollDefinition(PollKind.IdeaBoard, "Ideas", IdeaBoardKind.Custom));
        poll.AddItemForTest("Out of hours cover.", "a");
        poll.AddItemForTest("Shared chronology.", "b");
        var first = poll.VotableOptions;
        Assert.Same(first, poll.VotableOptions);

        poll.AddItemForTest("Health records across two trusts.", "c");
        Assert.Equal(["i1", "i2", "i3"], poll.VotableOptions.Select(o => o.Id));
        Assert.True(poll.EditItem("i3", "Records shared across two hospital trusts.").Succeeded);
        Assert.Equal("Records shared across two hospital trusts.", poll.FindOption("i3")!.Label);
        Assert.True(poll.MergeItem("i2", "i1").Succeeded);
        Assert.True(poll.HideItem("i3").Succeeded);
        Assert.Equal(["i1"], poll.VotableOptions.Select(o => o.Id));
        Assert.Null(poll.FindOption("i2"));
        Assert.Equal(["i1", "i2"], first.Select(o => o.Id));
    }

    [Fact]
    public void RatificationNeedsAKnownGradeAndARationaleAndReplacesTheEarlierJudgement()
    {
        var session = Session();
        var poll = session.AddPoll(new PollDefinition(PollKind.GradeRatification, "", CaseReference: "NAI-2026-03-C1"),
            [new AgencyGrade("Police", "Good")], Privacy, Now).ValueOrThrow();
        var chair = new PersonRef("chair", "Chair");

        Assert.False(session.Ratify(poll, "excellent", "Because.", chair, Now).Succeeded);
        Assert.False(session.Ratify(poll, "good", " ", chair, Now).Succeeded);
        Assert.True(session.Ratify(poll, "good", "Prompt action.", chair, Now).Succeeded);
        Assert.True(session.Ratify(poll, "requires-improvement", "On reflection.", chair, Now.AddMinutes(1)).Succeeded);

        var judgement = Assert.Single(session.Judgements);
        Assert.Equal(("requires-improvement", "Requires improvement"), (judgement.GradeKey, judgement.GradeLabel));
        var otherCase = new PollDefinition(PollKind.GradeRatification, "", CaseReference: "OTHER-CASE");
        Assert.False(session.AddPoll(otherCase, [], Privacy, Now).Succeeded);
    }

    /// <summary>Choices show on the channel card as the prompt does: hidden control characters are refused there too.</summary>
    [Fact]
    public void AChoiceWithHiddenControlCharactersIsRefused()
    {
        var refused = Create(new PollDefinition(PollKind.SingleChoice, "Was it timely?", Choices: ["Yes\u001b[2J", "No"]));

        Assert.False(refused.Succeeded);
        Assert.Contains("hidden control characters", refused.Message, StringComparison.Ordinal);
        Assert.True(Create(new PollDefinition(PollKind.SingleChoice, "Was it timely?", Choices: ["Yes", "No"])).Succeeded);
    }

    [Fact]
    public void CsvEscapesQuotesCommasAndFormulas()
    {
        Assert.Equal("\"a, \"\"b\"\"\"", WorkshopCsv.Escape("a, \"b\""));
        Assert.Equal("'=SUM(A1)", WorkshopCsv.Escape("=SUM(A1)"));
        Assert.Equal("plain", WorkshopCsv.Escape("plain"));
    }

    internal static WorkshopSession Session()
    {
        var audit = Audit.Create(Guid.NewGuid(), "Audit", "nai", new PersonRef("chair", "Chair"), Now).ValueOrThrow();
        Assert.True(audit.AddCase(CaseReference.Create("NAI-2026-03-C1").ValueOrThrow(), AgeBand.Under1).Succeeded);
        var conversation = new WorkshopConversation("https://smba.trafficmanager.net/uk/", "19:c@thread.tacv2", "tenant");
        return WorkshopSession.Start(Guid.NewGuid(), audit, conversation, Now);
    }

    private static Poll NewPoll(PollDefinition definition) => Session().AddPoll(definition, [], Privacy, Now).ValueOrThrow();

    private static DomainResult<Poll> Create(PollDefinition definition) => Session().AddPoll(definition, [], Privacy, Now);
}

internal static class PollTestAccess
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    public static IdeaItem AddItemForTest(this Poll poll, string text, string author) =>
        poll.AddItem(text, author, null, null, null, Now).ValueOrThrow();

    public static DomainResult<IdeaItem> AddItemResultForTest(this Poll poll, string text) =>
        poll.AddItem(text, "a", null, null, null, Now);

    public static DomainResult OpenForTest(this Poll poll) => poll.Open(Now);

    public static DomainResult MergeForTest(this Poll poll, string item, string into) => poll.MergeItem(item, into);
}
