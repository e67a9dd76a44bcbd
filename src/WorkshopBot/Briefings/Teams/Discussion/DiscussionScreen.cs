using System.Globalization;
using WorkshopBot.Audits.Domain;
using WorkshopBot.Briefings.Domain;
using WorkshopBot.Briefings.Storage;
using WorkshopBot.Common;
using WorkshopBot.Common.Privacy;
using WorkshopBot.Common.Storage;
using WorkshopBot.Common.Teams;
using WorkshopBot.Conversations;
using WorkshopBot.Protocol.Routing;
using WorkshopBot.Protocol.Schema;
using WorkshopBot.Storage;
using static WorkshopBot.Briefings.Teams.BriefingCardParts;

namespace WorkshopBot.Briefings.Teams;

/// <summary>"Our team discussed this" on a briefing posted in a channel.</summary>
public sealed record DiscussionFormData(Guid AuditId, int Version, string ChannelId);

/// <summary>Inputs arrive as strings: "discussedOn" (yyyy-MM-dd), "attended", "reflections", "teamActions", "confirm".</summary>
public sealed record DiscussionSaveData(
    Guid AuditId,
    int Version,
    string ChannelId,
    string? DiscussedOn,
    string? Attended,
    string? Reflections,
    string? TeamActions,
    string? Confirm);

/// <summary>Data of <see cref="DiscussionScreen.Usage"/>.</summary>
public sealed record UsageData(Guid AuditId);

/// <summary>Data of <see cref="DiscussionScreen.Remind"/>.</summary>
public sealed record RemindData(Guid AuditId);

