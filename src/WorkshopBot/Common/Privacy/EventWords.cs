using System.Collections.Frozen;
using System.Collections.Immutable;

namespace WorkshopBot.Common.Privacy;

/// <summary>
/// Words that say what happened on a date: "referral received 04/10/2023", "ICPC convened", "seen at A&amp;E",
/// "returns due by". Kept to events and their paperwork; words such as "record" or "file" would also stand between
/// a birth label and the date ("d.o.b. on the GP record, 13/05/2020"), so they are not here.
/// </summary>
internal static class EventWords
{
    private static readonly FrozenSet<string> Words = (
        "refer icpc rcpc strategy meeting meetings discussion seen saw open opened closed closure closing due deadline "
        + "medical survey skeletal conference incident incidents a&e ed held convened reconvened began commenced received "
        + "receipt appointment appt mash panel workshop publication issued updated dated hearing court listed plan s47 "
        + "section lado rang phoned letter sent booked booking scan clinic session supervision moved move missing found "
        + "returned placement placed order epo stepped decision outcome episode observed noted check happened occurred "
        + "ended met mark marks marked chronology minutes agreed decided signed called call email emailed took core "
        + "admitted admission ambulance 999 101 111 date dates strat disc iha rha rhi eha taf cin cp cpc marac mappa plo "
        + "ipo fgc pep lac cla ehcp cpis cp-is round rounds")
        .Split(' ', StringSplitOptions.RemoveEmptyEntries).ToFrozenSet(StringComparer.Ordinal);

    private static readonly ImmutableArray<string> Prefixes =
    [
        "referr", "visit", "assess", "enquir", "inquir", "attend", "discharg", "review", "start", "complet", "conclud",
        "contact", "audit", "publish", "interview", "arrest", "report", "disclos", "consult", "transfer", "exclu",
        "suspen", "remov", "notif", "escalat", "triage", "screen", "allocat", "injur", "bruis", "fractur", "weigh",
        "immunis", "vaccinat", "test", "result", "strateg",
    ];

    // Agencies and workers: an event when written right before the date, as in a chronology ("GP 12/03/2024",
    // "HV 03/05/2024"), but not further back ("d.o.b. on the GP record, 13/05/2020" is still a date of birth).
    private static readonly FrozenSet<string> Agencies = (
        "gp hv sw csc police school nursery camhs midwife midwifery hospital paediatrician paediatrics health sn "
        + "dsl yot probation housing ehm fnp")
        .Split(' ', StringSplitOptions.RemoveEmptyEntries).ToFrozenSet(StringComparer.Ordinal);

    /// <summary>True when the word right before a date is an agency or worker ("GP 12/03/2024").</summary>
    public static bool IsAgency(string lower) => Agencies.Contains(lower);

    /// <summary>True when the lower-case word names an event.</summary>
    public static bool IsEvent(string lower) =>
        Words.Contains(lower) || Prefixes.Any(p => lower.StartsWith(p, StringComparison.Ordinal));

    /// <summary>The end of the last event word among <paramref name="words"/> inside [from, to), or -1.</summary>
    public static int LastEventEnd(IReadOnlyList<TextWord> words, int from, int to)
    {
        for (var i = LastWordEndingBy(words, to); i >= 0 && words[i].Start >= from; i--)
        {
            if (IsEvent(words[i].Lower))
            {
                return words[i].End;
            }
        }

        return -1;
    }

    /// <summary>True when one of the first <paramref name="count"/> words inside [from, to) names an event.</summary>
    public static bool AnyEventAfter(IReadOnlyList<TextWord> words, int from, int to, int count)
    {
        var i = LastWordEndingBy(words, from) + 1;
        for (var seen = 0; i < words.Count && words[i].End <= to && seen < count; i++, seen++)
        {
            if (IsEvent(words[i].Lower))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Index of the last word that ends at or before <paramref name="index"/>, or -1.</summary>
    public static int LastWordEndingBy(IReadOnlyList<TextWord> words, int index)
    {
        var (lo, hi, found) = (0, words.Count - 1, -1);
        while (lo <= hi)
        {
            var mid = (lo + hi) / 2;
            if (words[mid].End <= index)
            {
                found = mid;
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return found;
    }
}
