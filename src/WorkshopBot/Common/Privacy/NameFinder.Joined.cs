using System.Text;

namespace WorkshopBot.Common.Privacy;

/// <summary>
/// Names joined to the next word without a space, in any number of parts: "JaneSmith", "jane.smith.jones",
/// "Jane_Amy_Smith", "AishaKhanAli's mum". Such a word is read a second time split into its parts, where a small
/// letter meets a capital (not after Mc, Mac, De and the like: "McDonald's") and at a dot or an underscore between
/// letters, a part in small letters that is a name or the head of an organisation read with a capital
/// ("jane.smith.report" reads "Jane Smith report", so "report" is not taken for the head of an organisation, while
/// "ellen_wilkinson_school" reads "Ellen Wilkinson School"); the rules then run over that reading, and a
/// name found there is widened to every name part joined to it ("Jane Smith" to "JaneSmithJones"). It is kept only
/// when it takes in a part of a joined word, every such part is a name in the gazetteer (a part typed in small
/// letters must not also be an everyday word) and it ends where a word of the text ends, so "PowerPointTeamsChat",
/// "WhatsAppGroupChat", "mum.will.call", "MsTeams" and "mum PowerPointed" hold no name. An e-mail address or a link
/// ("@", "www.", "://", ".gov.uk") is not split here: see <see cref="LinkNames"/>.
/// </summary>
internal static partial class NameFinder
{
    // Words either side of a joined word that the rules may need: a cue, "known as", a relation after a possessive.
    private const int JoinedContextWords = 6;

    /// <summary>Where a joined word is split: a dot or underscore read as a space, or a space put before a capital.</summary>
    private readonly record struct Joint(int At, bool Insert);

    /// <summary>The union of overlapping ranges, in text order: rules, and the two readings, can find the same name
    /// twice ("Mother Roisin Mulligan's", "Mrs.Kaur").</summary>
    private static List<(int Start, int End)> Union(List<(int Start, int End)> found)
    {
        found.Sort();
        var kept = new List<(int Start, int End)>();
        foreach (var range in found)
        {
            if (kept.Count > 0 && range.Start < kept[^1].End)
            {
                kept[^1] = (kept[^1].Start, Math.Max(kept[^1].End, range.End));
            }
            else
            {
                kept.Add(range);
            }
        }

        return kept;
    }

    private static void JoinedNames(string text, IReadOnlyList<TextWord> words, List<(int Start, int End)> found)
    {
        var chunks = new List<(int Start, int End)>();
        var partStarts = new HashSet<int>();
        var joints = Joints(text, chunks, partStarts);
        if (joints.Count == 0)
        {
            return;
        }

        // Only the words around the joined ones are read again, so one joined word in a long text costs little.
        var windows = new List<(int Start, int End)>();
        foreach (var joint in joints)
        {
            var at = LastStartingBy(words, joint.At);
            var from = at < 0 ? 0 : words[Math.Max(0, at - JoinedContextWords)].Start;
            var to = at < 0 ? text.Length : words[Math.Min(words.Count - 1, at + JoinedContextWords)].End;
            if (windows.Count > 0 && from <= windows[^1].End)
            {
                windows[^1] = (windows[^1].Start, Math.Max(windows[^1].End, to));
            }
            else
            {
                windows.Add((from, to));
            }
        }

        var next = 0;
        foreach (var (from, to) in windows)
        {
            while (next < joints.Count && joints[next].At < from)
            {
                next++;
            }

            var (reading, map) = Reading(text, from, to, joints, next, partStarts);
            var readingWords = TextWord.Split(reading);
            var names = new List<(int Start, int End)>();
            FindIn(reading, readingWords, names);
            var (runs, widened) = (Runs(text, chunks, readingWords, map), new HashSet<(int, int)>());
            foreach (var name in names)
            {
                // Many names in one long run widen to the same range ("JaneSmithJaneSmith..."): it is checked once.
                var (start, end) = Widen(readingWords, runs, name);
                var (typedStart, typedEnd) = (map[start], map[end - 1] + 1);
                if (widened.Add((start, end)) && IsJoinedName(text, chunks, readingWords, map, start, end)
                    && IsWholeWords(words, typedStart, typedEnd))
                {
                    found.Add((typedStart, typedEnd));
                }
            }
        }
    }

    /// <summary>Index of the last word starting at or before <paramref name="at"/>, or -1.</summary>
    private static int LastStartingBy(IReadOnlyList<TextWord> words, int at)
    {
        var (low, high) = (0, words.Count - 1);
        while (low <= high)
        {
            var mid = (low + high) / 2;
            (low, high) = words[mid].Start <= at ? (mid + 1, high) : (low, mid - 1);
        }

        return high;
    }

