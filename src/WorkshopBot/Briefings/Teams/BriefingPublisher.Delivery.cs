// Whether a channel's post was delivered, and the dedupe key of each attempt at it.
using WorkshopBot.Briefings.Domain;
using WorkshopBot.Storage;

namespace WorkshopBot.Briefings.Teams;

public sealed partial class BriefingPublisher
{
    /// <summary>Why a DOCX upload is not retried for a channel whose post failed for good.</summary>
    public const string NotDelivered = "The briefing's post to this channel was not delivered. Publish it to the channel again.";

    /// <summary>
    /// The outbox key of a version's post to a channel: the first attempt keeps the key it always had (posts queued before
    /// attempts were counted are found by it); a post queued again after one failed for good gets ":attempt:n".
    /// </summary>
    public static string PostDedupeKey(Guid auditId, int version, string channelId, int attempt = 1) =>
        attempt <= 1
            ? $"briefing:{auditId:N}:v{version}:channel:{channelId}"
            : $"briefing:{auditId:N}:v{version}:channel:{channelId}:attempt:{attempt}";

    /// <summary>
    /// True when the publication's post will never arrive: the outbox gave up on it (Failed) or Teams refused it (Blocked),
    /// as when the bot had been removed from the channel without hearing. Such a publication is not "posted": Publish
    /// queues it again, it gets no reminder, and the usage card says so. A post still on its way, delivered, or no longer
    /// in the outbox counts as posted.
    /// </summary>
    public async Task<bool> FailedForGoodAsync(ChannelPublication publication, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(publication);
        var message = await posts.FindByDedupeKeyAsync(publication.PostKey, cancellationToken).ConfigureAwait(false);
        return message?.Status is OutboxStatus.Failed or OutboxStatus.Blocked;
    }
}
