using WorkshopBot.Common;

namespace WorkshopBot.Audits.Domain;

/// <summary>
/// How long an audit's data is kept after closure, and whether a legal hold stops purging. A hold placed by a partnership
/// admin (<paramref name="HeldByPartnership"/>) can be released only by an admin; one the chair placed, by the chair too.
/// </summary>
public sealed record RetentionPolicy(int RetainForMonthsAfterClosure, bool LegalHold, bool HeldByPartnership = false)
{
    /// <summary>Six years after closure unless the partnership configures otherwise.</summary>
    public const int DefaultMonths = 72;
    public const int MaxMonths = 300;

    /// <summary>The absolute floor: only a partnership admin goes below the partnership's minimum, and never below this.</summary>
    public const int MinMonths = 1;

    public static RetentionPolicy Default { get; } = new(DefaultMonths, LegalHold: false);

    /// <summary>
    /// When the audit may be purged, or null while open or on legal hold: the months counted on England's calendar, at the
    /// time of day England's clocks showed at closure (closed at 00:30 BST on 1 July, kept a month: purged from 00:30 BST on
    /// 1 August, not on 31 July as UTC's calendar would have it).
    /// </summary>
    public DateTimeOffset? PurgeDueAt(DateTimeOffset? closedAt)
    {
        if (LegalHold || closedAt is not { } closed)
        {
            return null;
        }

        var local = EnglandTime.LocalOf(closed).DateTime;
        return EnglandTime.At(DateOnly.FromDateTime(local).AddMonths(RetainForMonthsAfterClosure), TimeOnly.FromDateTime(local));
    }
}
