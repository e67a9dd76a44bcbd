using System.Diagnostics.CodeAnalysis;
using WorkshopBot.Common.Teams;
using WorkshopBot.Protocol.Routing;
using WorkshopBot.Protocol.Schema;
using WorkshopBot.Workshop.Domain;
using WorkshopBot.Workshop.Storage;

namespace WorkshopBot.Workshop.Teams;

/// <summary>A poll and the workshop it belongs to.</summary>
public sealed record PollInWorkshop(WorkshopSession Session, Poll Poll);

/// <summary>What a card names, loaded and checked for the person who acted, or the refusal to answer with instead.</summary>
public sealed class Found<T>
    where T : class
{
    private Found(T? value, InvokeResponse? refusal)
    {
        Value = value;
        Refusal = refusal;
    }

    public T? Value { get; }

    public InvokeResponse? Refusal { get; }

    public static Found<T> Ok(T value) => new(value ?? throw new ArgumentNullException(nameof(value)), null);

    public static Found<T> Refused(InvokeResponse refusal) => new(null, refusal ?? throw new ArgumentNullException(nameof(refusal)));

    /// <summary>True with the refusal to answer with; false with what was found.</summary>
    public bool IsRefused([NotNullWhen(true)] out InvokeResponse? refusal, [NotNullWhen(false)] out T? value)
    {
        refusal = Refusal;
        value = Value;
        return Refusal is not null;
    }
}

/// <summary>
/// The one guard of the workshop's screens: loads the workshop (and poll) a card names and checks it against the
/// person who acted, from the activity and never from card data. Each method returns what was found, or the polite
/// refusal: the workshop is gone, the poll belongs to another workshop, the person is not the chair or has not joined.
/// </summary>
public sealed class WorkshopAccess(WorkshopRepository workshops, IWorkshopVoteStore votes)
{
    public async Task<Found<WorkshopSession>> WorkshopAsync(Guid workshopId, CancellationToken cancellationToken) =>
        await workshops.GetAsync(workshopId, cancellationToken).ConfigureAwait(false) is { } session
            ? Found<WorkshopSession>.Ok(session)
            : Found<WorkshopSession>.Refused(Gone());

    /// <summary>
    /// The workshop for someone joining it: a workshop belongs to one partnership's tenant, so card data carried
    /// elsewhere cannot enrol an outsider.
    /// </summary>
    public async Task<Found<WorkshopSession>> JoinableAsync(TurnContext turn, Guid workshopId, CancellationToken cancellationToken)
    {
        var found = await WorkshopAsync(workshopId, cancellationToken).ConfigureAwait(false);
        return found.Value is { } session
            && !string.IsNullOrEmpty(session.Conversation.TenantId)
            && !string.Equals(session.Conversation.TenantId, turn.TenantId(), StringComparison.OrdinalIgnoreCase)
                ? Found<WorkshopSession>.Refused(Gone())
                : found;
    }

    public async Task<Found<WorkshopSession>> ChairedAsync(TurnContext turn, Guid workshopId, CancellationToken cancellationToken)
    {
        var found = await WorkshopAsync(workshopId, cancellationToken).ConfigureAwait(false);
        return found.Value is { } session && !session.IsChair(turn.Person()) ? Found<WorkshopSession>.Refused(ChairOnly()) : found;
    }

    public async Task<Found<PollInWorkshop>> PollAsync(Guid workshopId, string pollId, CancellationToken cancellationToken)
    {
        var found = await WorkshopAsync(workshopId, cancellationToken).ConfigureAwait(false);
        if (found.IsRefused(out var refusal, out var session))
        {
            return Found<PollInWorkshop>.Refused(refusal);
        }

        return session.FindPoll(pollId) is { } poll
            ? Found<PollInWorkshop>.Ok(new PollInWorkshop(session, poll))
            : Found<PollInWorkshop>.Refused(Reply.Refusal("Not this workshop",
                "That poll is not part of this workshop. Use the buttons on the poll's own card."));
    }

    public async Task<Found<PollInWorkshop>> ChairedPollAsync(TurnContext turn, Guid workshopId, string pollId,
        CancellationToken cancellationToken)
    {
        var found = await PollAsync(workshopId, pollId, cancellationToken).ConfigureAwait(false);
        return found.Value is { } target && !target.Session.IsChair(turn.Person()) ? Found<PollInWorkshop>.Refused(ChairOnly()) : found;
    }

    /// <summary>The poll, for someone who has joined its workshop (adding ideas).</summary>
    public async Task<Found<PollInWorkshop>> JoinedPollAsync(TurnContext turn, Guid workshopId, string pollId,
        CancellationToken cancellationToken)
    {
        var found = await PollAsync(workshopId, pollId, cancellationToken).ConfigureAwait(false);
        return found.Value is { } target
            && await votes.GetParticipantAsync(target.Session.Id, turn.Person().UserId, cancellationToken).ConfigureAwait(false) is null
                ? Found<PollInWorkshop>.Refused(NotJoined())
                : found;
    }

    /// <summary>The answer when the workshop a card names does not exist (or is not this partnership's).</summary>
    public static InvokeResponse Gone() =>
        Reply.Refusal("Workshop not found", "This workshop no longer exists. Ask the chair to start it again.");

    private static InvokeResponse ChairOnly() =>
        Reply.Refusal("For the chair", "Only the audit's chair can do that. Your vote and ideas are unaffected.");

    private static InvokeResponse NotJoined() =>
        Reply.Refusal("Join first", "Press Join on the workshop card before adding ideas or voting.");
}
