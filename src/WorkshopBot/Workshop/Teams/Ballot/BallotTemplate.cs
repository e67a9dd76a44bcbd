using System.Buffers;
using System.Text.Json;
using WorkshopBot.Cards;
using WorkshopBot.Protocol.Schema;
using WorkshopBot.Workshop.Domain;
using static WorkshopBot.Workshop.Teams.WorkshopCardKit;

namespace WorkshopBot.Workshop.Teams;

/// <summary>
/// An idea board's ballot as bytes, made once per poll as read and filled in for each voter. The card is built and
/// serialised once with markers (<see cref="MarkerDotLines"/>) in place of the lines that change from vote to vote, and
/// cut at the markers; an answer is those pieces with the voter's lines written between them, escaped as the serialiser
/// escapes them. So a vote no longer builds and serialises 40 ideas and 40 choices that every voter's ballot shares. The
/// bytes are the typed card's (<c>BallotTemplateBytes</c> compares them). A ballot with a notice or a refresh is not
/// made from a template.
/// </summary>
internal sealed class BallotTemplate
{
    private const int StackIdeas = 64;

    private static readonly JsonEncodedText RankMark = Encode(" · #");
    private static readonly JsonEncodedText Between = Encode(" · ");
    private static readonly JsonEncodedText OneDot = Encode(" dot");
    private static readonly JsonEncodedText ManyDots = Encode(" dots");

    private readonly Guid _sessionId;
    private readonly IReadOnlyList<PollOption> _options;
    private readonly PollPhase _phase;
    private readonly bool _visible;
    private readonly string _prompt;
    private readonly int _budget;
    private readonly int _maxPerIdea;
    private readonly byte[][] _pieces;
    private readonly int _piecesLength;
    private readonly Dictionary<string, int> _indexOf;
    private readonly JsonEncodedText[] _dots;

    private BallotTemplate(WorkshopSession session, Poll poll, byte[][] pieces)
    {
        _sessionId = session.Id;
        _options = poll.VotableOptions;
        _phase = poll.Phase;
        _visible = poll.ResultsVisible;
        _prompt = poll.Prompt;
        _budget = poll.DotsPerVoter;
        _maxPerIdea = poll.MaxDotsPerItem;
        _pieces = pieces;
        _piecesLength = pieces.Sum(p => p.Length);
        _indexOf = new Dictionary<string, int>(_options.Count, StringComparer.Ordinal);
        for (var i = 0; i < _options.Count; i++)
        {
            _indexOf.TryAdd(_options[i].Id, i);
        }

        _dots = [.. Enumerable.Range(0, Poll.MaxDots + 1).Select(count => Encode(Dots(count)))];
    }

    /// <summary>The template of an idea board's ballot, or null when a marker cannot be found once and in order.</summary>
    public static BallotTemplate? Create(WorkshopSession session, Poll poll)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(poll);
        if (poll.Kind != PollKind.IdeaBoard)
        {
            return null;
        }

        var ideas = poll.VotableOptions.Count;
        var card = AdaptiveCardJson.SerializeToUtf8Bytes(BallotCard.IdeaBoard(session, poll, new MarkerDotLines(ideas), null, []));
        var slots = ideas + (poll.ResultsVisible ? 1 : 2);
        var pieces = new byte[slots + 1][];
        var from = 0;
        for (var slot = 0; slot < slots; slot++)
        {
            var marker = Encode(MarkerDotLines.Marker(slot)).EncodedUtf8Bytes;
            var at = card.AsSpan(from).IndexOf(marker);
            if (at < 0 || card.AsSpan(from + at + marker.Length).IndexOf(marker) >= 0 || card.AsSpan(0, from).IndexOf(marker) >= 0)
            {
                return null;
            }

            pieces[slot] = card[from..(from + at)];
            from += at + marker.Length;
        }

