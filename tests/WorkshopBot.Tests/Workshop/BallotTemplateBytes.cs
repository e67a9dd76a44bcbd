using System.Text;
using System.Text.Json;
using WorkshopBot.Audits.Domain;
using WorkshopBot.Cards;
using WorkshopBot.Common;
using WorkshopBot.Common.Privacy;
using WorkshopBot.Common.Teams;
using WorkshopBot.Protocol.Schema;
using WorkshopBot.Workshop.Domain;
using WorkshopBot.Workshop.Teams;

namespace WorkshopBot.Tests.Workshop;

/// <summary>
/// A ballot written from its poll's template is byte for byte the typed card serialised, whatever the ideas say, the
/// voter's dots, the ranks and counts, the poll's phase and whether its results are visible; and a poll changed in place
/// after its template was made (results revealed, an idea reworded) gets its new ballot, not the kept one.
/// </summary>
public sealed class BallotTemplateBytes
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private static readonly string[] Texts =
    [
        "Agencies shared information \"promptly\" and C:\\path\\ style notes were kept",
        "Health visitor's <b>record</b> & the GP's were linked",
        "Strategy discussion within 24 hours · ● ○ — “quoted” — émigré — 😀 — 中文",
        "A line\nbroken in two",
        "Tab\tand \u0001control\u001f characters, and \\u00011\\u0001 typed as text",
        new string('w', 300),
        "  spaces around  ",
    ];

    [Theory]
    [InlineData(10, ResultsVisibility.Live)]
    [InlineData(40, ResultsVisibility.Live)]
    [InlineData(40, ResultsVisibility.HiddenUntilClose)]
    [InlineData(1, ResultsVisibility.Live)]
    public void WrittenBallotIsTheTypedCardsBytesInEveryPhase(int ideas, ResultsVisibility visibility)
    {
        var (session, poll) = Board(ideas, visibility);
        Assert.NotNull(BallotTemplate.Create(session, poll));
        var answers = new BallotAnswers();
        var options = poll.VotableOptions;
        var voters = new[]
        {
            new Dictionary<string, int>(StringComparer.Ordinal),
            options.Take(3).ToDictionary(o => o.Id, _ => 1, StringComparer.Ordinal),
            options.Take(1).ToDictionary(o => o.Id, _ => 20, StringComparer.Ordinal),
            options.Select((o, i) => (o.Id, Count: i % 3)).Where(x => x.Count > 0)
                .ToDictionary(x => x.Id, x => x.Count, StringComparer.Ordinal),
        };
        var compared = 0;
        foreach (var open in new[] { false, true, false })
        {
            if (open)
            {
                Assert.True(poll.Open(Now).Succeeded);
            }
            else if (poll.Phase == PollPhase.Voting)
            {
                Assert.True(poll.Close().Succeeded);
            }

            foreach (var tally in Tallies(options))
            {
                foreach (var mine in voters)
                {
                    var snapshot = PollSnapshot.Of(poll, tally, tally.Count(t => t.Voters > 0), 10_000);
                    AssertSameBytes(answers, session, snapshot, mine);
                    compared++;
                }
            }
        }

        Assert.Equal(3 * 4 * 4, compared);
    }

    /// <summary>
    /// A board with fewer places than dots (3 ideas, 5 dots, at most 1 on each) counts only the dots that can still be
    /// placed, and says the rest cannot be, in the written bytes as on the typed card; a board with room for every dot says
    /// what it always said.
    /// </summary>
    [Theory]
    [InlineData(ResultsVisibility.Live)]
    [InlineData(ResultsVisibility.HiddenUntilClose)]
    public void BoardWithFewerPlacesThanDotsCountsOnlyTheDotsThatCanBePlaced(ResultsVisibility visibility)
    {
        var (session, poll) = Board(3, visibility, dots: 5, maxPerIdea: 1);
        Assert.True(poll.Open(Now).Succeeded);
        var answers = new BallotAnswers();
        var ids = poll.VotableOptions.Select(o => o.Id).ToList();
        var tally = Tallies(poll.VotableOptions)[1];
        (string[] Mine, string Says)[] ballots =
        [
            ([], "You have used 0 of 5 dots; 3 dots left that you can place. Each idea takes at most 1 dot, so 2 of your dots "
                + "cannot be placed."),
            ([ids[0]], "You have used 1 of 5 dots; 2 dots left that you can place. Each idea takes at most 1 dot, so 2 of your "
                + "dots cannot be placed."),
            ([.. ids], "You have used 3 of 5 dots; 0 dots left that you can place. Each idea takes at most 1 dot, so 2 of your "
                + "dots cannot be placed."),
        ];
        foreach (var (mine, says) in ballots)
        {
            var written = AssertSameBytes(answers, session, PollSnapshot.Of(poll, tally, 2, 100), Mine(mine));
            Assert.Contains(JsonEncodedText.Encode(says).ToString(), written, StringComparison.Ordinal);
        }

        // A dot counted against an idea that is not on the board (a hidden one) takes no idea's room: 3 ideas, 1 dot used,
        // 3 that can still be placed.
        var (hiddenSession, hidden) = Board(4, visibility, dots: 5, maxPerIdea: 1);
        var gone = hidden.VotableOptions[3].Id;
        Assert.True(hidden.HideItem(gone).Succeeded);
        Assert.True(hidden.Open(Now).Succeeded);
        var withHidden = AssertSameBytes(new BallotAnswers(), hiddenSession, PollSnapshot.Of(hidden, [], 1, 100), Mine([gone]));
        Assert.Contains(JsonEncodedText.Encode("You have used 1 of 5 dots; 3 dots left that you can place. Each idea takes at most "
            + "1 dot, so 1 of your dots cannot be placed.").ToString(), withHidden, StringComparison.Ordinal);

        // Room for every dot (3 ideas, at most 2 on each): the plain line, as before.
        var (roomySession, roomy) = Board(3, visibility, dots: 5, maxPerIdea: 2);
        Assert.True(roomy.Open(Now).Succeeded);
        var plain = AssertSameBytes(new BallotAnswers(), roomySession, PollSnapshot.Of(roomy, [], 1, 100),
            Mine([roomy.VotableOptions[0].Id]));
        Assert.Contains("You have used 1 of 5 dots; 4 dots left.", plain, StringComparison.Ordinal);
        Assert.DoesNotContain("cannot be placed", plain, StringComparison.Ordinal);
    }

    private static Dictionary<string, int> Mine(IEnumerable<string> dotted) =>
        dotted.ToDictionary(id => id, _ => 1, StringComparer.Ordinal);

    [Fact]
    public void IdeaRewordedOrResultsRevealedInPlaceAreShownNotTheKeptTemplate()
    {
        var (session, poll) = Board(5, ResultsVisibility.HiddenUntilClose);
        Assert.True(poll.Open(Now).Succeeded);
        var answers = new BallotAnswers();
        var mine = new Dictionary<string, int>(StringComparer.Ordinal) { [poll.VotableOptions[0].Id] = 2 };
        var tally = Tallies(poll.VotableOptions)[1];
        var before = AssertSameBytes(answers, session, PollSnapshot.Of(poll, tally, 4, 50), mine);

        Assert.True(poll.Reveal().Succeeded);
        var revealed = AssertSameBytes(answers, session, PollSnapshot.Of(poll, tally, 4, 50), mine);
        Assert.NotEqual(before, revealed);
        Assert.Contains("· #1 ·", revealed, StringComparison.Ordinal);

        var edited = poll.Items[1];
        Assert.True(poll.EditItem(edited.Id, "Reworded while voting").Succeeded);
        var reworded = AssertSameBytes(answers, session, PollSnapshot.Of(poll, tally, 4, 50), mine);
        Assert.Contains(edited.Text, revealed, StringComparison.Ordinal);
        Assert.DoesNotContain(edited.Text, reworded, StringComparison.Ordinal);
        Assert.Contains("Reworded while voting", reworded, StringComparison.Ordinal);
    }

    [Fact]
    public void IdeaThatHoldsAMarkerGetsTheTypedCard()
    {
        var (session, poll) = Board(3, ResultsVisibility.Live);
        Assert.True(poll.EditItem(poll.Items[2].Id, "\u00012\u0001").Succeeded);
        Assert.True(poll.Open(Now).Succeeded);
        var mine = new Dictionary<string, int>(StringComparer.Ordinal) { [poll.VotableOptions[2].Id] = 1 };

        Assert.Null(BallotTemplate.Create(session, poll));
        var written = AssertSameBytes(new BallotAnswers(), session, PollSnapshot.Of(poll, Tallies(poll.VotableOptions)[2], 2, 9), mine);
        Assert.Contains("\\u00012\\u0001", written, StringComparison.Ordinal);
    }

    [Fact]
    public void BallotWithANoticeOrARefreshIsTheTypedCard()
    {
        var (session, poll) = Board(4, ResultsVisibility.Live);
        Assert.True(poll.Open(Now).Succeeded);
        var answers = new BallotAnswers();
        var snapshot = PollSnapshot.Of(poll, Tallies(poll.VotableOptions)[0], 3, 30);
        var mine = new Dictionary<string, int>(StringComparer.Ordinal);

        var notice = Encoding.UTF8.GetString(answers.Ballot(session, snapshot, mine, "Voting has closed; your vote was not counted.", []));
        var refreshed = Encoding.UTF8.GetString(answers.Ballot(session, snapshot, mine, null, ["29:a", "29:b"]));

        Assert.Equal(AdaptiveCardJson.Serialize(BallotCard.Ballot(session, snapshot, mine, "Voting has closed; your vote was not counted.",
            [])), notice);
        Assert.Contains("Voting has closed; your vote was not counted.", notice, StringComparison.Ordinal);
        Assert.Equal(AdaptiveCardJson.Serialize(BallotCard.Ballot(session, snapshot, mine, null, ["29:a", "29:b"])), refreshed);
        Assert.Contains("\"userIds\":[\"29:a\",\"29:b\"]", refreshed, StringComparison.Ordinal);
        AssertSameAnswer(answers.Answer(session, snapshot, mine, "Voting has closed; your vote was not counted.", []), notice, false);
        AssertSameAnswer(answers.Answer(session, snapshot, mine, null, ["29:a", "29:b"]), refreshed, false);
    }

    private static string AssertSameBytes(BallotAnswers answers, WorkshopSession session, PollSnapshot snapshot,
        IReadOnlyDictionary<string, int> mine)
    {
        var typed = AdaptiveCardJson.Serialize(BallotCard.Ballot(session, snapshot, mine, null, []));
        var written = Encoding.UTF8.GetString(answers.Ballot(session, snapshot, mine, null, []));
        Assert.Equal(typed, written);
        // Written twice (the second from the kept template), and read back as a card.
        Assert.Equal(typed, Encoding.UTF8.GetString(answers.Ballot(session, snapshot, mine, null, [])));
        Assert.Equal(typed, AdaptiveCardJson.Serialize(AdaptiveCardJson.Deserialize(written)));
        using var parsed = JsonDocument.Parse(written);
        Assert.Equal("AdaptiveCard", parsed.RootElement.GetProperty("type").GetString());
        var fromTemplate = BallotTemplate.Create(session, snapshot.Poll) is not null;
        AssertSameAnswer(answers.Answer(session, snapshot, mine, null, []), typed, fromTemplate);
        // From the voter's state, as a vote answers: its counts in another order than the board's, ranked as they are written.
        var tally = snapshot.Results.Select(r => new OptionTally(r.OptionId, r.Dots, r.Voters)).Reverse().ToList();
        var state = new VoterState(null, true, 1, mine, tally, snapshot.VoterCount, snapshot.Participants);
        AssertSameAnswer(answers.Answer(session, snapshot.Poll, state, null, []), typed, fromTemplate);
        return written;
    }

    // The answer to the vote: the bytes the coordinator would have serialised from the card's answer, as parts written
    // into the HTTP body when the ballot comes from a template (twice the same, of their stated length, and the same when
    // written into small buffers as the response's pipe gives them), and a body that serialises to those bytes.
    private static void AssertSameAnswer(InvokeResponse answer, string typedCard, bool fromTemplate)
    {
        var expected = JsonSerializer.Serialize<object>(Reply.Card(Encoding.UTF8.GetBytes(typedCard)).Body!, BotJson.Options);
        Assert.Equal(200, answer.Status);
        Assert.Null(answer.BodyUtf8);
        Assert.Equal(fromTemplate, answer.BodyParts is not null);
        if (answer.BodyParts is { } parts)
        {
            Assert.Equal(expected, Encoding.UTF8.GetString(parts.ToArray()));
            Assert.Equal(expected, Encoding.UTF8.GetString(parts.ToArray()));
            Assert.Equal(Encoding.UTF8.GetByteCount(expected), parts.Length);
            var chunked = new SmallChunks(97);
            parts.WriteTo(chunked);
            Assert.Equal(expected, Encoding.UTF8.GetString(chunked.Bytes()));
        }

        Assert.Equal(expected, JsonSerializer.Serialize<object>(answer.Body!, BotJson.Options));
        Assert.StartsWith("{\"statusCode\":200,\"type\":\"application/vnd.microsoft.card.adaptive\",\"value\":{", expected,
            StringComparison.Ordinal);
    }

    private static (WorkshopSession Session, Poll Poll) Board(int ideas, ResultsVisibility visibility, int dots = 20,
        int maxPerIdea = 20)
    {
        var chair = new PersonRef("chair", "Chair");
        var audit = Audit.Create(Guid.NewGuid(), "Babies with suspected \"non-accidental\" injury", "nai", chair, Now).ValueOrThrow();
        var conversation = new WorkshopConversation("https://smba.trafficmanager.net/uk/", "19:c@thread.tacv2", "tenant");
        var session = WorkshopSession.Start(Guid.NewGuid(), audit, conversation, Now);
        var privacy = new FreeTextCheck(IdentifierScanner.Default);
        var definition = new PollDefinition(PollKind.IdeaBoard, "What worked well? \"Quotes\" \\ and ·", IdeaBoardKind.Custom,
            DotsPerVoter: dots, MaxDotsPerItem: maxPerIdea, Visibility: visibility);
        var poll = session.AddPoll(definition, [], privacy, Now).ValueOrThrow();
        for (var i = 0; i < ideas; i++)
        {
            Assert.True(poll.AddItem($"{i + 1}. {Texts[i % Texts.Length]}", "author", null, null, null, Now).Succeeded);
        }

        return (session, poll);
    }

    // No votes; every idea one dot; counts with ties, in the thousands, and one idea left out of the tally.
    private static List<List<OptionTally>> Tallies(IReadOnlyList<PollOption> options) =>
    [
        [],
        [.. options.Select(o => new OptionTally(o.Id, 1, 1))],
        [.. options.Select((o, i) => new OptionTally(o.Id, 12_345 - (i / 2 * 700), 3_000 - i))],
        [.. options.Skip(1).Select((o, i) => new OptionTally(o.Id, (i * 37) % 11, i))],
    ];

    // A writer that gives at most a few bytes at a time, as a pipe's segments end where they end.
    private sealed class SmallChunks(int size) : System.Buffers.IBufferWriter<byte>
    {
        private readonly List<byte> _bytes = [];
        private byte[] _chunk = [];

        public byte[] Bytes() => [.. _bytes];

        public void Advance(int count) => _bytes.AddRange(_chunk.AsSpan(0, count).ToArray());

        public Memory<byte> GetMemory(int sizeHint = 0) => _chunk = new byte[size];

        public Span<byte> GetSpan(int sizeHint = 0) => _chunk = new byte[size];
    }
}