/// <summary>
/// The practitioners' side of a published briefing: a team records that it discussed the briefing, in the channel it was
/// posted to; the chair sees which teams have and reminds the others.
/// </summary>
public sealed partial class DiscussionScreen(
    BriefingAccess access,
    BriefingStore store,
    BriefingInputs inputs,
    BriefingPublisher publisher,
    BriefingPrivacy privacy,
    IConversationStore conversations,
    ChannelDirectory channels,
    AuditTrail trail,
    IIdGenerator ids,
    TimeProvider time)
{
    public const string Form = "briefing.discussion.form";
    public const string Save = "briefing.discussion.save";
    public const string Usage = "briefing.usage";
    public const string Remind = "briefing.remind";

    private const string ClosedTitle = "Discussions are no longer recorded";

    private const string ClosedText = "The audit behind this briefing has closed, so team discussions of it are no longer "
        + "recorded. You can still read the briefing. Thank you for using it. Nothing was saved.";

    private DateOnly Today => EnglandTime.Today(time);

    public static void Map(ActivityRouter router)
    {
        ArgumentNullException.ThrowIfNull(router);
        router.OnCardAction<DiscussionFormData>(Form, (turn, d, ct) => turn.Screen<DiscussionScreen>().FormAsync(turn, d, ct));
        router.OnCardAction<DiscussionSaveData>(Save, (turn, d, ct) => turn.Screen<DiscussionScreen>().SaveAsync(turn, d, ct));
        router.OnCardAction<DiscussionFormData>(Back, (turn, d, ct) => turn.Screen<DiscussionScreen>().BackAsync(turn, d, ct));
        router.OnCardAction<UsageData>(Usage, (turn, d, ct) => turn.Screen<DiscussionScreen>().UsageAsync(turn, d, ct));
        router.OnCardAction<RemindData>(Remind, (turn, d, ct) => turn.Screen<DiscussionScreen>().RemindAsync(turn, d, ct));
        MapCorrections(router);
    }

    public async Task<InvokeResponse> FormAsync(TurnContext turn, DiscussionFormData data, CancellationToken cancellationToken)
    {
        var posted = await PostedHereAsync(turn, data.AuditId, data.Version, data.ChannelId, cancellationToken).ConfigureAwait(false);
        if (posted.Refused)
        {
            return posted.Refusal;
        }

        // A meeting already recorded here is shown filled in, so the team can correct it; saving it updates that record.
        var publication = posted.Value.Publication;
        var latest = (await MeetingsHereAsync(data.AuditId, publication, cancellationToken).ConfigureAwait(false))
            .OrderBy(d => d.DiscussedOn).ThenBy(d => d.LastChangedAt).LastOrDefault();
        // What a team wrote is read again before anyone sees it, as the chair's view of the briefing's use reads it
        // (ExportRedactor): a text the check of today would change (stored under an earlier rule) is not put back in the form,
        // which says so instead, and saving replaces it.
        var clean = new ExportRedactor();
        var reflections = latest is null ? null : ShownAgain(clean, latest.Reflections);
        var teamActions = latest is null ? null : ShownAgain(clean, latest.TeamActions);
        var filled = latest is null ? null : new DiscussionSaveData(data.AuditId, publication.Version, publication.ChannelId,
            latest.DiscussedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), latest.Attended.ToString(CultureInfo.InvariantCulture),
            reflections, teamActions, null);
        var withheld = (latest is not null && reflections is null, latest is not null && teamActions is null);
        return Reply.Card(DiscussionCard.Form(posted.Value.Briefing, publication.Version, publication.ChannelId, Today, filled,
            updates: latest, correctable: await CorrectableHereAsync(turn, posted.Value, cancellationToken).ConfigureAwait(false),
            withheld: withheld));
    }

    public async Task<InvokeResponse> UsageAsync(TurnContext turn, UsageData data, CancellationToken cancellationToken)
    {
        var briefing = await access.ChairBriefingToReadAsync(turn, data.AuditId, cancellationToken).ConfigureAwait(false);
        if (briefing.Refused)
        {
            return briefing.Refusal;
        }

        var record = briefing.Value.Record;
        // One record per meeting: records stored before a second save updated the first are counted once (the last changed).
        var discussions = TeamDiscussion.OnePerMeeting(await store.ListDiscussionsAsync(record.AuditId, cancellationToken)
            .ConfigureAwait(false));
        var publications = record.LatestPublicationPerChannel().ToList();
        var names = await channels.NamesAsync(publications.Select(p => p.ChannelId), turn.TenantId(), cancellationToken)
            .ConfigureAwait(false);
        var usage = new List<ChannelUsage>();
        foreach (var p in publications)
        {
            var undelivered = await publisher.FailedForGoodAsync(p, cancellationToken).ConfigureAwait(false);
            // A discussion counts for the version it was of: one of an earlier version, withdrawn or replaced since, is listed
            // apart, and the channel is still reminded of the version posted there now.
            var here = discussions.Where(d => d.ChannelId == p.ChannelId).ToList();
            usage.Add(new ChannelUsage(p, here.Where(d => d.BriefingVersion == p.Version).ToList(),
                names.GetValueOrDefault(p.ChannelId), undelivered, record.WithdrawalOf(p.Version),
                here.Where(d => d.BriefingVersion < p.Version).ToList()));
        }

        return Reply.Card(DiscussionCard.Usage(record.AuditId, (record.Approved ?? record.Latest).Content.Title, usage));
    }

    public async Task<InvokeResponse> RemindAsync(TurnContext turn, RemindData data, CancellationToken cancellationToken)
    {
        // Reminders stop when the audit closes; held to the commit, so a close that lands first wins.
        var briefing = await access.ChairBriefingUnderWayAsync(turn, data.AuditId, cancellationToken).ConfigureAwait(false);
        if (briefing.Refused)
        {
            return briefing.Refusal;
        }

        // A version approved under an earlier rule that fails the check now is not repeated in its channels, as it is not
        // published again (PublishScreen): those channels are not reminded, and the chair is told why.
        var record = briefing.Value.Record;
        var refusals = record.LatestPublicationPerChannel().Select(p => p.Version).Distinct()
            .Select(v => (Version: v, Refusal: privacy.Screen(record.Version(v)?.Content.FullText() ?? string.Empty,
                briefing.Value.CaseReferences).Refusal($"Version {v} cannot be repeated in a reminder",
                "Edit the box that contains it, approve the new version and publish it.")))
            .Where(r => r.Refusal is not null).ToList();
        var (count, unreachable, undelivered) = await publisher.RemindAsync(data.AuditId, turn.Person(),
            v => refusals.All(r => r.Version != v), cancellationToken).ConfigureAwait(false);
        if (refusals.Count > 0 && count is 0 && unreachable == 0 && undelivered == 0)
        {
            return BriefingReply.Refusal("No reminder sent", refusals[0].Refusal!, data.AuditId);
        }

        // Channels the bot was removed from get nothing queued; the chair is told here rather than by a post that fails later.
        var removed = unreachable == 0 ? string.Empty : unreachable == 1
            ? " 1 channel no longer has WorkshopBot (it was removed from the team or the channel), so it was not reminded. Please "
                + "add WorkshopBot back to that team, or publish the briefing to another channel."
            : $" {unreachable} channels no longer have WorkshopBot (it was removed from the team or the channel), so they were not "
                + "reminded. Please add WorkshopBot back to those teams, or publish the briefing to another channel.";
        // A channel whose post failed for good never got the briefing: it is not reminded of it, and the chair is told.
        removed += undelivered == 0 ? string.Empty
            : $" The briefing's post to {CardKit.Plural(undelivered, "channel")} was not delivered, so "
                + $"{(undelivered == 1 ? "it was" : "they were")} not reminded: publish the briefing there again.";
        var missed = unreachable + undelivered;
        return count switch
        {
            null => BriefingReply.Refusal("Not saved", DocumentChanges.ChangedElsewhere, data.AuditId),
            0 when missed == 0 => BriefingReply.Notice("Reminders",
                "No reminder was sent: every channel has recorded a discussion, or was already reminded today.", Tone.Info, data.AuditId),
            0 => BriefingReply.Notice("Reminders", "No reminder was sent."
                + (refusals.Count > 0 ? $" {refusals[0].Refusal}" : string.Empty) + removed, Tone.Warning, data.AuditId),
            _ => BriefingReply.Notice("Reminders",
                $"A reminder is on its way to {CardKit.Plural(count.Value, "channel")} that {(count == 1 ? "has" : "have")} not recorded a "
                + "discussion."
                + (refusals.Count > 0 ? $" Channels showing version {refusals[0].Version} were not reminded: "
                    + refusals[0].Refusal : string.Empty) + removed, missed == 0 ? Tone.Success : Tone.Warning, data.AuditId),
        };
    }

    /// <summary>
    /// The briefing as posted in this channel; refused when the action comes from anywhere else, when the briefing (or this
    /// version of it) is no longer stored, and, unless <paramref name="evenIfClosed"/>, once its audit is closed.
    /// </summary>
    private async Task<Guarded<PostedHere>> PostedHereAsync(TurnContext turn, Guid auditId, int version, string channelId,
        CancellationToken cancellationToken, bool hold = false, bool evenIfClosed = false)
    {
        var record = hold
            ? await store.HoldAsync(auditId, cancellationToken).ConfigureAwait(false)
            : await store.GetAsync(auditId, cancellationToken).ConfigureAwait(false);
        // The action must come from the channel this version of the briefing was posted to, so data copied elsewhere is
        // refused. The channel's publication is checked before anything else of the briefing, and every case of "not here"
        // (another channel, an audit of another organisation or none, a briefing purged since) gets the same answer, so a
        // crafted press cannot tell whether an audit has a briefing.
        var here = turn.Activity.Conversation is null ? null : ConversationTracker.KeyOf(turn.Activity);
        var publication = string.Equals(here, channelId, StringComparison.Ordinal)
            ? record?.FindPublication(channelId ?? string.Empty, version)
            : null;
        var content = publication is null ? null : record!.Version(publication.Version)?.Content;
        if (record is null || publication is null || content is null)
        {
            return Guarded<PostedHere>.Refuse(NotHere());
        }

        // A withdrawn or replaced post records nothing, whatever its card still shows (one not updated yet, or a stale copy),
        // and its text is not shown again (the way back from the form included).
        if (TakenDown(record, publication) is { } takenDown)
        {
            return Guarded<PostedHere>.Refuse(takenDown);
        }

        var published = record.PublishedOn(publication.Version) ?? EnglandTime.DateOf(publication.PostedAt);
        if (evenIfClosed)
        {
            return Guarded<PostedHere>.Allow(new PostedHere(content, publication, published, record, null));
        }

        // Once the audit is closed its briefing can be read, but no more discussions are recorded (retention is running). The
        // commit depends on the audit as read, without its gate: this turn holds the briefing's (the order in DocumentGates).
        var audit = hold
            ? await inputs.RequireAuditAsync(auditId, cancellationToken).ConfigureAwait(false)
            : await inputs.FindAuditAsync(auditId, cancellationToken).ConfigureAwait(false);
        return audit is null || audit.Status == AuditStatus.Closed
            ? Guarded<PostedHere>.Refuse(BriefingReply.Refusal(ClosedTitle, ClosedText))
            : Guarded<PostedHere>.Allow(new PostedHere(content, publication, published, record, audit));
    }

    /// <summary>A stored text as it may be shown again: unchanged when today's check finds nothing to remove, else null.</summary>
    private static string? ShownAgain(ExportRedactor clean, string text) =>
        string.Equals(clean.Text(text), text, StringComparison.Ordinal) ? text : null;

    /// <summary>
    /// The one answer to a press from where the briefing is not (or no longer) posted. It says no more than that, as it must
    /// be true both in the channel a purged briefing was posted to and anywhere else.
    /// </summary>
    private static InvokeResponse NotHere() => BriefingReply.Refusal("Not available here",
        "This briefing is not available in this channel: it may have been posted to another channel, or it may no longer be "
        + "kept. A discussion cannot be recorded here. Nothing was saved.");

    /// <summary>The polite refusal for a post that was withdrawn, or replaced in its channel by a newer version; else null.</summary>
    private static InvokeResponse? TakenDown(BriefingRecord record, ChannelPublication publication)
    {
        if (record.WithdrawalOf(publication.Version) is { } withdrawn)
        {
            return BriefingReply.Refusal("Briefing withdrawn", $"This briefing was withdrawn on {Moments.Day(withdrawn.At)}, so "
                + "discussions of it are no longer recorded. Any discussion your team recorded before is kept. Nothing was saved.");
        }

        return record.ReplacementOf(publication) is { } newer
            ? BriefingReply.Refusal("Briefing replaced", "This briefing has been replaced by a newer version, posted in this channel "
                + $"on {Moments.Day(newer.PostedAt)} as a new thread. Please read that one and record your team's discussion there. "
                + "Nothing was saved.")
            : null;
    }

    /// <summary>The briefing as posted in the channel; <see cref="Audit"/> is null when it was not read (a closed audit's post).</summary>
    private sealed record PostedHere(Briefing Briefing, ChannelPublication Publication, DateOnly Published, BriefingRecord Record,
        Audit? Audit);
}