        pieces[slots] = card[from..];
        return new BallotTemplate(session, poll, pieces);
    }

    /// <summary>
    /// Whether this template is still the poll's ballot. A poll as read is shared and never changed in place (a change
    /// is a new stored text, so a new poll); this guards against one changed in place all the same.
    /// </summary>
    public bool Fits(WorkshopSession session, Poll poll) =>
        session.Id == _sessionId
        && ReferenceEquals(poll.VotableOptions, _options)
        && poll.Phase == _phase
        && poll.ResultsVisible == _visible
        && ReferenceEquals(poll.Prompt, _prompt)
        && poll.DotsPerVoter == _budget
        && poll.MaxDotsPerItem == _maxPerIdea;

    /// <summary>
    /// The voter's ballot as the answer to an invoke (<see cref="CardAnswerBytes.Answer(Utf8Parts)"/>): the answer
    /// <c>Reply.Card(Write(snapshot, mine))</c> gives, written into the HTTP response from the template's shared pieces and
    /// this voter's lines, without an array of the whole card made for the vote. The voter's lines are written now, so the
    /// answer holds nothing that changes afterwards.
    /// </summary>
    public InvokeResponse Answer(PollSnapshot snapshot, IReadOnlyDictionary<string, int> mine)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return CardAnswerBytes.Answer(Lines(snapshot.Results, null, snapshot.VoterCount, mine));
    }

    /// <summary>
    /// The same answer from the poll's counts as the voter's state holds them (<see cref="VoterState.Tally"/>, one entry an
    /// idea), ranked here as <see cref="PollSnapshot.Rank"/> ranks them but into this ballot's own lines, without a
    /// snapshot's list of results made for the vote.
    /// </summary>
    public InvokeResponse Answer(IReadOnlyList<OptionTally> tally, int voters, IReadOnlyDictionary<string, int> mine)
    {
        ArgumentNullException.ThrowIfNull(tally);
        return CardAnswerBytes.Answer(Lines(null, tally, voters, mine));
    }

    /// <summary>The voter's ballot, as the typed card would serialise it.</summary>
    public byte[] Write(PollSnapshot snapshot, IReadOnlyDictionary<string, int> mine)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return Lines(snapshot.Results, null, snapshot.VoterCount, mine).ToArray();
    }

    // The lines from ranked results, or else from the counts (ranked here).
    private Ballot Lines(IReadOnlyList<OptionResult>? results, IReadOnlyList<OptionTally>? tally, int voters,
        IReadOnlyDictionary<string, int> mine)
    {
        ArgumentNullException.ThrowIfNull(mine);
        var ideas = _options.Count;
        var lines = new ArrayBufferWriter<byte>(64 + (ideas * 48));
        var ends = new int[_pieces.Length - 1];
        // The voter's own dots (at most one entry a dot, so never more than Poll.MaxDots): those used, and those on ideas
        // still on the board, which take up those ideas' room (DotLines.Room, without a pass over every idea).
        var used = 0;
        var placed = 0;
        foreach (var (optionId, count) in mine)
        {
            used += count;
            if (_indexOf.ContainsKey(optionId))
            {
                placed += Math.Min(count, _maxPerIdea);
            }
        }

        var room = (_indexOf.Count * _maxPerIdea) - placed;
        lines.Write(Encode(DotLines.UsedText(used, _budget, room, _maxPerIdea)).EncodedUtf8Bytes);
        ends[0] = lines.WrittenCount;
        WriteIdeas(results, tally, mine, lines, ends);
        if (!_visible)
        {
            lines.Write(Encode(ResultsHiddenText(voters)).EncodedUtf8Bytes);
            ends[ideas + 1] = lines.WrittenCount;
        }

        return new Ballot(_pieces, _piecesLength, lines.WrittenMemory, ends);
    }

    /// <summary>
    /// One voter's ballot: the template's pieces (shared, never changed) with the voter's lines between them. The lines
    /// are this ballot's own memory, written once and never lent or handed back.
    /// </summary>
    private sealed class Ballot(byte[][] pieces, int piecesLength, ReadOnlyMemory<byte> lines, int[] ends) : Utf8Parts
    {
        public override int Length => piecesLength + lines.Length;

        public override void WriteTo(IBufferWriter<byte> writer)
        {
            ArgumentNullException.ThrowIfNull(writer);
            var written = lines.Span;
            var start = 0;
            for (var slot = 0; slot < ends.Length; slot++)
            {
                writer.Write(pieces[slot]);
                writer.Write(written[start..ends[slot]]);
                start = ends[slot];
            }

            writer.Write(pieces[^1]);
        }
    }

    // The same line as VoterDotLines.Idea: the voter's dots, then (results visible) " · #rank · n dot(s)".
    private void WriteIdeas(IReadOnlyList<OptionResult>? results, IReadOnlyList<OptionTally>? tally,
        IReadOnlyDictionary<string, int> mine, ArrayBufferWriter<byte> lines, int[] ends)
    {
        var ideas = _options.Count;
        // On the stack for any board the bot makes (Poll.MaxItems ideas at most); a larger one, if ever read, on the heap.
        Span<int> ranks = ideas <= StackIdeas ? stackalloc int[StackIdeas] : new int[ideas];
        Span<int> counts = ideas <= StackIdeas ? stackalloc int[StackIdeas] : new int[ideas];
        ranks.Clear();
        counts.Clear();
        if (_visible)
        {
            // Two ideas with one id (never made by the bot) would be ranked apart but shown on the first's line alone:
            // ranked as the snapshot ranks them, so the bytes are the typed card's in that case too.
            results ??= _indexOf.Count == ideas ? null : PollSnapshot.Rank(_options, tally!);
            if (results is null)
            {
                Rank(tally!, ranks, counts);
            }
            else
            {
                foreach (var result in results)
                {
                    if (_indexOf.TryGetValue(result.OptionId, out var index) && ranks[index] == 0)
                    {
                        ranks[index] = result.Rank;
                        counts[index] = result.Dots;
                    }
                }
            }
        }

        for (var i = 0; i < ideas; i++)
        {
            lines.Write(_dots[Math.Clamp(mine.GetValueOrDefault(_options[i].Id), 0, Poll.MaxDots)].EncodedUtf8Bytes);
            if (ranks[i] > 0)
            {
                lines.Write(RankMark.EncodedUtf8Bytes);
                WriteNumber(lines, ranks[i]);
                lines.Write(Between.EncodedUtf8Bytes);
                WriteNumber(lines, counts[i]);
                lines.Write((counts[i] == 1 ? OneDot : ManyDots).EncodedUtf8Bytes);
            }

            ends[1 + i] = lines.WrittenCount;
        }
    }

    // PollSnapshot.Rank's order into each idea's place (every id once on the board): most dots first, a tie in the board's
    // order and sharing the rank (1, 1, 3); each idea's dots from its one entry in the counts, 0 without one.
    private void Rank(IReadOnlyList<OptionTally> tally, Span<int> ranks, Span<int> counts)
    {
        var ideas = _options.Count;
        foreach (var counted in tally)
        {
            if (_indexOf.TryGetValue(counted.OptionId, out var index))
            {
                counts[index] = counted.Dots;
            }
        }

        Span<ulong> keys = ideas <= StackIdeas ? stackalloc ulong[StackIdeas] : new ulong[ideas];
        keys = keys[..ideas];
        for (var i = 0; i < ideas; i++)
        {
            keys[i] = ((ulong)((long)int.MaxValue - counts[i]) << 32) | (uint)i;
        }

        keys.Sort();
        for (var i = 0; i < ideas; i++)
        {
            var at = (int)(uint)keys[i];
            var before = i > 0 ? (int)(uint)keys[i - 1] : -1;
            ranks[at] = before >= 0 && counts[before] == counts[at] ? ranks[before] : i + 1;
        }
    }

    private static void WriteNumber(ArrayBufferWriter<byte> lines, int value)
    {
        var span = lines.GetSpan(11);
        if (!value.TryFormat(span, out var length, default, System.Globalization.CultureInfo.InvariantCulture))
        {
            throw new InvalidOperationException("An int did not fit 11 bytes.");
        }

        lines.Advance(length);
    }

    private static JsonEncodedText Encode(string text) => JsonEncodedText.Encode(text, AdaptiveCardJson.Options.Encoder);
}
