using System.Globalization;

namespace WorkshopBot.Briefings.Domain;

/// <summary>
/// What a finding says, for comparing it with another: its words folded into concepts (<see cref="FindingWords"/>), whether it
/// says something did not happen, was poor or came late (<see cref="FindingWords.IsNegative"/>), and its themes (the one it was
/// tagged with at the workshop and every theme its words suggest, see <see cref="ThemeInference.Candidates"/>).
/// </summary>
public sealed record FindingGist(IReadOnlySet<string> Words, bool Negative, IReadOnlyList<string> Themes)
{
    public static FindingGist Of(string text, string? taggedTheme = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new FindingGist(BriefingText.Tokens(text), FindingWords.IsNegative(text),
            WorkshopBot.Common.Themes.IsKnown(taggedTheme)
                ? [taggedTheme!, .. ThemeInference.Candidates(text).Where(t => t != taggedTheme)]
                : ThemeInference.Candidates(text));
    }
}

/// <summary>Whether two findings are one point said twice, their score, and why, in words a chair can check.</summary>
public sealed record FindingComparison(bool SameFinding, double Score, string Reason);

/// <summary>
/// The one rule for merging near-duplicate findings. Two findings are the same point when they say it the same way round
/// (both or neither say that something did not happen, was poor or came late: "shared promptly" is not "shared late"),
/// have a theme in common (or one has no theme that can be told), and share enough of their words: the Jaccard index of
/// their concept sets (shared over all) is at least <see cref="Threshold"/>, or, when the shorter has at least
/// <see cref="MinWordsForContainment"/> concepts, the share of the shorter's concepts found in the longer, weighted by
/// <see cref="ContainmentWeight"/>, is.
/// Deterministic: no model, no randomness, the same two texts always give the same answer.
/// </summary>
public static class FindingSimilarity
{
    public const double Threshold = 0.6;

    public const int MinWordsForContainment = 3;

    /// <summary>A restatement with fewer words counts a little less than the same words in both.</summary>
    public const double ContainmentWeight = 0.85;

    public static FindingComparison Compare(string a, string b) => Compare(FindingGist.Of(a), FindingGist.Of(b));

    public static FindingComparison Compare(FindingGist a, FindingGist b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Negative != b.Negative)
        {
            return new FindingComparison(false, 0, "opposite meaning: one says something did not happen, was poor or came late");
        }

        if (a.Themes.Count > 0 && b.Themes.Count > 0 && !a.Themes.Intersect(b.Themes, StringComparer.Ordinal).Any())
        {
            return new FindingComparison(false, 0, $"different themes: {string.Join("/", a.Themes)} and {string.Join("/", b.Themes)}");
        }

        var score = Score(a.Words, b.Words);
        var shared = string.Join(", ", a.Words.Where(b.Words.Contains).Order(StringComparer.Ordinal));
        var figure = score.ToString("0.00", CultureInfo.InvariantCulture);
        return score >= Threshold
            ? new FindingComparison(true, score, $"the same point: {figure} (shared: {shared})")
            : new FindingComparison(false, score, $"different points: {figure} is under {Threshold:0.0} (shared: {shared})");
    }

    /// <summary>Jaccard of the two concept sets, or the weighted containment of the smaller in the larger if higher.</summary>
    public static double Score(IReadOnlySet<string> a, IReadOnlySet<string> b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Count == 0 || b.Count == 0)
        {
            return 0;
        }

        var common = a.Count(b.Contains);
        var jaccard = (double)common / (a.Count + b.Count - common);
        var smaller = Math.Min(a.Count, b.Count);
        var containment = smaller >= MinWordsForContainment ? (double)common / smaller : 0;
        return Math.Max(jaccard, containment * ContainmentWeight);
    }
}
