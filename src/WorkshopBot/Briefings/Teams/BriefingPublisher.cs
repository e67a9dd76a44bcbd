using Microsoft.Extensions.Options;
using WorkshopBot.Briefings.Domain;
using WorkshopBot.Briefings.Jobs;
using WorkshopBot.Briefings.Storage;
using WorkshopBot.Cards;
using WorkshopBot.Common;
using WorkshopBot.Common.Storage;
using WorkshopBot.Common.Teams;
using WorkshopBot.Outbox;
using WorkshopBot.Protocol.Schema;
using WorkshopBot.Storage;

namespace WorkshopBot.Briefings.Teams;

/// <summary>What publishing did per channel, the chosen channels the bot no longer knows, and whether it was all recorded.</summary>
public sealed record PublishReport(IReadOnlyList<PublishOutcome> Outcomes, IReadOnlyList<string> Unknown, bool Saved);

/// <summary>
/// How many channels a reminder is on its way to (null when the reminders could not be recorded), how many were not
/// reminded because the bot was removed from them, and how many because the briefing's post there failed for good.
/// </summary>
public sealed record RemindReport(int? Reminded, int Unreachable, int Undelivered = 0);

/// <summary>A second upload's result, whether the channel's post now links to the file, and whether it was recorded.</summary>
public sealed record UploadRetryReport(FileUploadResult Result, bool LinkAdded, bool Saved);