    /// <summary>Whether a range starts and ends where words of the text do: "mum PowerPointed" reads "mum Power
    /// Pointed", and "Power" alone is a piece of a word, not a name.</summary>
    private static bool IsWholeWords(IReadOnlyList<TextWord> words, int start, int end)
    {
        var (first, last) = (LastStartingBy(words, start), LastStartingBy(words, end - 1));
        return first >= 0 && words[first].Start == start && (words[last].End == end || words[last].BaseEnd == end);
    }

    /// <summary>The joints of every joined word in the text, in order; each joined word's range goes to
    /// <paramref name="chunks"/> and the start of each of its parts to <paramref name="partStarts"/>.</summary>
    private static List<Joint> Joints(string text, List<(int Start, int End)> chunks, HashSet<int> partStarts)
    {
        var joints = new List<Joint>();
        foreach (var (start, end) in Chunks(text))
        {
            var before = joints.Count;
            JointsIn(text, start, end, joints, partStarts);
            if (joints.Count > before && NameShapes.IsAddress(text.AsSpan(start, end - start)))
            {
                joints.RemoveRange(before, joints.Count - before);
            }
            else if (joints.Count > before)
            {
                chunks.Add((start, end));
            }
        }

        return joints;
    }

    /// <summary>The runs of the text without white space ("words" as typed, marks and all), in order.</summary>
    private static IEnumerable<(int Start, int End)> Chunks(string text)
    {
        for (var i = 0; i < text.Length;)
        {
            if (char.IsWhiteSpace(text[i]))
            {
                i++;
                continue;
            }

            var start = i;
            while (i < text.Length && !char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            yield return (start, i);
        }
    }

    private static void JointsIn(string text, int start, int end, List<Joint> joints, HashSet<int> partStarts)
    {
        var part = -1; // where the current run of letters starts
        for (var p = start; p < end; p++)
        {
            var c = text[p];
            if (!char.IsLetter(c))
            {
                if (c is '.' or '_' && part >= 0 && p + 1 < end && char.IsLetter(text[p + 1]))
                {
                    joints.Add(new Joint(p, Insert: false));
                    partStarts.Add(part);
                    partStarts.Add(p + 1);
                }

                part = -1;
            }
            else if (part < 0)
            {
                part = p;
            }
            else if (char.IsLower(text[p - 1]) && char.IsUpper(c) && p - part > 1
                     && !NameShapes.IsCapitalPrefix(text.AsSpan(part, p - part)))
            {
                // "JaneSmith", "AishaKhan's"; not "iPhone" (one letter before) nor "McDonald" or "DeShawn".
                joints.Add(new Joint(p, Insert: true));
                partStarts.Add(part);
                partStarts.Add(p);
                part = p;
            }
        }
    }

    /// <summary>The text from <paramref name="from"/> to <paramref name="to"/> with its joined words split, and for
    /// each character of the reading the index of the character it comes from.</summary>
    private static (string Reading, int[] Map) Reading(
        string text, int from, int to, List<Joint> joints, int next, HashSet<int> partStarts)
    {
        var reading = new StringBuilder(to - from + 16);
        var map = new List<int>(to - from + 16);
        for (var p = from; p < to; p++)
        {
            var joint = next < joints.Count && joints[next].At == p ? joints[next++] : (Joint?)null;
            if (joint is { Insert: false })
            {
                reading.Append(' ');
                map.Add(p);
                continue;
            }

            if (joint is { Insert: true })
            {
                reading.Append(' ');
                map.Add(p);
            }

            reading.Append(partStarts.Contains(p) && IsCapitalisedAt(text, p) ? char.ToUpperInvariant(text[p]) : text[p]);
            map.Add(p);
        }

        return (reading.ToString(), [.. map]);
    }

    /// <summary>Whether a name found in the split reading takes in a part of a joined word, and every such part is
    /// a name (see <see cref="IsNamePart"/>).</summary>
    private static bool IsJoinedName(
        string text, List<(int Start, int End)> chunks, List<TextWord> readingWords, int[] map, int start, int end)
    {
        var joined = false;
        for (var i = Math.Max(0, LastStartingBy(readingWords, start)); i < readingWords.Count && readingWords[i].Start < end; i++)
        {
            var word = readingWords[i];
            if (word.End <= start || !InChunk(chunks, map[word.Start]))
            {
                continue;
            }

            joined = true;
            if (!IsNamePart(word, char.IsLower(text[map[word.Start]])))
            {
                return false;
            }
        }

        return joined;
    }

    private static bool InChunk(List<(int Start, int End)> chunks, int at)
    {
        var (low, high) = (0, chunks.Count - 1);
        while (low <= high)
        {
            var mid = (low + high) / 2;
            if (chunks[mid].End <= at)
            {
                low = mid + 1;
            }
            else if (chunks[mid].Start > at)
            {
                high = mid - 1;
            }
            else
            {
                return true;
            }
        }

        return false;
    }
}
