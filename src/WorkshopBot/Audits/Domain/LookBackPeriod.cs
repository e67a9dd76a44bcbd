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

    public string Describe() => Months is { } m
        ? $"the last {m} month{(m == 1 ? string.Empty : "s")}"
        : $"{From:d MMMM yyyy} to {To:d MMMM yyyy}";

    public static DomainResult<LookBackPeriod> OfMonths(int months) =>
        months is >= 1 and <= MaxMonths
            ? DomainResult<LookBackPeriod>.Ok(new LookBackPeriod(months, null, null))
            : DomainResult<LookBackPeriod>.Fail(DomainErrorKind.Invalid, $"The look-back period is 1 to {MaxMonths} months.");

    public static DomainResult<LookBackPeriod> Between(DateOnly from, DateOnly to) =>
        from < to
            ? DomainResult<LookBackPeriod>.Ok(new LookBackPeriod(null, from, to))
            : DomainResult<LookBackPeriod>.Fail(DomainErrorKind.Invalid, "The look-back period must start before it ends.");
}
