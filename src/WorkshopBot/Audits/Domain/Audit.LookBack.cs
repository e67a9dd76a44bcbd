namespace WorkshopBot.Audits.Domain;

// The look-back period as the audit's readers see it.
public sealed partial class Audit
{
    /// <summary>
    /// The look-back period tied to dates once the audit is issued: the months up to its issue date in England (see
    /// <see cref="LookBackPeriod.WindowTo"/>), taken from the stored issue date, so an audit issued before this was shown
    /// gets its window too. Before issue, the period as set ("the last 12 months").
    /// </summary>
    public LookBackPeriod LookBackWindow =>
        IssuedAt is { } issued ? LookBack.WindowTo(Common.EnglandTime.DateOf(issued)) : LookBack;
}
