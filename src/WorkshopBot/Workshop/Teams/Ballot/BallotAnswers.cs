using System.Runtime.CompilerServices;
using WorkshopBot.Cards;
using WorkshopBot.Common.Teams;
using WorkshopBot.Protocol.Schema;
using WorkshopBot.Workshop.Domain;
using WorkshopBot.Workshop.Storage;

namespace WorkshopBot.Workshop.Teams;

/// <summary>
/// Voters' ballots as the bytes of an answer. An idea board's ballot without a notice or a refresh (a personal ballot,
/// or any ballot in a group larger than card refresh serves) is written from the poll's <see cref="BallotTemplate"/>,
/// kept for as long as the poll as read is; any other is the typed card, serialised.
/// </summary>
public sealed class BallotAnswers
{
    private readonly ConditionalWeakTable<Poll, Kept> _kept = new();

    public byte[] Ballot(WorkshopSession session, PollSnapshot snapshot, IReadOnlyDictionary<string, int> mine, string? notice,
        IReadOnlyList<string> refreshUserIds)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return Templated(session, snapshot.Poll, notice, refreshUserIds) is { } template
            ? template.Write(snapshot, mine)
            : AdaptiveCardJson.SerializeToUtf8Bytes(BallotCard.Ballot(session, snapshot, mine, notice, refreshUserIds));
    }

    /// <summary>
    /// The answer to a vote with the voter's ballot: <c>Reply.Card(Ballot(...))</c>, with a template's ballot written
    /// straight into the answer's bytes.
    /// </summary>
    public InvokeResponse Answer(WorkshopSession session, PollSnapshot snapshot, IReadOnlyDictionary<string, int> mine,
        string? notice, IReadOnlyList<string> refreshUserIds)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return Templated(session, snapshot.Poll, notice, refreshUserIds) is { } template
            ? template.Answer(snapshot, mine)
            : Reply.Card(AdaptiveCardJson.SerializeToUtf8Bytes(BallotCard.Ballot(session, snapshot, mine, notice, refreshUserIds)));
    }

    /// <summary>
    /// The same answer from the voter's own state (<see cref="VoterState.Snapshot"/> of <paramref name="poll"/>): a
    /// template's ballot is ranked from the state's counts as it is written, and only a typed card's needs the snapshot.
    /// </summary>
    public InvokeResponse Answer(WorkshopSession session, Poll poll, VoterState state, string? notice, IReadOnlyList<string> refreshUserIds)
    {
        ArgumentNullException.ThrowIfNull(poll);
        ArgumentNullException.ThrowIfNull(state);
        return Templated(session, poll, notice, refreshUserIds) is { } template
            ? template.Answer(state.Tally, state.Voters, state.Ballot)
            : Reply.Card(AdaptiveCardJson.SerializeToUtf8Bytes(BallotCard.Ballot(session, state.Snapshot(poll), state.Ballot, notice,
                refreshUserIds)));
    }

    /// <summary>The poll's template when its ballot is written from one (an idea board, no notice, no refresh), else null.</summary>
    private BallotTemplate? Templated(WorkshopSession session, Poll poll, string? notice, IReadOnlyList<string> refreshUserIds)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(refreshUserIds);
        return notice is null && BallotCard.Refresh(session, poll, refreshUserIds) is null && poll.Kind == PollKind.IdeaBoard
            ? TemplateOf(session, poll)
            : null;
    }

    private BallotTemplate? TemplateOf(WorkshopSession session, Poll poll)
    {
        if (_kept.TryGetValue(poll, out var kept) && kept.Fits(session, poll))
        {
            return kept.Template;
        }

        // Two turns may make one at once; either is right, and the last one made is kept.
        var made = new Kept(BallotTemplate.Create(session, poll), poll.VotableOptions);
        _kept.AddOrUpdate(poll, made);
        return made.Template;
    }

    // A poll whose template could not be made (a marker not found once) is not tried again while its ideas are the same.
    private sealed record Kept(BallotTemplate? Template, IReadOnlyList<PollOption> Options)
    {
        public bool Fits(WorkshopSession session, Poll poll) =>
            Template?.Fits(session, poll) ?? ReferenceEquals(poll.VotableOptions, Options);
    }
}
