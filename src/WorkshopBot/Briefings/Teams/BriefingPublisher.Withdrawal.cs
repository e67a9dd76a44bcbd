// Taking posts down in place: an older version's post replaced by a newer version's in its channel, and every post of a
// withdrawn briefing. Each is an update of the card the outbox posted, so it lands once that post is there.
using WorkshopBot.Briefings.Domain;
using WorkshopBot.Common;
using WorkshopBot.Common.Teams;
using WorkshopBot.Storage;

namespace WorkshopBot.Briefings.Teams;

/// <summary>
/// What withdrawing did: the withdrawal (or why it was refused), the channels and posts (the briefing's own posts, then its
/// reminders) whose cards now say it was withdrawn, how many channels still hold its Word version in their Files (uploaded
/// before the bot recorded where it keeps such files), and from how many channels' Files the bot is deleting it.
/// </summary>
public sealed record WithdrawReport(DomainResult<BriefingWithdrawal> Result, int Channels, int Posts, int Reminders, int FilesLeft,
    int FilesDeleting = 0);

public sealed partial class BriefingPublisher
{
    /// <summary>Audit-log action: the briefing was withdrawn (versions, channel ids and counts only).</summary>
    public const string Withdrawn = "briefing.withdrawn";

    /// <summary>Audit-log action: a new version's post replaced older posts in a channel (versions, channel id and counts only).</summary>
    public const string PostsReplaced = "briefing.posts.replaced";

    /// <summary>What Retry upload says for a version whose post in that channel was replaced or withdrawn since.</summary>
    public const string NoLongerPosted = "This version is no longer shown in that channel (a newer version was posted there, or the "
        + "briefing was withdrawn), so its Word version is not uploaded.";

    /// <summary>The start of the dedupe key of every reminder posted to a channel (a new thread, one a day at most).</summary>
    public static string ReminderKeyPrefix(Guid auditId, string channelId) => $"briefing:{auditId:N}:remind:{channelId}:";

    /// <summary>
    /// Withdraws every version posted so far (and the approved one): each post of each version, and each reminder, is
    /// updated to a card that says so, without the briefing's text or the discussion button. Discussions already recorded
    /// are kept. What other features copied from the versions withdrawn is cleared in the same unit of work
    /// (<see cref="IBriefingWithdrawalFollower"/>). Refused (<see cref="WithdrawReport.Result"/>) when nothing posted is left
    /// to withdraw.
    /// </summary>
    public async Task<WithdrawReport> WithdrawAsync(Guid auditId, PersonRef by, bool byChair, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(by);
        var changed = await store.ChangeAsync(auditId, r => r.Withdraw(by, byChair, time.GetUtcNow()), cancellationToken)
            .ConfigureAwait(false);
        if (!changed.Saved || changed.Value is not { } record || changed.Result.Value is not { } withdrawal)
        {
            return new WithdrawReport(changed.Result, 0, 0, 0, 0);
        }

        foreach (var follower in followers)
        {
            await follower.WithdrawnAsync(record, withdrawal, by, cancellationToken).ConfigureAwait(false);
        }

        var channels = new SortedSet<string>(StringComparer.Ordinal);
        var versions = new SortedSet<int>();
        var takenDown = new TakenDown();
        var updated = 0;
        foreach (var post in record.Publications)
        {
            if (await FailedForGoodAsync(post, cancellationToken).ConfigureAwait(false))
            {
                continue; // Never posted: there is no card to take down.
            }

            var card = CardMessage.Create(DiscussionCard.Withdrawn(record.WithdrawalOf(post.Version) ?? withdrawal));
            takenDown.Add(post.PostKey, outbox.UpdatePosted(post.ServiceUrl, post.TenantId, post.PostKey, card,
                $"{PostDedupeKey(auditId, post.Version, post.ChannelId, post.Attempt)}:withdrawn", Correlation(auditId)));
            channels.Add(post.ChannelId);
            versions.Add(post.Version);
            updated++;
        }

        var reminders = 0;
        foreach (var reminder in await RemindersAsync(auditId, null, cancellationToken).ConfigureAwait(false))
        {
            takenDown.Add(reminder.DedupeKey, outbox.UpdatePosted(reminder.ServiceUrl, reminder.TenantId, reminder.DedupeKey,
                CardMessage.Create(DiscussionCard.Withdrawn(withdrawal)), reminder.DedupeKey + ":withdrawn", Correlation(auditId)));
            reminders++;
        }

        takenDown.GiveUpTheRest(work, time.GetUtcNow());

        var (deleting, left) = await QueueWithdrawnFilesAsync(record, withdrawal, cancellationToken).ConfigureAwait(false);
        await trail.RecordAsync(by, Withdrawn, "briefing", auditId, new
        {
            through = withdrawal.ThroughVersion, versions, channels, posts = updated, reminders, filesDeleted = deleting, filesLeft = left,
            byChair,
        }, cancellationToken).ConfigureAwait(false);
        return new WithdrawReport(changed.Result, channels.Count, updated, reminders, left, deleting);
    }

