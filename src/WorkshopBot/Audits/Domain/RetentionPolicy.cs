namespace WorkshopBot.Audits.Domain;

/// <summary>How long an audit's data is kept after closure, and whether a legal hold stops purging.</summary>
public sealed record RetentionPolicy(int RetainForMonthsAfterClosure, bool LegalHold)
{
    /// <summary>Six years after closure unless the partnership configures otherwise.</summary>
    public const int DefaultMonths = 72;
    public const int MaxMonths = 300;

    public static RetentionPolicy Default { get; } = new(DefaultMonths, LegalHold: false);

    /// <summary>When the audit may be purged, or null while open or on legal hold.</summary>
    public DateTimeOffset? PurgeDueAt(DateTimeOffset? closedAt) =>
        LegalHold || closedAt is null ? null : closedAt.Value.AddMonths(RetainForMonthsAfterClosure);
}
