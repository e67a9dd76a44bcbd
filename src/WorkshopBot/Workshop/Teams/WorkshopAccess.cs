using Microsoft.Extensions.Options;
using WorkshopBot.Common.Teams;
using WorkshopBot.Protocol.Routing;
using WorkshopBot.Protocol.Schema;
using WorkshopBot.Storage;
using WorkshopBot.Workshop.Domain;
using WorkshopBot.Workshop.Storage;

namespace WorkshopBot.Workshop.Teams;

/// <summary>A poll and the workshop it belongs to.</summary>
public sealed record PollInWorkshop(WorkshopSession Session, Poll Poll);

/// <summary>
/// The one guard of the workshop's screens: loads the workshop (and poll) a card names and checks it against the
/// person who acted, from the activity and never from card data. Each method returns what was found, or the polite
/// refusal: the workshop is gone, the poll belongs to another workshop, the person is not the chair or has not joined.
/// </summary>
public sealed partial class WorkshopAccess(
    WorkshopRepository workshops,
    IWorkshopVoteStore votes,
    IVoterQueries voterQueries,
    KnownVoters known,
    UnitOfWork work,
    IOptions<WorkshopOptions> options)
{
    public async Task<Guarded<WorkshopSession>> WorkshopAsync(Guid workshopId, CancellationToken cancellationToken) =>
        await workshops.GetAsync(workshopId, cancellationToken).ConfigureAwait(false) is { } session
            ? Guarded<WorkshopSession>.Allow(session)
            : Guarded<WorkshopSession>.Refuse(Gone());

    /// <summary>
    /// The workshop for someone joining it, from its own conversation: a workshop belongs to one partnership's tenant
    /// and to the channel or meeting chat it runs in, so card data carried elsewhere (another tenant, a 1:1 chat, another
    /// channel) cannot enrol anyone. A join changes no part of the workshop's document (who joined is the vote store's), so
    /// the workshop is the view shared while it is unchanged (<see cref="WorkshopRepository.ReadOnlyAsync"/>), as for a
    /// vote: 10,000 people joining do not each parse the document again. It must not be changed.
    /// </summary>
    public async Task<Guarded<WorkshopSession>> JoinableAsync(TurnContext turn, Guid workshopId, CancellationToken cancellationToken)
    {
        var found = await workshops.ReadOnlyAsync(workshopId, cancellationToken).ConfigureAwait(false) is { } shared
            ? Guarded<WorkshopSession>.Allow(shared)
            : Guarded<WorkshopSession>.Refuse(Gone());
        return found.Value is { } session
            && ((!string.IsNullOrEmpty(session.Conversation.TenantId)
                    && !string.Equals(session.Conversation.TenantId, turn.TenantId(), StringComparison.OrdinalIgnoreCase))
                || !InItsConversation(turn, session))
                ? Guarded<WorkshopSession>.Refuse(Gone())
                : found;
    }

    /// <summary>
    /// True when the turn comes from the conversation the workshop's cards are posted in (a channel's threads count as
    /// the channel). Joining, ideas, ballots and votes are pressed on those cards only.
    /// </summary>
    public static bool InItsConversation(TurnContext turn, WorkshopSession session)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(session);
        return string.Equals(Base(turn.ConversationId), Base(session.Conversation.ConversationId), StringComparison.Ordinal);
    }

    /// <summary>The conversation without a thread's message id: a channel's threads are the channel.</summary>
    public static string Base(string conversationId)
    {
        var separator = conversationId.IndexOf(";messageid=", StringComparison.OrdinalIgnoreCase);
        return separator > 0 ? conversationId[..separator] : conversationId;
    }

    /// <summary>
    /// The workshop, for its chair, held to the turn's commit (<see cref="WorkshopRepository.HoldAsync"/>): a chair handover
    /// (or any change to the workshop) that lands before the commit sends the turn round again, so a chair replaced while
    /// their press is under way is refused like anyone else, and nothing of theirs is stored or logged.
    /// </summary>
    public Task<Guarded<WorkshopSession>> ChairedAsync(TurnContext turn, Guid workshopId, CancellationToken cancellationToken) =>
        ChairedAsync(turn, workshopId, hold: true, cancellationToken);

    /// <summary>As <see cref="ChairedAsync(TurnContext, Guid, CancellationToken)"/>, for a chair's screen that changes nothing.</summary>
    public Task<Guarded<WorkshopSession>> ChairedToReadAsync(TurnContext turn, Guid workshopId, CancellationToken cancellationToken) =>
        ChairedAsync(turn, workshopId, hold: false, cancellationToken);

    private async Task<Guarded<WorkshopSession>> ChairedAsync(TurnContext turn, Guid workshopId, bool hold,
        CancellationToken cancellationToken)
    {
        var found = hold
            ? await workshops.HoldAsync(workshopId, cancellationToken).ConfigureAwait(false) is { } held
                ? Guarded<WorkshopSession>.Allow(held)
                : Guarded<WorkshopSession>.Refuse(Gone())
            : await WorkshopAsync(workshopId, cancellationToken).ConfigureAwait(false);
        return found.Value is { } session && !session.IsChair(turn.Person()) ? Guarded<WorkshopSession>.Refuse(ChairOnly()) : found;
    }

    /// <summary>
    /// The poll a card names, in the workshop the card names, for a screen that only reads the workshop (a vote, a
    /// ballot), with the person's <see cref="VoterState"/> in the same round trip. The workshop is the view shared by every
    /// turn while it is unchanged (<see cref="WorkshopRepository.ReadOnlyAsync"/>) and must not be changed. The voter's
    /// state is read whatever the answer, from the card's ids, and means nothing unless the poll is allowed.
    /// </summary>
    public async Task<VoterRead> PollAndVoterAsync(TurnContext turn, IPollData card, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(card);
        var (session, version, voter) = await workshops.ReadOnlyAlongAsync(card.WorkshopId,
            voterQueries.VoterQuery(card.WorkshopId, card.PollId, turn.Person().UserId), cancellationToken).ConfigureAwait(false);
        return new(InWorkshop(card, session is null || !InItsConversation(turn, session)
                ? Guarded<WorkshopSession>.Refuse(Gone())
                : Guarded<WorkshopSession>.Allow(session)),
            voter, version);
    }

    private static Guarded<PollInWorkshop> InWorkshop(IPollData card, Guarded<WorkshopSession> found)
    {
        if (found.IsRefused(out var refusal, out var session))
        {
            return Guarded<PollInWorkshop>.Refuse(refusal);
        }

        return session.FindPoll(card.PollId) is { } poll
            ? Guarded<PollInWorkshop>.Allow(new PollInWorkshop(session, poll))
            : Guarded<PollInWorkshop>.Refuse(Reply.Refusal("Not this workshop",
                "That poll is not part of this workshop. Use the buttons on the poll's own card."));
    }

    /// <summary>
    /// The poll, for the workshop's chair, held as <see cref="ChairedAsync(TurnContext, Guid, CancellationToken)"/>. Whether
    /// the person may act is asked before whether the poll is there, so that anyone else learns nothing of the workshop from
    /// the answer ("Not available to you" either way).
    /// </summary>
    public async Task<Guarded<PollInWorkshop>> ChairedPollAsync(TurnContext turn, IPollData card, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(card);
        return InWorkshop(card, await ChairedAsync(turn, card.WorkshopId, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>The poll, for someone who has joined its workshop (adding ideas), asked in the workshop's conversation.</summary>
    public async Task<Guarded<PollInWorkshop>> JoinedPollAsync(TurnContext turn, IPollData card, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(card);
        var session = await WorkshopAsync(card.WorkshopId, cancellationToken).ConfigureAwait(false);
        var found = InWorkshop(card, session.Value is { } here && !InItsConversation(turn, here)
            ? Guarded<WorkshopSession>.Refuse(Gone())
            : session);
        return found.Value is { } target
            && await votes.GetParticipantAsync(target.Session.Id, turn.Person().UserId, cancellationToken).ConfigureAwait(false) is null
                ? Guarded<PollInWorkshop>.Refuse(NotJoined())
                : found;
    }

    /// <summary>The answer when the workshop a card names does not exist (or is not this partnership's).</summary>
    public static InvokeResponse Gone() => Reply.NotAvailable();

    /// <summary>As <see cref="Gone"/>: a card carried elsewhere learns nothing of whether the workshop exists.</summary>
    private static InvokeResponse ChairOnly() => Reply.NotAvailable();

    private static InvokeResponse NotJoined() =>
        Reply.Refusal("Join first", "Press Join on the workshop card before adding ideas or voting.");
}