    /// <summary>
    /// Replaces, in <paramref name="newer"/>'s channel, the card of every older version's post and of every reminder there with
    /// one that says a newer version was posted (no text, no discussion button). Posts already withdrawn keep saying so.
    /// </summary>
    private async Task ReplaceOlderPostsAsync(BriefingRecord record, ChannelPublication newer, PersonRef by,
        CancellationToken cancellationToken)
    {
        var auditId = record.AuditId;
        var card = CardMessage.Create(DiscussionCard.Replaced(newer.Version, newer.PostedAt));
        var versions = new SortedSet<int>();
        var takenDown = new TakenDown();
        var older = record.Publications.Where(p => string.Equals(p.ChannelId, newer.ChannelId, StringComparison.Ordinal)
            && p.Version < newer.Version && record.WithdrawalOf(p.Version) is null);
        foreach (var post in older)
        {
            if (!await FailedForGoodAsync(post, cancellationToken).ConfigureAwait(false))
            {
                takenDown.Add(post.PostKey, outbox.UpdatePosted(post.ServiceUrl, post.TenantId, post.PostKey, card,
                    $"{PostDedupeKey(auditId, post.Version, post.ChannelId, post.Attempt)}:replaced", Correlation(auditId)));
                versions.Add(post.Version);
            }
        }

        var reminders = 0;
        foreach (var reminder in await RemindersAsync(auditId, newer.ChannelId, cancellationToken).ConfigureAwait(false))
        {
            takenDown.Add(reminder.DedupeKey, outbox.UpdatePosted(reminder.ServiceUrl, reminder.TenantId, reminder.DedupeKey, card,
                reminder.DedupeKey + ":replaced", Correlation(auditId)));
            reminders++;
        }

        takenDown.GiveUpTheRest(work, time.GetUtcNow());

        if (versions.Count > 0 || reminders > 0)
        {
            await trail.RecordAsync(by, PostsReplaced, "briefing", auditId,
                new { version = newer.Version, channelId = newer.ChannelId, replaced = versions, reminders }, cancellationToken)
                .ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The reminders posted (or on their way) to <paramref name="channelId"/>, or to every channel when null, that have not
    /// been withdrawn already.
    /// </summary>
    private async Task<IReadOnlyList<OutboxMessage>> RemindersAsync(Guid auditId, string? channelId, CancellationToken cancellationToken)
    {
        var prefix = channelId is null ? $"briefing:{auditId:N}:remind:" : ReminderKeyPrefix(auditId, channelId);
        var messages = await posts.ListByCorrelationAsync(Correlation(auditId), cancellationToken).ConfigureAwait(false);
        var withdrawn = messages.Where(m => m.Kind == OutboxKind.Update && m.DedupeKey.EndsWith(":withdrawn", StringComparison.Ordinal))
            .Select(m => m.UpdateOfKey).ToHashSet(StringComparer.Ordinal);
        return messages
            .Where(m => m.Kind == OutboxKind.CreateChannelThread && m.DedupeKey.StartsWith(prefix, StringComparison.Ordinal)
                && m.Status is not (OutboxStatus.Failed or OutboxStatus.Blocked) && !withdrawn.Contains(m.DedupeKey))
            .ToList();
    }

    /// <summary>
    /// The posts and reminders whose cards are being taken down, and the updates that take them down. Whatever else is still
    /// queued to post or update them (a file link, a reminder, an earlier card) is given up in the same unit of work, and
    /// what it said forgotten at once (see <see cref="IOutboxStore.WithdrawUnsentAsync"/>). The outbox would not let an
    /// earlier update of a card land after the take-down anyway (<see cref="IOutboxStore.TakeUpdateTurnAsync"/>), but a
    /// reminder not yet posted is a card of its own.
    /// </summary>
    private sealed class TakenDown
    {
        private readonly List<string> _posted = [];
        private readonly List<string> _updates = [];

        public void Add(string postedKey, string updateKey)
        {
            _posted.Add(postedKey);
            _updates.Add(updateKey);
        }

        public void GiveUpTheRest(UnitOfWork work, DateTimeOffset now)
        {
            if (_posted.Count > 0)
            {
                work.Store.WithdrawUnsent(_posted, _updates, now);
            }
        }
    }
}
