using Microsoft.Extensions.Options;
using WorkshopBot.Audits.Domain;
using WorkshopBot.Audits.Storage;
using WorkshopBot.Cards;
using WorkshopBot.Common;
using WorkshopBot.Common.Teams;
using WorkshopBot.Outbox;
using WorkshopBot.Storage;

namespace WorkshopBot.Audits.Teams;

/// <summary>
/// Posts the returns tracker to the chair's conversation through the outbox and keeps it up to date in place: updates
/// name the posting message by its dedupe key, and the outbox sends them once the post is delivered.
/// </summary>
public sealed class TrackerService(
    AuditStore store,
    ToolDelivery delivery,
    IOutbox outbox,
    IConversationStore conversations,
    IOptions<AuditOptions> options,
    TimeProvider time)
{
    /// <summary>The tracker card as it stands now, with an optional message at the top.</summary>
    public async Task<AdaptiveCard> CardAsync(Audit audit, string? message, Tone tone, CancellationToken ct)
    {
        var returns = await store.ListReturnsAsync(audit.Id, ct).ConfigureAwait(false);
        var view = ReturnsTracker.Build(audit, returns.Select(r => r.Value), time);
        var channel = (await store.GetChannelAsync(audit.Id, ct).ConfigureAwait(false))?.Value;
        var delivered = channel is null ? DeliverySummary.None : await delivery.SummaryAsync(audit, channel, ct).ConfigureAwait(false);
        return TrackerCard.Tracker(audit, view, delivered, time.GetUtcNow(), message, tone);
    }

    /// <summary>
    /// What the chair is told when the bot was removed from the audit's channel: nothing is queued for a channel that would
    /// refuse it, and the tracker stays on the audit's own cards.
    /// </summary>
    public const string ChannelInactive = "WorkshopBot can no longer post in this audit's channel (usually because it was removed from the "
        + "team or the channel), so the returns tracker there was not posted or updated. Please add WorkshopBot back to that team, "
        + "or ask your Teams administrator, to keep the tracker there; until then, follow the returns here with Tracker.";

    /// <summary>The chair's message, with <see cref="ChannelInactive"/> added when the tracker could not be posted or updated.</summary>
    public static string WithChannelNote(string message, bool reached) => reached ? message : $"{message} {ChannelInactive}";

    /// <summary>
    /// Posts the tracker once (dedupe) to the conversation where the chair set the audit up. False when the bot was removed
    /// from that conversation: nothing is queued (see <see cref="ChannelInactive"/>).
    /// </summary>
    public async Task<bool> PostAsync(Audit audit, CancellationToken ct)
    {
        var channel = (await store.GetChannelAsync(audit.Id, ct).ConfigureAwait(false))?.Value;
        if (channel is null || channel.TrackerPostKey is not null)
        {
            return true;
        }

        var conversation = await conversations.GetAsync(channel.ConversationId, ct).ConfigureAwait(false);
        if (!ShownIn(conversation, audit))
        {
            // Set up in the 1:1 chat of a chair who has handed the audit over: not posted there (see ShownIn).
            return true;
        }

        if (conversation is not { Active: true } || conversation.IsOfAnotherTenant(channel.TenantId))
        {
            // Another organisation's conversation is, for this audit, not there: the tracker names its cases and agencies.
            return conversation is null || conversation.Active;
        }

        var card = await CardAsync(audit, null, Tone.Info, ct).ConfigureAwait(false);
        var key = outbox.Send(conversation, CardMessage.Create(card), AuditMessageKey.TrackerPost(audit.Id).ToString(),
            AuditMessenger.Correlation(audit.Id));
        await store.ChangeChannelAsync(audit.Id, c => c.TrackerPostKey = key, ct).ConfigureAwait(false);
        return true;
    }

    /// <summary>
    /// Whether the posted tracker is behind and the audit job should bring it up to date, at whatever stage the audit is:
    /// an update was held back because the post had been updated moments before (<see cref="AuditChannel.TrackerStale"/>),
    /// or the due time has passed since the post was last updated, so its outstanding cells now read "Late". Once it has
    /// been updated after the due time it is not behind for that time again; an extended due date passes in its turn.
    /// </summary>
    public static bool IsBehind(Audit audit, AuditChannel channel, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(audit);
        ArgumentNullException.ThrowIfNull(channel);
        if (channel.TrackerPostKey is null)
        {
            return false;
        }

        // A post never updated was made when the audit was issued, before its due time.
        var duePassedSinceUpdate = audit.ReturnsDueAt is { } due && now > due && (channel.TrackerUpdatedAt is not { } last || last <= due);
        return channel.TrackerStale || duePassedSinceUpdate;
    }

    /// <summary>
    /// Replaces the posted tracker with the current state. Marks it stale instead when it was updated moments ago; the
    /// background job brings a stale tracker up to date (see <see cref="IsBehind"/>), whatever the audit's stage. False when
    /// the bot was removed from the tracker's channel: no update is queued (a stale mark stays, so the tracker is brought up
    /// to date if the bot is added back).
    /// </summary>
    public async Task<bool> RefreshAsync(Guid auditId, CancellationToken ct)
    {
        var channel = (await store.GetChannelAsync(auditId, ct).ConfigureAwait(false))?.Value;
        var audit = (await store.GetAuditAsync(auditId, ct).ConfigureAwait(false))?.Value;
        if (channel?.TrackerPostKey is not { } postKey || audit is null)
        {
            return true;
        }

        var conversation = await conversations.GetAsync(channel.ConversationId, ct).ConfigureAwait(false);
        if (!ShownIn(conversation, audit))
        {
            // Taken down at the handover (TakeDownAfterHandoverAsync): never drawn again in the chat of a chair before.
            return true;
        }

        if (conversation is { Active: false })
        {
            return false;
        }

        var now = time.GetUtcNow();
        if (channel.TrackerUpdatedAt is { } last && now - last < options.Value.TrackerMinInterval)
        {
            await store.ChangeChannelAsync(auditId, c => c.TrackerStale = true, ct).ConfigureAwait(false);
            return true;
        }

        var card = await CardAsync(audit, null, Tone.Info, ct).ConfigureAwait(false);
        var updated = await store.ChangeChannelAsync(auditId, c =>
        {
            c.TrackerRevision++;
            c.TrackerStale = false;
            c.TrackerUpdatedAt = now;
        }, ct).ConfigureAwait(false);
        outbox.UpdatePosted(channel.ServiceUrl, channel.TenantId, postKey, CardMessage.Create(card),
            AuditMessageKey.TrackerUpdate(auditId, updated!.TrackerRevision).ToString(), AuditMessenger.Correlation(auditId));
        return true;
    }

    /// <summary>
    /// False for a 1:1 chat that is not the chat of the audit's chair as it stands: the chair before set the audit up in
    /// theirs and has handed it over since. The tracker names the audit's cases, agencies and representatives and how far each
    /// return is, which is no longer theirs to follow, so it is neither posted nor updated there. A channel shows it whoever
    /// chairs; a chat of unknown owner shows it until the first handover.
    /// </summary>
    public static bool ShownIn(ConversationRecord? conversation, Audit audit)
    {
        ArgumentNullException.ThrowIfNull(audit);
        return conversation is not { Kind: ConversationKind.Personal } personal
            || (personal.UserAadObjectId is { Length: > 0 } owner
                ? string.Equals(owner, audit.Chair.UserId, StringComparison.OrdinalIgnoreCase)
                : audit.ChairHandovers.Count == 0);
    }

    /// <summary>
    /// Whether the audit was set up in the 1:1 chat of a chair before (<see cref="ShownIn"/> is false for the chair as it
    /// stands): its tracker is neither posted nor updated there, and posted nowhere else, so the chair follows the returns
    /// on the Tracker screen (the new chair's notice says so). False for a channel, or an audit with no conversation on record.
    /// </summary>
    public async Task<bool> InAnotherChairsChatAsync(Audit audit, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(audit);
        var channel = (await store.GetChannelAsync(audit.Id, ct).ConfigureAwait(false))?.Value;
        return channel is not null && !ShownIn(await conversations.GetAsync(channel.ConversationId, ct).ConfigureAwait(false), audit);
    }

    /// <summary>What the tracker in the 1:1 chat of a chair who handed the audit over says once taken down: nothing of the audit.</summary>
    public static string HandedOverText(DateTimeOffset at) =>
        $"This was removed on {Moments.Day(at)}, when the chair of the audit was handed over. The new chair follows the returns now.";

    /// <summary>
    /// After the chair was handed over (<paramref name="after"/>): a tracker posted in a 1:1 chat no longer shown there
    /// (<see cref="ShownIn"/>) is taken down, in the handover's unit of work, by an update to a card that says why and shows
    /// nothing of the audit, as the retention purge takes a card down. The tracker's post key and that update's key, for the
    /// handover to give up whatever else was still queued to post or update it; nothing when there is nothing to take down.
    /// </summary>
    public async Task<WorkHandedOver> TakeDownAfterHandoverAsync(Audit after, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(after);
        var channel = (await store.GetChannelAsync(after.Id, ct).ConfigureAwait(false))?.Value;
        if (channel?.TrackerPostKey is not { } postKey
            || ShownIn(await conversations.GetAsync(channel.ConversationId, ct).ConfigureAwait(false), after))
        {
            return WorkHandedOver.Nothing(0);
        }

        var now = time.GetUtcNow();
        var updated = await store.ChangeChannelAsync(after.Id, c =>
        {
            c.TrackerRevision++;
            c.TrackerStale = false;
            c.TrackerUpdatedAt = now;
        }, ct).ConfigureAwait(false);
        var card = NoticeCard.Create("Removed", HandedOverText(now), Tone.Info);
        var update = outbox.UpdatePosted(channel.ServiceUrl, channel.TenantId, postKey, CardMessage.Create(card),
            AuditMessageKey.TrackerUpdate(after.Id, updated!.TrackerRevision).ToString(), AuditMessenger.Correlation(after.Id));
        return new WorkHandedOver(0, 0, [postKey], [update]);
    }
}
