using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace WorkshopBot.Storage;

/// <summary>
/// The SQL texts of queries read in one round trip (<see cref="StoreQuery{T}.Then{TNext}"/>), joined once per database
/// and kept by the texts joined (the same string objects, as the stores' constant texts are): a vote's read joins three
/// texts of about 2 KB, and putting them together again on every vote was a tenth of the bytes a vote allocated.
/// </summary>
internal sealed class StoreSqlJoins
{
    /// <summary>More distinct joins than this and all are let go (texts built afresh for each read would never match).</summary>
    public const int MaxKept = 64;

    private readonly ConcurrentDictionary<Parts, string> _joined = new();

    /// <summary>The joined text of <paramref name="parts"/>, equal to <see cref="Join"/>'s.</summary>
    public string Of(IReadOnlyList<string> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        if (parts.Count == 1)
        {
            return parts[0];
        }

        var key = new Parts(parts);
        if (_joined.TryGetValue(key, out var sql))
        {
            return sql;
        }

        if (_joined.Count >= MaxKept)
        {
            _joined.Clear();
        }

        sql = Join(parts);
        _joined[key] = sql;
        return sql;
    }

    /// <summary>Each text but the last without trailing blanks and semicolons, then <c>";\n"</c>, then the last.</summary>
    public static string Join(IReadOnlyList<string> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        var sql = parts[0];
        for (var i = 1; i < parts.Count; i++)
        {
            sql = sql.TrimEnd().TrimEnd(';') + ";\n" + parts[i];
        }

        return sql;
    }

    // The texts compared as objects, not character by character: a lookup costs no more than a few references.
    private readonly struct Parts(IReadOnlyList<string> texts) : IEquatable<Parts>
    {
        private readonly IReadOnlyList<string> _texts = texts;

        public bool Equals(Parts other)
        {
            if (_texts.Count != other._texts.Count)
            {
                return false;
            }

            for (var i = 0; i < _texts.Count; i++)
            {
                if (!ReferenceEquals(_texts[i], other._texts[i]))
                {
                    return false;
                }
            }

            return true;
        }

        public override bool Equals(object? obj) => obj is Parts other && Equals(other);

        public override int GetHashCode()
        {
            var hash = new HashCode();
            for (var i = 0; i < _texts.Count; i++)
            {
                hash.Add(RuntimeHelpers.GetHashCode(_texts[i]));
            }

            return hash.ToHashCode();
        }
    }
}
