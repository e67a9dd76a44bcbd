using System.Globalization;
using WorkshopBot.Cards;
using WorkshopBot.Common;
using WorkshopBot.Common.Teams;
using WorkshopBot.Workshop.Domain;

namespace WorkshopBot.Workshop.Teams;

/// <summary>
/// What the workshop's cards share: titles, labels cut to fit a card, counts, results and the single-agency grades.
/// Channel cards carry no case detail beyond pseudonymous references.
/// </summary>
public static class WorkshopCardKit
{
    /// <summary>Longest idea text shown on a card; the CSV export has the full text.</summary>
    public const int MaxLabelOnCard = 200;

    /// <summary>Idea text in pickers, where the full text is already shown above.</summary>
    public const int ShortLabel = 80;

    public static TextBlock Title(string text) => new() { Text = text, Size = TextSize.Medium, Weight = TextWeight.Bolder, Wrap = true };

    /// <summary>
    /// Bytes a label may take on a card when its card has room for every label whole: more than any label of
    /// <see cref="MaxLabelOnCard"/> characters takes, however it is written (<see cref="CardBytes"/>).
    /// </summary>
    public const int AnyWidth = 4096;

    /// <summary>
    /// The text on one line, cut to <paramref name="max"/> characters and to <paramref name="bytes"/> bytes as the card
    /// carries it (<see cref="CardBytes"/>); a text cut keeps its start and ends with "…".
    /// </summary>
    public static string Label(string text, int max = MaxLabelOnCard, int bytes = AnyWidth) =>
        CardBytes.Cut(Line(text, max), bytes, t => t);

    /// <summary>
    /// <see cref="Label"/> for a TextBlock or a fact, which Teams reads as Markdown: a link or markup someone typed is
    /// shown as typed, never as a live link (choices and fallback text are plain and take <see cref="Label"/>). The
    /// <paramref name="bytes"/> are counted escaped; the cut is made before the escaping, so no escape is split.
    /// </summary>
    public static string Shown(string text, int max = MaxLabelOnCard, int bytes = AnyWidth) =>
        CardBytes.Cut(Line(text, max), bytes, MarkdownText.Escape);

    /// <summary>
    /// The card <paramref name="build"/> makes with the widest labels (bytes each, given to <see cref="Label"/> and
    /// <see cref="Shown"/>) that keep it within Teams' limit (<see cref="CardKit.MaxCardBytes"/>): however
    /// people write, every idea stays on the card, the longest cut alike to a readable start and short ones kept whole.
    /// </summary>
    public static AdaptiveCard FittingLabels(Func<int, AdaptiveCard> build) => CardKit.Fitting(AnyWidth, build);

    /// <summary>The width <see cref="FittingLabels"/> builds with, for a card built again with other lines.</summary>
    public static int LabelWidth(Func<int, AdaptiveCard> build)
    {
        ArgumentNullException.ThrowIfNull(build);
        return CardKit.Fits(build(AnyWidth)) ? AnyWidth : CardKit.LargestFitting(AnyWidth - 1, build);
    }

    private static string Line(string text, int max)
    {
        ArgumentNullException.ThrowIfNull(text);
        var single = text.Replace('\n', ' ');
        return single.Length <= max ? single : TextCut.Prefix(single, max - 1).TrimEnd() + CardBytes.Ellipsis;
    }

    public static string Plural(int count, string singular, string? plural = null) => CardKit.Plural(count, singular, plural);

    public static string Dots(int count) => DotTexts[Math.Clamp(count, 0, Poll.MaxDots)];

    // Every ballot shows one of these per idea, so they are made once.
    private static readonly System.Collections.Immutable.ImmutableArray<string> DotTexts =
        [.. Enumerable.Range(0, Poll.MaxDots + 1).Select(count => count == 0 ? "·" : new string('●', count))];

    /// <summary>The ranked results, or (while hidden) how many people have voted.</summary>
    public static IEnumerable<CardElement> Results(PollSnapshot snapshot, bool forceVisible = false, int width = AnyWidth)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var poll = snapshot.Poll;
        if (!poll.ResultsVisible && !forceVisible)
        {
            yield return ResultsHidden(ResultsHiddenText(snapshot.VoterCount));
            yield break;
        }

        var unit = poll.Kind == PollKind.IdeaBoard ? "dot" : "vote";
        yield return new FactSet
        {
            Separator = true,
            Facts = snapshot.Results.Select(r => new Fact($"#{r.Rank} · {Plural(r.Dots, unit)}", Shown(r.Label, bytes: width))).ToList(),
        };
    }

    /// <summary>What a card says in place of results that are hidden.</summary>
    public static string ResultsHiddenText(int voterCount) =>
        $"Results are hidden until voting closes. {Plural(voterCount, "person has", "people have")} voted.";

    public static TextBlock ResultsHidden(string text) => new() { Text = text, Wrap = true, IsSubtle = true };

    /// <summary>What a grade poll says in place of the single-agency grades while the returns are not released.</summary>
    public const string GradesNotReleased = "The single-agency grades show here once the chair releases the returns for moderation.";

    /// <summary>
    /// On a grade ratification poll, the single-agency grades of the case's submitted returns once the chair has released
    /// the returns; before that, one plain line saying so (each agency sees only its own return until then).
    /// </summary>
    public static IEnumerable<CardElement> GradesFromReturns(Poll poll, int width = AnyWidth)
    {
        ArgumentNullException.ThrowIfNull(poll);
        if (poll.Kind != PollKind.GradeRatification)
        {
            yield break;
        }

        if (!poll.GradesReleased)
        {
            yield return new TextBlock { Text = GradesNotReleased, Wrap = true, IsSubtle = true };
            yield break;
        }

        yield return new TextBlock
        {
            Text = $"Single-agency grades for case {poll.CaseReference}:",
            Wrap = true,
            Weight = TextWeight.Bolder,
        };
        yield return poll.AgencyGrades.Count == 0
            ? new TextBlock { Text = "No graded returns yet.", Wrap = true, IsSubtle = true }
            : new FactSet { Facts = poll.AgencyGrades.Select(g => new Fact(Shown(g.AgencyName, bytes: width), g.GradeLabel)).ToList() };
    }

    /// <summary>The poll's phase and counts in one line, e.g. "Voting open · 4 of 6 participants voted · 3 dots each".</summary>
    public static string Status(Poll poll, PollSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(poll);
        ArgumentNullException.ThrowIfNull(snapshot);
        var phase = poll.Phase switch
        {
            PollPhase.Collecting when poll.Kind == PollKind.IdeaBoard =>
                $"Adding ideas · {Plural(poll.Items.Count(i => i.IsVisible), "idea")}",
            PollPhase.Collecting => "Not open yet",
            PollPhase.Voting => $"Voting open · {snapshot.VoterCount} of {Plural(snapshot.Participants, "participant")} voted",
            _ => $"Closed · {Plural(snapshot.VoterCount, "person", "people")} voted",
        };
        if (poll.IsOpen && poll.ClosesAt is { } closesAt)
        {
            phase += $" · closes at {{{{TIME({closesAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)})}}}}";
        }

        if (poll.Kind == PollKind.IdeaBoard)
        {
            phase += $" · {Plural(poll.DotsPerVoter, "dot")} each" + (poll.Anonymous ? " · anonymous" : "");
        }

        return phase;
    }
}
