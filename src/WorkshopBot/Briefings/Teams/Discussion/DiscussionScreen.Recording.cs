// Saving a team's discussion: one record per channel, version and meeting date, whoever in the channel saves it; a second
// save of the same meeting corrects that record, and the channel's post says for everyone that it was discussed.
using WorkshopBot.Briefings.Domain;
using WorkshopBot.Cards;
using WorkshopBot.Common;
using WorkshopBot.Common.Privacy;
using WorkshopBot.Common.Storage;
using WorkshopBot.Common.Teams;
using WorkshopBot.Protocol.Routing;
using WorkshopBot.Protocol.Schema;

namespace WorkshopBot.Briefings.Teams;

public sealed partial class DiscussionScreen
{
    /// <summary>Audit-log action: a team's discussion was first recorded (ids and counts only).</summary>
    public const string Recorded = "briefing.discussion.recorded";

    /// <summary>Audit-log action: a recorded discussion was corrected by a second save of the same meeting (ids and counts only).</summary>
    public const string Updated = "briefing.discussion.updated";

    public async Task<InvokeResponse> SaveAsync(TurnContext turn, DiscussionSaveData data, CancellationToken cancellationToken)
    {
        // The discussion is stored only if the briefing and its audit are still as read: closed, or purged (on any instance)
        // before this commit, and the turn runs again and finds it closed or gone, so no discussion is recorded for a closed
        // audit nor outlives its audit (also when the partnership keeps published briefings past the purge).
        var posted = await PostedHereAsync(turn, data.AuditId, data.Version, data.ChannelId, cancellationToken, hold: true)
            .ConfigureAwait(false);
        if (posted.Refused)
        {
            return posted.Refusal;
        }

        var (briefing, publication) = (posted.Value.Briefing, posted.Value.Publication);
        var discussedOn = CardInput.Date(data.DiscussedOn);
        var attended = CardInput.WholeNumber(data.Attended, 1, TeamDiscussion.MaxAttended);
        var valid = TeamDiscussion.Check(discussedOn, attended, data.Reflections, data.TeamActions,
            EnglandTime.DateOf(publication.PostedAt), Today);
        if (!valid.Succeeded)
        {
            return Reply.Card(DiscussionCard.Form(briefing, publication.Version, publication.ChannelId, Today, data, error: valid.Message,
                updates: await MeetingAsync(data.AuditId, publication, discussedOn, cancellationToken).ConfigureAwait(false)));
        }

        var reflections = FreeText.Normalise(data.Reflections);
        var teamActions = FreeText.Normalise(data.TeamActions);
        var check = privacy.Identifiers.Check(reflections + "\n" + teamActions);
        if (check.Refuses(CardInput.Flag(data.Confirm)))
        {
            return Reply.Card(DiscussionCard.Form(briefing, publication.Version, publication.ChannelId, Today, data, check,
                updates: await MeetingAsync(data.AuditId, publication, discussedOn, cancellationToken).ConfigureAwait(false)));
        }

        var conversation = await conversations.GetAsync(publication.ChannelId, cancellationToken).ConfigureAwait(false);
        var (date, count) = (discussedOn!.Value, attended!.Value);
        // The meeting recorded already (by anyone in the channel) is corrected, not counted again: a deputy recording it too,
        // or the same person saving it again with a word changed. Saving it unchanged (a double click, or Teams retrying the
        // invoke) changes nothing.
        var before = await MeetingsHereAsync(data.AuditId, publication, cancellationToken).ConfigureAwait(false);
        var existing = before.FirstOrDefault(d => d.SameMeeting(publication.Version, publication.ChannelId, date));
        TeamDiscussion recorded;
        if (existing is null)
        {
            recorded = new TeamDiscussion(TeamDiscussion.IdOf(data.AuditId, publication.Version, publication.ChannelId, date),
                data.AuditId, publication.Version, publication.ChannelId, conversation?.TeamName ?? publication.TeamName, date, count,
                reflections, teamActions, turn.Person(), time.GetUtcNow(), check.HasFindings);
            await store.AddDiscussionAsync(recorded, cancellationToken).ConfigureAwait(false);
            await LogAsync(turn, Recorded, recorded, check.HasFindings, cancellationToken).ConfigureAwait(false);
        }
        else if (existing.Says(count, reflections, teamActions))
        {
            recorded = existing;
        }
        else
        {
            recorded = existing.Corrected(count, reflections, teamActions, check.HasFindings, turn.Person(), time.GetUtcNow());
            if (!await store.ReplaceDiscussionAsync(recorded, cancellationToken).ConfigureAwait(false))
            {
                return BriefingReply.Refusal("Not saved", DocumentChanges.ChangedElsewhere);
            }

            await LogAsync(turn, Updated, recorded, check.HasFindings, cancellationToken).ConfigureAwait(false);
        }

        var channelNote = ReferenceEquals(recorded, existing)
            ? DiscussionCard.ChannelNote(before)
            : await UpdateChannelPostAsync(turn, posted.Value.Record, publication, before, cancellationToken).ConfigureAwait(false);
        return Reply.Card(DiscussionCard.Posted(briefing, publication.Version, posted.Value.Published, publication.ChannelId,
            publication.FileUrl, DiscussionCard.SavedNote(recorded) + "\n\n" + channelNote));
    }