/// <summary>
/// Posts the approved briefing to channels through the outbox, one new thread per channel, and reminds channels that
/// have not recorded a discussion. The dedupe key is (audit, version, channel, attempt), so publishing again, a retried
/// click or a restart never posts a second copy; only a post that failed for good is queued again, as the next attempt
/// (<see cref="FailedForGoodAsync"/>). When Graph is configured, each channel's DOCX upload is queued with its publication
/// (<see cref="FileUploadState.Pending"/>) and made by the background upload once the turn has committed
/// (<c>BriefingUploads</c>), never inside the chair's turn: a turn that is refused leaves no file behind, and a slow Graph
/// never holds the answer. A failed upload never stops the post.
/// </summary>
public sealed partial class BriefingPublisher(
    BriefingStore store,
    IConversationStore conversations,
    IOutbox outbox,
    IOutboxStore posts,
    IBriefingFileStore files,
    AuditTrail trail,
    UnitOfWork work,
    BriefingUploadSignal uploads,
    BriefingFiles fileRecords,
    BriefingFileDeletionSignal deletions,
    IEnumerable<IBriefingWithdrawalFollower> followers,
    WorkRunner runner,
    IOptions<GraphOptions> graph,
    FileNameFingerprints names,
    TimeProvider time)
{
    public static string Correlation(Guid auditId) => $"briefing:{auditId:N}";

    /// <summary>
    /// Posts the approved version to each chosen channel that is among <paramref name="reachable"/> (the channels the chair
    /// may publish to, see <see cref="ChannelDirectory.ListChannelsForAsync"/>); any other is skipped and reported as
    /// unknown, whether the bot knows it or not.
    /// </summary>
    public async Task<PublishReport> PublishAsync(Guid auditId, IReadOnlyList<string> channelIds,
        IReadOnlyList<ConversationRecord> reachable, PersonRef by, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(channelIds);
        ArgumentNullException.ThrowIfNull(reachable);
        // Held: a withdrawal that lands before this commit makes the publish run again, and be refused (PublishScreen).
        var record = await store.HoldAsync(auditId, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException("There is no briefing to publish.");
        var approved = record.Approved ?? throw new InvalidOperationException("The briefing is not approved.");
        if (record.WithdrawalOf(approved.Number) is not null)
        {
            throw new InvalidOperationException("The approved version was withdrawn.");
        }

        // Every channel's card gives the day the version was first published: today, unless it was posted somewhere before.
        var published = record.PublishedOn(approved.Number) ?? EnglandTime.Today(time);
        var known = reachable.ToDictionary(c => c.ConversationId, StringComparer.Ordinal);
        var outcomes = new List<PublishOutcome>();
        var unknown = new List<string>();
        var added = new List<ChannelPublication>();
        foreach (var channelId in channelIds.Distinct(StringComparer.Ordinal))
        {
            if (!known.TryGetValue(channelId, out var channel))
            {
                unknown.Add(channelId);
                continue;
            }

            var name = ChannelDirectory.NameOf(channel);
            var existing = record.FindPublication(channelId, approved.Number);
            if (existing is not null && !await FailedForGoodAsync(existing, cancellationToken).ConfigureAwait(false))
            {
                outcomes.Add(new PublishOutcome(channelId, name, true, true, existing.Upload, existing.FileUrl, existing.UploadError));
                continue;
            }

            // A post that failed for good is queued again as the next attempt; a DOCX already in the channel's Files is kept.
            // Otherwise the upload is queued, and the post goes without the link, which the upload adds once the file is there.
            var attempt = existing is null ? 1 : existing.Attempt + 1;
            var kept = existing is { Upload: FileUploadState.Uploaded, FileUrl: { } url } ? url : null;
            var state = kept is not null ? FileUploadState.Uploaded
                : files.IsEnabled ? FileUploadState.Pending
                : FileUploadState.NotConfigured;
            var card = DiscussionCard.Posted(approved.Content, approved.Number, published, channelId, kept);
            var tenant = channel.TenantId!;
            var postKey = outbox.PostToChannel(channel.ServiceUrl, tenant, channelId, CardMessage.Create(card),
                PostDedupeKey(auditId, approved.Number, channelId, attempt), Correlation(auditId));
            var publication = new ChannelPublication(approved.Number, channelId, channel.ChannelName, channel.TeamId, channel.TeamName,
                channel.ServiceUrl, tenant, postKey, time.GetUtcNow(), by, state, kept, null, Attempt: attempt);
            added.Add(publication);
            outcomes.Add(new PublishOutcome(channelId, name, true, false, state, kept, null, attempt > 1));
            await trail.RecordAsync(by, "briefing.published", "briefing", auditId,
                new { version = approved.Number, channelId, upload = state.ToString(), attempt }, cancellationToken).ConfigureAwait(false);
            await ReplaceOlderPostsAsync(record, publication, by, cancellationToken).ConfigureAwait(false);
        }

        var saved = await RecordAsync(auditId, added, cancellationToken, newPosts: true).ConfigureAwait(false);
        if (added.Any(p => p.Upload == FileUploadState.Pending))
        {
            // Only once the publications are stored: the upload finds them there, and finds none of a turn that was refused.
            work.OnCommitted(uploads.Notify);
        }

        return new PublishReport(outcomes, unknown, saved);
    }

    /// <summary>
    /// Reminds each channel where no team has recorded a discussion of the version posted there (one of an earlier version,
    /// withdrawn or replaced since, does not count) and the bot is still installed; at most once a day per channel, and only
    /// where the version posted there is <paramref name="postable"/> (a reminder repeats its title and questions). Returns how
    /// many were reminded, or null when the reminders could not be recorded (they are still on their way), how many channels
    /// due a reminder no longer have the bot, and how many never got the post because it failed for good (nothing is queued
    /// for either). Only the reminder counts are written, inside the store's change: an upload finished meanwhile is kept.
    /// </summary>
    public async Task<RemindReport> RemindAsync(Guid auditId, PersonRef by, Func<int, bool> postable, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(postable);
        var record = await store.GetAsync(auditId, cancellationToken).ConfigureAwait(false);
        if (record is null)
        {
            return new RemindReport(0, 0);
        }

        var discussed = (await store.ListDiscussionsAsync(auditId, cancellationToken).ConfigureAwait(false))
            .Select(d => (d.ChannelId, d.BriefingVersion)).ToHashSet();
        var now = time.GetUtcNow();
        var reminded = new List<(string ChannelId, int Version)>();
        var unreachable = 0;
        var undelivered = 0;
        var today = EnglandTime.DateOf(now);
        var due = record.LatestPublicationPerChannel()
            .Where(p => record.WithdrawalOf(p.Version) is null && !discussed.Contains((p.ChannelId, p.Version))
                && p.LastRemindedOn != today && postable(p.Version));
        foreach (var publication in due)
        {
            if (await FailedForGoodAsync(publication, cancellationToken).ConfigureAwait(false))
            {
                // The channel never got the briefing: a reminder of it would make no sense there; publishing again posts it.
                undelivered++;
                continue;
            }

            if (await conversations.GetAsync(publication.ChannelId, cancellationToken).ConfigureAwait(false) is not { Active: true })
            {
                // The team removed the bot: a reminder could not be delivered there.
                unreachable++;
                continue;
            }

            var content = record.Version(publication.Version)!.Content;
            outbox.PostToChannel(publication.ServiceUrl, publication.TenantId, publication.ChannelId,
                CardMessage.Create(DiscussionCard.Reminder(content, publication.Version, publication.ChannelId)),
                $"{ReminderKeyPrefix(auditId, publication.ChannelId)}{today:yyyy-MM-dd}", Correlation(auditId));
            reminded.Add((publication.ChannelId, publication.Version));
        }

        if (reminded.Count == 0)
        {
            return new RemindReport(0, unreachable, undelivered);
        }

        // Only the reminder counts, on the publication as stored now: never the whole of it as read above.
        var changed = await store.ChangeAsync(auditId, r =>
        {
            foreach (var (channelId, version) in reminded)
            {
                _ = r.RecordReminder(channelId, version, today);
            }

            return DomainResult.Ok;
        }, cancellationToken).ConfigureAwait(false);
        var saved = changed.Status switch
        {
            ChangeStatus.Saved => true,
            _ => throw new InvalidOperationException("The briefing disappeared."),
        };
        await trail.RecordAsync(by, "briefing.reminded", "briefing", auditId,
            new { channels = reminded.Select(r => r.ChannelId) }, cancellationToken).ConfigureAwait(false);
        return new RemindReport(saved ? reminded.Count : null, unreachable, undelivered);
    }

    // Publications from concurrent clicks go to the same document; false when others kept changing it. A new version's post
    // (newPosts) stops the Word file an older version's post in its channel still waits for (BriefingRecord.RecordNewPost).
    private async Task<bool> RecordAsync(Guid auditId, IReadOnlyList<ChannelPublication> publications, CancellationToken cancellationToken,
        bool newPosts = false)
    {
        if (publications.Count == 0)
        {
            return true;
        }

        var changed = await store.ChangeAsync(auditId, record =>
        {
            foreach (var publication in publications)
            {
                if (newPosts)
                {
                    record.RecordNewPost(publication);
                }
                else
                {
                    record.RecordPublication(publication);
                }
            }

            return DomainResult.Ok;
        }, cancellationToken).ConfigureAwait(false);
        return changed.Status switch
        {
            ChangeStatus.Saved => true,
            _ => throw new InvalidOperationException("The briefing disappeared."),
        };
    }
}
