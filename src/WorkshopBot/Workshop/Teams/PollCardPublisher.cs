using System.Text.Json;
using Microsoft.Extensions.Options;
using WorkshopBot.Cards;
using WorkshopBot.Common;
using WorkshopBot.Common.Storage;
using WorkshopBot.Common.Teams;
using WorkshopBot.Conversations;
using WorkshopBot.Outbox;
using WorkshopBot.Protocol.Connector;
using WorkshopBot.Protocol.Routing;
using WorkshopBot.Protocol.Schema;
using WorkshopBot.Storage;
using WorkshopBot.Workshop.Domain;
using WorkshopBot.Workshop.Jobs;
using WorkshopBot.Workshop.Storage;

namespace WorkshopBot.Workshop.Teams;

/// <summary>
/// Renders the workshop's card and its polls' cards and puts them in the conversation: posted with the chair's turn
/// (stored with it, delivered right after it), their outbox keys kept, then updated in place. Live count updates go
/// straight to the connector (its per-conversation limiter caps bursts, and <see cref="LiveCardCoalescer"/> sends at
/// most one a second), because each is superseded by the next and a durable queue would only deliver stale counts late.
/// Cards that must arrive (the card as a phase change left it, e.g. the closed poll's final result) go through the outbox
/// with a dedupe key, and a live update repeats one only after its own send failed (that send may have reached Teams after
/// it). A live update that a phase change's card may have preceded into Teams puts that card back (see PutBackAsync).
/// Nothing is sent or queued for a conversation the bot was removed from (marked inactive), and nothing is sent live to an
/// organisation taken off <c>WorkshopBot:AllowedTenants</c>.
/// </summary>
public sealed class PollCardPublisher(
    WorkshopRepository workshops,
    DocumentChanges documents,
    IWorkshopVoteStore votes,
    IConnectorClient connector,
    IOutbox outbox,
    IOutboxStore posts,
    IConversationStore conversations,
    ConversationServiceUrls serviceUrls,
    Hosting.TenantGate tenants,
    IOptions<WorkshopOptions> options) : IPollCardSender
{
    /// <summary>Posts the workshop's card with the turn and keeps its key, so the participant count updates it.</summary>
    public async Task<WorkshopSession> PostWorkshopCardAsync(TurnContext turn, WorkshopSession session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(session);
        var key = outbox.Reply(turn, CardMessage.Create(StartCard.Workshop(session, 0)), $"workshop:{session.Id:N}:card");
        return await AttachAsync(session, s => s.AttachCard(key), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Posts a new poll's card with the turn and keeps its key, so votes update it in place.</summary>
    public async Task<WorkshopSession> PostPollCardAsync(TurnContext turn, WorkshopSession session, Poll poll,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(poll);
        var key = outbox.Reply(turn, CardMessage.Create(await RenderAsync(session, poll, cancellationToken).ConfigureAwait(false)),
            $"workshop:{session.Id:N}:poll:{poll.Id}:card");
        return await AttachAsync(session, s => s.FindPoll(poll.Id)!.AttachCard(key), cancellationToken).ConfigureAwait(false);
    }

    public async Task SendAsync(Guid workshopId, string pollId, bool afterFailure, CancellationToken cancellationToken)
    {
        // The durable updates are read before the workshop: a phase change committed after this read (its card drawn
        // from a poll this render does not see) shows up in the second read below.
        var durableBefore = pollId.Length == 0 ? [] : await DurableUpdatesAsync(pollId, cancellationToken).ConfigureAwait(false);
        var session = await workshops.GetAsync(workshopId, cancellationToken).ConfigureAwait(false);
        if (session is not null && tenants.NoLongerServes(session.TenantId ?? session.Conversation.TenantId))
        {
            // An organisation taken off WorkshopBot:AllowedTenants gets nothing more; a live count is stale by the next
            // vote, so it is dropped, not held (its votes are refused at the door anyway).
            return;
        }

        var record = session is null ? null : await serviceUrls.RecordOfAsync(session.Conversation.ConversationId, null,
            session.Conversation.TenantId, cancellationToken).ConfigureAwait(false);
        if (record is { Active: false })
        {
            // The bot was removed from the workshop's channel: Teams would refuse the update. Checked here, where the
            // coalescer sends (at most once an interval per card), never in a vote's turn.
            return;
        }

        // The channel's serviceUrl as the bot last heard it; the one the workshop was started with when none is stored.
        var serviceUrl = record?.ServiceUrl ?? session?.Conversation.ServiceUrl ?? "";
        if (pollId.Length == 0)
        {
            await SendWorkshopCardAsync(session, serviceUrl, cancellationToken).ConfigureAwait(false);
            return;
        }

        var poll = session?.FindPoll(pollId);
        if (session is null || await PostedAsync(poll?.CardPostKey, cancellationToken).ConfigureAwait(false) is not { } posted)
        {
            return;
        }

        var card = AdaptiveCardJson.ToJsonElement(await RenderAsync(session, poll!, cancellationToken).ConfigureAwait(false));
        var last = LastOf(durableBefore, poll!);
        if (!afterFailure && last is { Status: OutboxStatus.Pending or OutboxStatus.InFlight or OutboxStatus.Sent }
            && CardOf(last) is { } queued && JsonElement.DeepEquals(queued, card))
        {
            // The last update a phase change queued is this very card: the outbox sends it (or has). Not after a failed
            // send of this card, which may have reached Teams after it; nor when the outbox gave up on it.
            return;
        }

        await connector.UpdateActivityAsync(serviceUrl, posted.ConversationId, posted.ActivityId,
            CardActivity(session, posted.ActivityId, card), cancellationToken).ConfigureAwait(false);
        await PutBackAsync(session, serviceUrl, posted, poll!, last, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// A phase change (a close, say) committed while the card just sent was drawn may have had its card reach Teams before
    /// that one landed, which would leave the poll showing open: the phase change's card is put back. Any card the outbox
    /// may have put in Teams counts: in flight (its card may have reached Teams while the outbox, on this instance or
    /// another, has yet to record it), sent, or recorded as failed or retried after an attempt that began (Teams may have
    /// applied it and answered late or with an error). After each put-back the outbox is read again: a newer phase change
    /// (the chair reopening within a round trip of the close) whose card may have landed before the put-back is put back
    /// in its turn, so the last card to land is the newest phase change's. One still not settled after a few goes is
    /// left to the coalescer, which draws the card again at the next slot.
    /// </summary>
    private async Task PutBackAsync(WorkshopSession session, string serviceUrl, (string ConversationId, string ActivityId) posted,
        Poll poll, OutboxMessage? shown, CancellationToken cancellationToken)
    {
        for (var round = 0; ; round++)
        {
            var after = LastOf(await DurableUpdatesAsync(poll.Id, cancellationToken).ConfigureAwait(false), poll);
            if (after is null || after.Id == shown?.Id || !MayHaveLanded(after) || CardOf(after) is not { } overtaken)
            {
                return;
            }

            if (round == MaxPutBacks)
            {
                throw new InvalidOperationException("The poll's phase kept changing while its card was put back.");
            }

            await connector.UpdateActivityAsync(serviceUrl, posted.ConversationId, posted.ActivityId,
                CardActivity(session, posted.ActivityId, overtaken), cancellationToken).ConfigureAwait(false);
            shown = after;
        }
    }

    /// <summary>How many phase changes in a row one live update puts back before it leaves the rest to the next slot.</summary>
    private const int MaxPutBacks = 3;

    /// <summary>
    /// Whether a phase change's card may be in Teams: not while it waits for its first attempt (it lands after whatever
    /// this instance has sent), nor when Teams refused to let the bot write there.
    /// </summary>
    private static bool MayHaveLanded(OutboxMessage update) => update.Status switch
    {
        OutboxStatus.InFlight or OutboxStatus.Sent or OutboxStatus.Failed => true,
        OutboxStatus.Pending => update.AttemptStartedAt is not null,
        _ => false,
    };

    private async Task<IReadOnlyList<OutboxMessage>> DurableUpdatesAsync(string pollId, CancellationToken cancellationToken) =>
        await posts.ListByCorrelationAsync(DurableCorrelation(pollId), cancellationToken).ConfigureAwait(false);

    /// <summary>The last update a phase change queued for the poll's posted card, if any.</summary>
    private static OutboxMessage? LastOf(IReadOnlyList<OutboxMessage> durable, Poll poll) =>
        durable.LastOrDefault(m => m.Kind == OutboxKind.Update && m.UpdateOfKey == poll.CardPostKey);

    /// <summary>The card a queued update carries (its one attachment's content), or null.</summary>
    private static JsonElement? CardOf(OutboxMessage message)
    {
        using var payload = JsonDocument.Parse(message.PayloadJson);
        return payload.RootElement.TryGetProperty("attachments", out var attachments)
            && attachments.ValueKind == JsonValueKind.Array
            && attachments.GetArrayLength() == 1
            && attachments[0].TryGetProperty("content", out var content)
                ? content.Clone()
                : null;
    }

    /// <summary>Groups the durable updates of one poll's card in the outbox.</summary>
    public static string DurableCorrelation(string pollId) => "workshop-card:" + pollId;

    /// <summary>Where a card the outbox posted landed; null while it is still on its way (the next change updates it).</summary>
    private async Task<(string ConversationId, string ActivityId)?> PostedAsync(string? postKey, CancellationToken cancellationToken)
    {
        var message = postKey is null ? null : await posts.FindByDedupeKeyAsync(postKey, cancellationToken).ConfigureAwait(false);
        return message is { Status: OutboxStatus.Sent, SentActivityId: { } activityId }
            ? (message.ResultConversationId ?? message.ConversationId ?? "", activityId)
            : null;
    }

    /// <summary>False when the bot was removed from the workshop's conversation (a conversation not stored counts as active).</summary>
    private async Task<bool> ActiveAsync(WorkshopSession session, CancellationToken cancellationToken) =>
        await conversations.GetAsync(ConversationTracker.KeyOf(session.Conversation.ConversationId), cancellationToken)
            .ConfigureAwait(false) is not { Active: false };

    /// <summary>The poll id that stands for the workshop's own card (its participant count) in the coalescer.</summary>
    public const string WorkshopCard = "";

    private async Task SendWorkshopCardAsync(WorkshopSession? session, string serviceUrl, CancellationToken cancellationToken)
    {
        if (session is null || await PostedAsync(session.CardPostKey, cancellationToken).ConfigureAwait(false) is not { } posted)
        {
            return;
        }

        var participants = await votes.CountParticipantsAsync(session.Id, cancellationToken).ConfigureAwait(false);
        await connector.UpdateActivityAsync(serviceUrl, posted.ConversationId, posted.ActivityId,
            CardActivity(session, posted.ActivityId, StartCard.Workshop(session, participants)),
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Queues the card as it stands after a phase change (closed, reopened, reset), so it survives a restart. With
    /// <paramref name="cleared"/> (a reset committing with this turn), the card shows no votes.
    /// </summary>
    public async Task SendDurableAsync(WorkshopSession session, Poll poll, string change, CancellationToken cancellationToken,
        bool cleared = false)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(poll);
        if (poll.CardPostKey is null || !await ActiveAsync(session, cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        var card = await RenderAsync(session, poll, cancellationToken, cleared).ConfigureAwait(false);
        var conversation = session.Conversation;
        outbox.UpdatePosted(conversation.ServiceUrl, conversation.TenantId, poll.CardPostKey, CardMessage.Create(card),
            $"workshop:{poll.Id}:{change}:{poll.Openings}:{poll.Resets}", DurableCorrelation(poll.Id));
    }

    public async Task<AdaptiveCard> RenderAsync(WorkshopSession session, Poll poll, CancellationToken cancellationToken,
        bool cleared = false)
    {
        var snapshot = await votes.SnapshotAsync(session, poll, cancellationToken).ConfigureAwait(false);
        if (cleared)
        {
            snapshot = PollSnapshot.Of(poll, [], 0, snapshot.Participants);
        }

        return PollsCard.Posted(session, snapshot, await RefreshUserIdsAsync(session, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>The most people a card refresh reaches; in larger groups each person's ballot answers their own Vote press.</summary>
    public int MaxRefreshUsers => Math.Min(options.Value.MaxRefreshUsers, CardRefresh.MaxUserIds);

    /// <summary>
    /// Everyone who joined, when they fit in a card refresh; nobody otherwise (their ballot is the answer to pressing Vote
    /// on the shared card, which Teams shows to the person who pressed only).
    /// </summary>
    public async Task<IReadOnlyList<string>> RefreshUserIdsAsync(WorkshopSession session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        var max = MaxRefreshUsers;
        var participants = await votes.ListParticipantsAsync(session.Id, cancellationToken, max + 1).ConfigureAwait(false);
        return participants.Count <= max ? participants.Select(p => p.ChannelUserId).ToList() : [];
    }

    private async Task<WorkshopSession> AttachAsync(WorkshopSession session, Action<WorkshopSession> attach,
        CancellationToken cancellationToken)
    {
        var attached = await documents.ChangeAsync(WorkshopRepository.Kind, WorkshopRepository.KeyOf(session.Id), s =>
        {
            attach(s);
            return DomainResult.Ok;
        }, cancellationToken).ConfigureAwait(false);
        return attached.Value ?? session;
    }

    /// <summary>The update of a card posted earlier: its activity id, and the conversation it is in.</summary>
    private static Activity CardActivity(WorkshopSession session, string activityId, AdaptiveCard card) =>
        CardActivity(session, activityId, AdaptiveCardJson.ToJsonElement(card));

    private static Activity CardActivity(WorkshopSession session, string activityId, JsonElement card) => new()
    {
        Type = ActivityTypes.Message,
        Id = activityId,
        Conversation = new ConversationAccount { Id = session.Conversation.ConversationId, TenantId = session.Conversation.TenantId },
        Attachments = [Attachment.AdaptiveCard(card)],
    };
}
