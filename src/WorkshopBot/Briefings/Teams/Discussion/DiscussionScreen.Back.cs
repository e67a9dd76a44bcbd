using WorkshopBot.Common.Teams;
using WorkshopBot.Protocol.Routing;
using WorkshopBot.Protocol.Schema;

namespace WorkshopBot.Briefings.Teams;

/// <summary>"Back to the briefing" on the discussion form.</summary>
public sealed partial class DiscussionScreen
{
    /// <summary>Leaves the discussion form unsaved and shows the briefing as posted in the channel again.</summary>
    public const string Back = "briefing.discussion.back";

    /// <summary>
    /// The briefing as this channel's card shows it, nothing saved; also once its audit is closed (the briefing can still be
    /// read), but not where it was never posted, nor once it is no longer stored.
    /// </summary>
    public async Task<InvokeResponse> BackAsync(TurnContext turn, DiscussionFormData data, CancellationToken cancellationToken)
    {
        var posted = await PostedHereAsync(turn, data.AuditId, data.Version, data.ChannelId, cancellationToken, evenIfClosed: true)
            .ConfigureAwait(false);
        if (posted.Refused)
        {
            return posted.Refusal;
        }

        // As the channel's post shows it for everyone, with its Word link and when the team discussed it.
        var card = await publisher.PostAsStoredAsync(posted.Value.Record, posted.Value.Publication, cancellationToken)
            .ConfigureAwait(false);
        return card is null ? Reply.NotAvailable() : Reply.Card(card);
    }
}
