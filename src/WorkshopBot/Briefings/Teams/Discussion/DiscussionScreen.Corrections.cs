// A discussion recorded for the wrong date: whoever first recorded it, or the audit's chair, moves it to the right date or
// removes it, from the discussion form in the channel; the channel's post is rebuilt from what is stored then.
using System.Globalization;
using WorkshopBot.Briefings.Domain;
using WorkshopBot.Cards;
using WorkshopBot.Common;
using WorkshopBot.Common.Storage;
using WorkshopBot.Common.Teams;
using WorkshopBot.Protocol.Routing;
using WorkshopBot.Protocol.Schema;

namespace WorkshopBot.Briefings.Teams;

/// <summary>One meeting recorded in the channel: <see cref="Meeting"/> is its date (yyyy-MM-dd).</summary>
public sealed record DiscussionMeetingData(Guid AuditId, int Version, string ChannelId, string? Meeting);

/// <summary>The input "moveTo" (yyyy-MM-dd) arrives merged into the data: the date the meeting really took place.</summary>
public sealed record DiscussionMoveData(Guid AuditId, int Version, string ChannelId, string? Meeting, string? MoveTo);

/// <summary>Removing a meeting's record: asked first, done once <see cref="Confirmed"/>.</summary>
public sealed record DiscussionRemoveData(Guid AuditId, int Version, string ChannelId, string? Meeting, bool Confirmed);

public sealed partial class DiscussionScreen
{
    public const string Correct = "briefing.discussion.correct";
    public const string Move = "briefing.discussion.move";
    public const string Remove = "briefing.discussion.remove";

    /// <summary>Audit-log action: a recorded discussion was moved to another date (ids, dates and counts only).</summary>
    public const string Moved = "briefing.discussion.moved";

    /// <summary>Audit-log action: a recorded discussion was removed (ids and counts only).</summary>
    public const string Removed = "briefing.discussion.removed";

    private const string NotYoursText = "Only the person who recorded a discussion, or the audit's chair, can change its date or "
        + "remove it. If you recorded this one, it may have been changed or removed already. Nothing was changed.";

    private static void MapCorrections(ActivityRouter router)
    {
        router.OnCardAction<DiscussionMeetingData>(Correct, (turn, d, ct) => turn.Screen<DiscussionScreen>().CorrectAsync(turn, d, ct));
        router.OnCardAction<DiscussionMoveData>(Move, (turn, d, ct) => turn.Screen<DiscussionScreen>().MoveAsync(turn, d, ct));
        router.OnCardAction<DiscussionRemoveData>(Remove, (turn, d, ct) => turn.Screen<DiscussionScreen>().RemoveAsync(turn, d, ct));
    }

    /// <summary>The meeting's record with the right date to give, or to remove it.</summary>
    public async Task<InvokeResponse> CorrectAsync(TurnContext turn, DiscussionMeetingData data, CancellationToken cancellationToken)
    {
        var meeting = await MeetingToCorrectAsync(turn, data, hold: false, cancellationToken).ConfigureAwait(false);
        return meeting.Refused ? meeting.Refusal : Reply.Card(DiscussionCard.Correction(meeting.Value.Posted.Briefing,
            meeting.Value.Posted.Publication, meeting.Value.Shown, Today));
    }

