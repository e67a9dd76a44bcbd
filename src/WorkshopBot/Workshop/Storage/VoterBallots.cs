using System.Globalization;
using System.Text;

namespace WorkshopBot.Workshop.Storage;

/// <summary>
/// A voter's dots per option as they are kept, in the voter's own row (workshop_voters.ballot, migration 2324): entries
/// "dots, option id", the fields apart by <see cref="Field"/> and the entries by <see cref="Entry"/>, "" for no dots.
/// The same text the voter's read parses (<see cref="SqlWorkshopVoteStore"/>'s ReadCounts) and the migration built from
/// the former per-option rows. Option ids are the bot's own and hold no control character; the id comes last.
/// </summary>
internal static class VoterBallots
{
    /// <summary>Between a entry's fields (the unit separator).</summary>
    public const string Field = "\u001f";

    /// <summary>Between entries (the record separator).</summary>
    public const string Entry = "\u001e";

    /// <summary>
    /// SQL: the number of options a voter row's ballot puts dots on (the dot placements a reset or a purge removes, as
    /// the per-option rows were), with the parameter <c>@entry</c> bound to <see cref="Entry"/>; the same on both stores.
    /// </summary>
    public const string PlacementsSql =
        "CASE WHEN ballot = '' THEN 0 ELSE length(ballot) - length(replace(ballot, @entry, '')) + 1 END";

    /// <summary>The text of <paramref name="ballot"/> (options without dots left out).</summary>
    public static string Text(IReadOnlyDictionary<string, int> ballot)
    {
        ArgumentNullException.ThrowIfNull(ballot);
        if (ballot.Count == 0)
        {
            return "";
        }

        var text = new StringBuilder(ballot.Count * 16);
        foreach (var (option, dots) in ballot)
        {
            if (dots <= 0)
            {
                continue;
            }

            if (text.Length > 0)
            {
                text.Append(Entry);
            }

            text.Append(dots.ToString(CultureInfo.InvariantCulture)).Append(Field).Append(option);
        }

        return text.ToString();
    }

    /// <summary>Each entry of <paramref name="text"/>: the option id and its dots.</summary>
    public static IEnumerable<(string OptionId, int Dots)> Entries(string? text)
    {
        foreach (var entry in (text ?? "").Split(Entry[0], StringSplitOptions.RemoveEmptyEntries))
        {
            var at = entry.IndexOf(Field[0], StringComparison.Ordinal);
            yield return (entry[(at + 1)..], int.Parse(entry.AsSpan(0, at), CultureInfo.InvariantCulture));
        }
    }
}
