using System.Globalization;
using System.Text.Json.Serialization;
using WorkshopBot.Common;

namespace WorkshopBot.Audits.Domain;

/// <summary>How far back agencies read their records: a number of months, or a from/to range.</summary>
public sealed record LookBackPeriod
{
    public const int MaxMonths = 120;

    [JsonConstructor]
    private LookBackPeriod(int? months, DateOnly? from, DateOnly? to)
    {
        Months = months;
        From = from;
        To = to;
    }

    public int? Months { get; }

    public DateOnly? From { get; }

    public DateOnly? To { get; }

    public static LookBackPeriod Default { get; } = new(12, null, null);

    /// <summary>
    /// "the last 12 months" (for set-up, before the audit is issued), or the range with its dates, introduced by "from" so
    /// that the briefing's identifier check reads them as the dates of events, not of birth.
    /// </summary>
    public string Describe() => Months is { } m
        ? $"the last {m} month{(m == 1 ? string.Empty : "s")}"
        : string.Create(CultureInfo.InvariantCulture, $"from {From:d MMMM yyyy} to {To:d MMMM yyyy}");

    /// <summary>
    /// The dates a period of months covers for an audit issued on <paramref name="issuedOn"/> (England's date): the months
    /// up to the day before the issue (12 months, issued 1 March 2026: 1 March 2025 to 28 February 2026), so every
    /// representative, and the briefing published later, reads the same window. A range is itself.
    /// </summary>
    public LookBackPeriod WindowTo(DateOnly issuedOn) =>
        Months is { } m ? new LookBackPeriod(null, issuedOn.AddMonths(-m), issuedOn.AddDays(-1)) : this;

    public static DomainResult<LookBackPeriod> OfMonths(int months) =>
        months is >= 1 and <= MaxMonths
            ? DomainResult<LookBackPeriod>.Ok(new LookBackPeriod(months, null, null))
            : DomainResult<LookBackPeriod>.Fail(DomainErrorKind.Invalid, $"The look-back period is 1 to {MaxMonths} months.");

    public static DomainResult<LookBackPeriod> Between(DateOnly from, DateOnly to) =>
        from < to
            ? DomainResult<LookBackPeriod>.Ok(new LookBackPeriod(null, from, to))
            : DomainResult<LookBackPeriod>.Fail(DomainErrorKind.Invalid, "The look-back period must start before it ends.");
}
