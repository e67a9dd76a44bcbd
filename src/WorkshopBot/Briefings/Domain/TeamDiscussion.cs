using System.Globalization;
using WorkshopBot.Common;
using WorkshopBot.Common.Privacy;

namespace WorkshopBot.Briefings.Domain;

/// <summary>A team's record that it discussed the briefing: when, how many attended, what they reflected and will do.</summary>
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
    bool IdentifierWarningConfirmed)
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
        if (discussedOn is not { } date)
        {
            return DomainResult.Invalid("Give the date of the discussion.");
        }

        if (date > today || date < postedOn)
        {
            return DomainResult.Invalid("The date must be between the day the briefing was posted and today.");
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

    /// <summary>
    /// The id of a discussion, the same for the same discussion saved again by the same person: two presses on Save at once
    /// store the same document, so the later commit conflicts, runs again and finds the first (instead of counting twice).
    /// </summary>
    public static Guid IdOf(Guid auditId, int version, string channelId, PersonRef by, DateOnly discussedOn, int attended,
        string reflections, string teamActions)
    {
        ArgumentNullException.ThrowIfNull(by);
        return DerivedIds.Of(auditId.ToString("N"), version.ToString(CultureInfo.InvariantCulture), channelId,
            by.TenantId ?? "", by.UserId, discussedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            attended.ToString(CultureInfo.InvariantCulture), reflections, teamActions);
    }

    /// <summary>The same discussion saved again (a double click on Save, or Teams retrying the invoke).</summary>
    public bool Repeats(TeamDiscussion other) =>
        other is not null
        && ChannelId == other.ChannelId && BriefingVersion == other.BriefingVersion && RecordedBy.UserId == other.RecordedBy.UserId
        && DiscussedOn == other.DiscussedOn && Attended == other.Attended && Reflections == other.Reflections
        && TeamActions == other.TeamActions;
}