    /// <summary>
    /// Moves the meeting's record (every record of it stored, one per meeting since corrections were kept) to the date given:
    /// refused when that date is not between the day the briefing was posted and today, or another meeting is recorded then.
    /// </summary>
    public async Task<InvokeResponse> MoveAsync(TurnContext turn, DiscussionMoveData data, CancellationToken cancellationToken)
    {
        var meeting = await MeetingToCorrectAsync(turn, new DiscussionMeetingData(data.AuditId, data.Version, data.ChannelId,
            data.Meeting), hold: true, cancellationToken).ConfigureAwait(false);
        if (meeting.Refused)
        {
            return meeting.Refusal;
        }

        var (posted, shown, before) = (meeting.Value.Posted, meeting.Value.Shown, meeting.Value.Before);
        var publication = posted.Publication;
        var to = CardInput.Date(data.MoveTo);
        var dated = TeamDiscussion.CheckDate(to, EnglandTime.DateOf(publication.PostedAt), Today);
        var error = (dated.Succeeded ? null : dated.Message)
            ?? (to == shown.DiscussedOn ? "That is the date it is recorded for already. Give the date the team met." : null)
            ?? (before.Any(d => d.DiscussedOn == to) ? $"A discussion of {DiscussionCard.Day(to!.Value)} is already recorded in this "
                + "channel. Correct or remove that one instead, so each meeting is counted once." : null);
        if (error is not null)
        {
            return Reply.Card(DiscussionCard.Correction(posted.Briefing, publication, shown, Today, error));
        }

        var moved = shown.MovedTo(to!.Value, turn.Person(), time.GetUtcNow());
        if (!await store.RemoveDiscussionsAsync(meeting.Value.Records, cancellationToken).ConfigureAwait(false))
        {
            return BriefingReply.Refusal("Not saved", DocumentChanges.ChangedElsewhere);
        }

        // No meeting is recorded on that date (checked above), so its id is free in this unit of work; one stored meanwhile
        // makes the commit conflict and the turn run again, to the refusal above.
        if (!await store.AddDiscussionAsync(moved, cancellationToken).ConfigureAwait(false))
        {
            throw new InvalidOperationException("The moved discussion's id is taken in this unit of work.");
        }

        await trail.RecordAsync(turn.Person(), Moved, "briefing", data.AuditId, new
        {
            discussion = moved.Id,
            replaced = meeting.Value.Records.Select(d => d.Id).ToList(),
            channelId = moved.ChannelId,
            version = moved.BriefingVersion,
            attended = moved.Attended,
            from = shown.DiscussedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            to = moved.DiscussedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            byChair = meeting.Value.ByChair,
        }, cancellationToken).ConfigureAwait(false);
        var note = await UpdateChannelPostAsync(turn, posted.Record, publication, before, cancellationToken).ConfigureAwait(false);
        return Reply.Card(DiscussionCard.Posted(posted.Briefing, publication.Version, posted.Published, publication.ChannelId,
            publication.FileUrl, DiscussionCard.MovedNote(shown, moved.DiscussedOn) + "\n\n" + note));
    }

    /// <summary>Asks first; once confirmed, removes every record of the meeting stored in the channel for the version.</summary>
    public async Task<InvokeResponse> RemoveAsync(TurnContext turn, DiscussionRemoveData data, CancellationToken cancellationToken)
    {
        var meeting = await MeetingToCorrectAsync(turn, new DiscussionMeetingData(data.AuditId, data.Version, data.ChannelId,
            data.Meeting), hold: data.Confirmed, cancellationToken).ConfigureAwait(false);
        if (meeting.Refused)
        {
            return meeting.Refusal;
        }

        var (posted, shown) = (meeting.Value.Posted, meeting.Value.Shown);
        var publication = posted.Publication;
        if (!data.Confirmed)
        {
            return Reply.Card(DiscussionCard.ConfirmRemoval(posted.Briefing, publication, shown));
        }

        if (!await store.RemoveDiscussionsAsync(meeting.Value.Records, cancellationToken).ConfigureAwait(false))
        {
            return BriefingReply.Refusal("Not saved", DocumentChanges.ChangedElsewhere);
        }

        await trail.RecordAsync(turn.Person(), Removed, "briefing", data.AuditId, new
        {
            discussions = meeting.Value.Records.Select(d => d.Id).ToList(),
            channelId = shown.ChannelId,
            version = shown.BriefingVersion,
            attended = shown.Attended,
            byChair = meeting.Value.ByChair,
        }, cancellationToken).ConfigureAwait(false);
        var note = await UpdateChannelPostAsync(turn, posted.Record, publication, meeting.Value.Before, cancellationToken)
            .ConfigureAwait(false);
        return Reply.Card(DiscussionCard.Posted(posted.Briefing, publication.Version, posted.Published, publication.ChannelId,
            publication.FileUrl, DiscussionCard.RemovedNote(shown) + (note is null ? string.Empty : "\n\n" + note)));
    }

