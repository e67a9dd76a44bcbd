using WorkshopBot.Audits;
using WorkshopBot.Common;

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
}
