using System.Globalization;
using WorkshopBot.Common;
using WorkshopBot.Common.Privacy;

namespace WorkshopBot.Briefings.Domain;

/// <summary>
/// A team's record that it discussed the briefing: when, how many attended, what they reflected and will do. One per
/// channel, version and meeting date (<see cref="IdOf"/>): <see cref="RecordedBy"/> first recorded it, and
/// <see cref="ChangedBy"/> (null until then, and in records stored before corrections were kept) last corrected it.
/// </summary>
public sealed record TeamDiscussion(
    Guid Id,
    Guid AuditId,
    int BriefingVersion,
    string ChannelId,
    string? TeamName,
    DateOnly DiscussedOn,
    int Attended,
    string Reflections,
    string TeamActions,
    PersonRef RecordedBy,
    DateTimeOffset RecordedAt,
    bool IdentifierWarningConfirmed,
    PersonRef? ChangedBy = null,
    DateTimeOffset? ChangedAt = null)
{
    public const int MaxAttended = 500;
    public const int MaxTextLength = 2000;

    /// <summary>
    /// Whether what a team typed can be kept: a date between the day the briefing was posted and today, 1 to
    /// <see cref="MaxAttended"/> people, reflections, and texts within the limit. A missing or unreadable date or number
    /// arrives as null.
    /// </summary>
    public static DomainResult Check(
        DateOnly? discussedOn, int? attended, string? reflections, string? teamActions, DateOnly postedOn, DateOnly today)
    {
        var dated = CheckDate(discussedOn, postedOn, today);
        if (!dated.Succeeded)
        {
            return dated;
        }

        if (attended is not (>= 1 and <= MaxAttended))
        {
            return DomainResult.Invalid($"Give how many attended, as a whole number from 1 to {MaxAttended}.");
        }

        if (string.IsNullOrWhiteSpace(reflections))
        {
            return DomainResult.Invalid("Add your team's reflections.");
        }

        return (FreeText.Validate(reflections, "Your reflections", MaxTextLength)
            ?? FreeText.Validate(teamActions, "Your team actions", MaxTextLength)) is { } error
            ? DomainResult.Invalid(error)
            : DomainResult.Ok;
    }

    /// <summary>Whether a meeting's date can be kept: given, and between the day the briefing was posted and today.</summary>
    public static DomainResult CheckDate(DateOnly? discussedOn, DateOnly postedOn, DateOnly today) =>
        discussedOn is not { } date ? DomainResult.Invalid("Give the date of the discussion.")
        : date > today || date < postedOn ? DomainResult.Invalid("The date must be between the day the briefing was posted and today.")
        : DomainResult.Ok;

    /// <summary>
    /// The id of a channel's discussion of a version at one meeting: one record per channel, version and meeting date,
    /// whoever in the channel saves it. Two saves at once store the same document, so the later commit conflicts, runs
    /// again and updates the first (instead of counting the meeting twice). Discussions stored before this rule keep the
    /// ids they were given (from the recorder and the text) and are found by <see cref="SameMeeting"/>.
    /// </summary>
    public static Guid IdOf(Guid auditId, int version, string channelId, DateOnly discussedOn) =>
        DerivedIds.Of(auditId.ToString("N"), version.ToString(CultureInfo.InvariantCulture), channelId, "meeting",
            discussedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));

    /// <summary>Whether this records the meeting of <paramref name="discussedOn"/> in the channel, of the version.</summary>
    public bool SameMeeting(int version, string channelId, DateOnly discussedOn) =>
        BriefingVersion == version && ChannelId == channelId && DiscussedOn == discussedOn;

    /// <summary>Whether saving these would change nothing (a double click on Save, or Teams retrying the invoke).</summary>
    public bool Says(int attended, string reflections, string teamActions) =>
        Attended == attended && Reflections == reflections && TeamActions == teamActions;

    /// <summary>When the record last changed: its correction, else when it was first recorded.</summary>
    public DateTimeOffset LastChangedAt => ChangedAt ?? RecordedAt;

    /// <summary>
    /// The discussion corrected by <paramref name="by"/>: what the meeting's record now says; who first recorded it, and
    /// when, is kept.
    /// </summary>
    public TeamDiscussion Corrected(int attended, string reflections, string teamActions, bool identifierWarningConfirmed, PersonRef by,
        DateTimeOffset at) => this with
    {
        Attended = attended,
        Reflections = reflections,
        TeamActions = teamActions,
        IdentifierWarningConfirmed = identifierWarningConfirmed,
        ChangedBy = by,
        ChangedAt = at,
    };

    /// <summary>Whether <paramref name="person"/> first recorded it (who may, with the audit's chair, move or remove it).</summary>
    public bool WasRecordedBy(PersonRef person) => RecordedBy.IsSamePerson(person);

    /// <summary>
    /// The record of the meeting moved to <paramref name="date"/> (it was recorded for the wrong day): what it says, who first
    /// recorded it and when are kept; its id is the new date's (<see cref="IdOf"/>), so a later save of that date updates it.
    /// </summary>
    public TeamDiscussion MovedTo(DateOnly date, PersonRef by, DateTimeOffset at) => this with
    {
        Id = IdOf(AuditId, BriefingVersion, ChannelId, date),
        DiscussedOn = date,
        ChangedBy = by,
        ChangedAt = at,
    };

    /// <summary>
    /// One record per meeting (channel, version and date), in the order first recorded. Records stored before a second
    /// save updated the first could hold the same meeting twice (a deputy's, or a save again with a word changed): the
    /// one changed last stands for it (a correction before a record made at the same moment), so its attendance is counted once.
    /// </summary>
    public static IReadOnlyList<TeamDiscussion> OnePerMeeting(IEnumerable<TeamDiscussion> discussions)
    {
        ArgumentNullException.ThrowIfNull(discussions);
        return discussions
            .GroupBy(d => (d.ChannelId, d.BriefingVersion, d.DiscussedOn))
            .Select(g => (First: g.Min(d => d.RecordedAt), Last: g.OrderBy(d => d.LastChangedAt).ThenBy(d => d.ChangedAt.HasValue)
                .ThenBy(d => d.RecordedAt).ThenBy(d => d.Id).Last()))
            .OrderBy(m => m.First)
            .Select(m => m.Last)
            .ToList();
    }
}