    /// <summary>
    /// The meetings recorded in this channel for the version that the person may move or remove: all of them for the audit's
    /// chair, else those they first recorded (none when the audit was not read).
    /// </summary>
    private async Task<IReadOnlyList<TeamDiscussion>> CorrectableHereAsync(TurnContext turn, PostedHere posted,
        CancellationToken cancellationToken)
    {
        var person = turn.Person();
        if (posted.Audit is not { } audit)
        {
            return [];
        }

        var chair = audit.IsChair(person);
        var mine = chair ? null : (await store.ListDiscussionsAsync(audit.Id, cancellationToken).ConfigureAwait(false))
            .Where(d => d.WasRecordedBy(person)).Select(d => (d.ChannelId, d.BriefingVersion, d.DiscussedOn)).ToHashSet();
        return (await MeetingsHereAsync(audit.Id, posted.Publication, cancellationToken).ConfigureAwait(false))
            .Where(d => mine is null || mine.Contains((d.ChannelId, d.BriefingVersion, d.DiscussedOn))).ToList();
    }

    /// <summary>
    /// The meeting the card names, in the channel the briefing was posted to (as recording is: not once withdrawn, replaced or
    /// its audit closed), for the person who first recorded it or the audit's chair. Anyone else, or a meeting no longer
    /// recorded, gets an answer that says nothing of it; the chair, who sees every discussion, is told it is gone.
    /// </summary>
    private async Task<Guarded<MeetingToCorrect>> MeetingToCorrectAsync(TurnContext turn, DiscussionMeetingData data, bool hold,
        CancellationToken cancellationToken)
    {
        var posted = await PostedHereAsync(turn, data.AuditId, data.Version, data.ChannelId, cancellationToken, hold: hold)
            .ConfigureAwait(false);
        if (posted.Refused)
        {
            return Guarded<MeetingToCorrect>.Refuse(posted.Refusal);
        }

        var person = turn.Person();
        var publication = posted.Value.Publication;
        var chair = posted.Value.Audit?.IsChair(person) == true;
        var day = CardInput.Date(data.Meeting);
        var records = day is not { } date ? []
            : (await store.ListDiscussionsAsync(data.AuditId, cancellationToken).ConfigureAwait(false))
                .Where(d => d.SameMeeting(publication.Version, publication.ChannelId, date)).ToList();
        var back = ExecuteAction.Create(Back, new DiscussionFormData(data.AuditId, publication.Version, publication.ChannelId),
            "Back to the briefing");
        if (!chair && !records.Any(d => d.WasRecordedBy(person)))
        {
            return Guarded<MeetingToCorrect>.Refuse(Reply.Refusal("Not changed", NotYoursText, back));
        }

        if (records.Count == 0)
        {
            return Guarded<MeetingToCorrect>.Refuse(Reply.Refusal("Not changed", "This discussion is no longer recorded here: it may "
                + "have been moved or removed already. Nothing was changed.", back));
        }

        if (HeldRefusal(posted.Value.Audit, back) is { } held)
        {
            return Guarded<MeetingToCorrect>.Refuse(held);
        }

        var before = await MeetingsHereAsync(data.AuditId, publication, cancellationToken).ConfigureAwait(false);
        return Guarded<MeetingToCorrect>.Allow(new MeetingToCorrect(posted.Value, records,
            TeamDiscussion.OnePerMeeting(records).Single(), before, chair));
    }

    /// <summary>
    /// A meeting to move or remove: every record stored of it (<see cref="Records"/>; more than one only from before one save
    /// updated the first), the one that stands for it (<see cref="Shown"/>), and the channel's meetings before the change.
    /// </summary>
    private sealed record MeetingToCorrect(PostedHere Posted, IReadOnlyList<TeamDiscussion> Records, TeamDiscussion Shown,
        IReadOnlyList<TeamDiscussion> Before, bool ByChair);
}
