using System.Text.Json;
using BenchmarkDotNet.Attributes;
using WorkshopBot.Audits.Domain;
using WorkshopBot.Cards;
using WorkshopBot.Common;
using WorkshopBot.Common.Privacy;
using WorkshopBot.Common.Teams;
using WorkshopBot.Protocol.Schema;
using WorkshopBot.Storage;
using WorkshopBot.Workshop.Domain;
using WorkshopBot.Workshop.Storage;
using WorkshopBot.Workshop.Teams;

namespace WorkshopBot.Benchmarks;

/// <summary>
/// The answer to one vote on an idea board, step by step: rank the counts, build the voter's ballot, serialise it into the
/// invoke's answer and write the answer's body; the same ballot written from the poll's template (as the bot does since
/// the fourteenth round); and what packing an answer that size for a processed mark costs (other answers are packed; since
/// the thirteenth round a vote's is not kept). The board is the load tool's (the same idea texts), with 10 or 40 ideas,
/// live results and a voter with 12 of 20 dots placed.
/// </summary>
[MemoryDiagnoser]
public class BallotBenchmark
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private WorkshopSession _session = null!;
    private Poll _poll = null!;
    private VoterState _state = null!;
    private PollSnapshot _snapshot = null!;
    private AdaptiveCard _card = null!;
    private InvokeResponse _answer = null!;
    private byte[] _utf8 = [];
    private readonly BallotAnswers _answers = new();

    [Params(10, 40)]
    public int Ideas { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var chair = new PersonRef("chair", "Chair");
        var audit = Audit.Create(Guid.NewGuid(), "Babies with suspected non-accidental injury", "nai", chair, Now).ValueOrThrow();
        var conversation = new WorkshopConversation("https://smba.trafficmanager.net/uk/", "19:c@thread.tacv2", "tenant");
        _session = WorkshopSession.Start(Guid.NewGuid(), audit, conversation, Now);
        var privacy = new FreeTextCheck(IdentifierScanner.Default);
        _poll = _session.AddPoll(new PollDefinition(PollKind.IdeaBoard, "What worked well?", IdeaBoardKind.Custom, DotsPerVoter: 20,
            MaxDotsPerItem: 20), [], privacy, Now).ValueOrThrow();
        for (var i = 1; i <= Ideas; i++)
        {
            _poll.AddItem($"Idea {i}: agencies acted promptly and shared information.", "author", null, null, null, Now).ValueOrThrow();
        }

        if (!_poll.Open(Now).Succeeded)
        {
            throw new InvalidOperationException("The board did not open.");
        }
        var options = _poll.VotableOptions;
        var tally = options.Select((o, i) => new OptionTally(o.Id, 5000 - (37 * i % 900), 1500 - i)).ToList();
        var ballot = options.Take(6).ToDictionary(o => o.Id, _ => 2, StringComparer.Ordinal);
        var rules = new PollVotingRules(_poll.Id, _session.Id, PollVotingStatus.Open, 20, 20, null);
        _state = new VoterState(rules, true, 7, ballot, tally, 9000, 10000);
        _snapshot = _state.Snapshot(_poll);
        _card = Card();
        _answer = Answer();
        _utf8 = Body();
        Console.Error.WriteLine($"{Ideas} ideas: card {AdaptiveCardJson.SerializeToUtf8Bytes(_card).Length} bytes, answer {_utf8.Length}"
            + $" bytes, packed {PackedAnswer.PackUtf8(_utf8)!.Length} bytes");
    }

    [Benchmark]
    public PollSnapshot Rank() => _state.Snapshot(_poll);

    [Benchmark]
    public AdaptiveCard Card() => BallotCard.Ballot(_session, _snapshot, _state.Ballot, null, []);

    [Benchmark]
    public InvokeResponse Answer() => Reply.Card(_card);

    [Benchmark]
    public byte[] Body() => JsonSerializer.SerializeToUtf8Bytes(_answer.Body, BotJson.Options);

    [Benchmark]
    public byte[]? Pack() => PackedAnswer.PackUtf8(_utf8);

    [Benchmark]
    public byte[] Templated() => _answers.Ballot(_session, _snapshot, _state.Ballot, null, []);

    /// <summary>Rank, build, serialise and write, as before the fourteenth round.</summary>
    [Benchmark]
    public byte[] WholeTyped()
    {
        var answer = Reply.Card(BallotCard.Ballot(_session, _state.Snapshot(_poll), _state.Ballot, null, []));
        return JsonSerializer.SerializeToUtf8Bytes(answer.Body, BotJson.Options);
    }

    /// <summary>Rank, write from the template and write the answer, as the bot does.</summary>
    [Benchmark]
    public byte[] Whole()
    {
        var answer = Reply.Card(_answers.Ballot(_session, _state.Snapshot(_poll), _state.Ballot, null, []));
        return JsonSerializer.SerializeToUtf8Bytes(answer.Body, BotJson.Options);
    }
}