    /// <summary>The meetings recorded in the publication's channel for its version, one record each.</summary>
    private Task<IReadOnlyList<TeamDiscussion>> MeetingsHereAsync(Guid auditId, ChannelPublication publication,
        CancellationToken cancellationToken) => store.ListMeetingsAsync(auditId, publication, cancellationToken);

    /// <summary>The record of the meeting on <paramref name="discussedOn"/> in the publication's channel, or null.</summary>
    private async Task<TeamDiscussion?> MeetingAsync(Guid auditId, ChannelPublication publication, DateOnly? discussedOn,
        CancellationToken cancellationToken) =>
        discussedOn is not { } date ? null
            : (await MeetingsHereAsync(auditId, publication, cancellationToken).ConfigureAwait(false))
                .FirstOrDefault(d => d.SameMeeting(publication.Version, publication.ChannelId, date));

    private Task LogAsync(TurnContext turn, string action, TeamDiscussion discussion, bool warned, CancellationToken cancellationToken) =>
        trail.RecordAsync(turn.Person(), action, "briefing", discussion.AuditId, new
        {
            discussion = discussion.Id,
            channelId = discussion.ChannelId,
            version = discussion.BriefingVersion,
            attended = discussion.Attended,
            identifierWarningConfirmed = warned,
        }, cancellationToken);

    /// <summary>
    /// Updates the channel's post, through the outbox, once the post is there, when its line saying when the team discussed
    /// it changes from what <paramref name="before"/> (the meetings recorded there before this turn's change) gave it; a
    /// change that leaves the line as it was sends nothing. Not where the post failed for good. The card is the post as stored
    /// (<see cref="BriefingPublisher.PostAsStoredAsync"/>), so it keeps the Word link when the file is uploaded; and the
    /// briefing is marked changed in this commit, so a link update built meanwhile without this change is built again. The
    /// update's key is this change's own (the line and the turn's activity), so a line that comes back after a move or a
    /// removal is sent again, while a redelivered turn queues it once. Returns the line now, or null when none is recorded.
    /// </summary>
    private async Task<string?> UpdateChannelPostAsync(TurnContext turn, BriefingRecord record, ChannelPublication publication,
        IReadOnlyList<TeamDiscussion> before, CancellationToken cancellationToken)
    {
        var note = DiscussionCard.ChannelNote(await MeetingsHereAsync(record.AuditId, publication, cancellationToken)
            .ConfigureAwait(false));
        if (note == DiscussionCard.ChannelNote(before) || await publisher.FailedForGoodAsync(publication, cancellationToken)
            .ConfigureAwait(false))
        {
            return note;
        }

        await store.MarkChangedAsync(record.AuditId, cancellationToken).ConfigureAwait(false);
        // An activity without an id (none from Teams) is never redelivered as the same one: a new id stands for it.
        var change = DerivedIds.Of(note ?? "none", turn.Activity.Id ?? ids.NewId().ToString("N"));
        await publisher.UpdatePostAsync(record, publication, $":discussed:{change:N}", cancellationToken).ConfigureAwait(false);
        return note;
    }
}
