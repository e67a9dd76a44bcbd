using System.Globalization;
using WorkshopBot.Workshop.Domain;
using static WorkshopBot.Workshop.Teams.WorkshopCardKit;

namespace WorkshopBot.Workshop.Teams;

/// <summary>
/// What an idea board's ballot says that changes from vote to vote: the dots the voter has used, each idea's line (their
/// dots and, when results are visible, its rank and count) and, while results are hidden, how many people have voted.
/// </summary>
internal abstract class DotLines
{
    public abstract string Used { get; }

    /// <summary>The line of the idea at <paramref name="index"/> in the poll's votable options.</summary>
    public abstract string Idea(int index);

    public abstract string HiddenResults { get; }

    /// <summary>
    /// The dots used and those left that can still be placed: the budget left, or fewer when the ideas have no room for
    /// them (<paramref name="room"/>: how many more dots the votable ideas take, at most <paramref name="maxPerIdea"/> each).
    /// A board with fewer places than dots says plainly that the rest cannot be placed.
    /// </summary>
    public static string UsedText(int used, int budget, int room, int maxPerIdea)
    {
        var left = Math.Max(0, budget - used);
        var placeable = Math.Min(left, Math.Max(0, room));
        return placeable == left
            ? $"You have used {used} of {budget} dots; {Plural(left, "dot")} left."
            : $"You have used {used} of {budget} dots; {Plural(placeable, "dot")} left that you can place. Each idea takes at most "
                + $"{Plural(maxPerIdea, "dot")}, so {left - placeable} of your dots cannot be placed.";
    }

    /// <summary>How many more dots the votable ideas take: <paramref name="maxPerIdea"/> on each, less the voter's own.</summary>
    public static int Room(IReadOnlyList<PollOption> ideas, int maxPerIdea, IReadOnlyDictionary<string, int> mine)
    {
        ArgumentNullException.ThrowIfNull(ideas);
        ArgumentNullException.ThrowIfNull(mine);
        var room = 0;
        foreach (var idea in ideas)
        {
            room += Math.Max(0, maxPerIdea - mine.GetValueOrDefault(idea.Id));
        }

        return room;
    }
}

/// <summary>A voter's lines, from their own counts and the poll's ranked counts.</summary>
internal sealed class VoterDotLines(PollSnapshot snapshot, IReadOnlyDictionary<string, int> mine) : DotLines
{
    private Dictionary<string, OptionResult>? _results;

    public override string Used => UsedText(mine.Values.Sum(), snapshot.Poll.DotsPerVoter,
        Room(snapshot.Poll.VotableOptions, snapshot.Poll.MaxDotsPerItem, mine), snapshot.Poll.MaxDotsPerItem);

    public override string HiddenResults => ResultsHiddenText(snapshot.VoterCount);

    public override string Idea(int index)
    {
        var poll = snapshot.Poll;
        var option = poll.VotableOptions[index];
        var dots = Dots(mine.GetValueOrDefault(option.Id));
        if (!poll.ResultsVisible)
        {
            return dots;
        }

        // BallotTemplate writes the same line as bytes; BallotTemplateBytes holds the two to the same text.
        _results ??= snapshot.Results.ToDictionary(r => r.OptionId, StringComparer.Ordinal);
        return _results.TryGetValue(option.Id, out var r)
            ? string.Create(CultureInfo.InvariantCulture, $"{dots} · #{r.Rank} · {Plural(r.Dots, "dot")}")
            : dots;
    }
}

/// <summary>Markers in place of every line, numbered in the order the card carries them (see <see cref="BallotTemplate"/>).</summary>
internal sealed class MarkerDotLines(int ideas) : DotLines
{
    public override string Used => Marker(0);

    public override string Idea(int index) => Marker(1 + index);

    public override string HiddenResults => Marker(1 + ideas);

    public static string Marker(int slot) => string.Create(CultureInfo.InvariantCulture, $"\u0001{slot}\u0001");
}

/// <summary>
/// Every line at its widest, whoever votes and however many: all the dots a person can have on each idea, a rank and a
/// count longer than any poll reaches, and the longest line of dots used. A ballot's labels are measured with these.
/// </summary>
internal sealed class WidestDotLines(int ideas) : DotLines
{
    private static readonly string WidestIdea =
        string.Create(CultureInfo.InvariantCulture, $"{Dots(Poll.MaxDots)} · #{99_999} · {Plural(int.MaxValue, "dot")}");

    public override string Used { get; } = UsedText(0, Poll.MaxDots, 0, Poll.MaxDots);

    public override string Idea(int index) => index < ideas ? WidestIdea : throw new ArgumentOutOfRangeException(nameof(index));

    public override string HiddenResults { get; } = ResultsHiddenText(int.MaxValue);
}
