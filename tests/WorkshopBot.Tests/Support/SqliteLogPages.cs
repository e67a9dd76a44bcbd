using System.Buffers.Binary;
using Microsoft.Data.Sqlite;

namespace WorkshopBot.Tests.Support;

/// <summary>
/// Which pages of a SQLite database the commits in its write-ahead log changed, and which table or index each page
/// belongs to: for counting what a commit writes (each page a commit changes is one frame of the log, written as a
/// frame header and the page). The bundled SQLite has no <c>dbstat</c> table, so the b-trees are walked from their root
/// pages in the file itself. Test code only: it reads the files while the bot has them open, and needs no write of its own
/// but the checkpoints it asks for.
/// </summary>
internal static class SqliteLogPages
{
    /// <summary>
    /// Copies the log into the database file and empties it (<c>wal_checkpoint(TRUNCATE)</c>), so the next commits' frames
    /// are all the log holds. Fails when a reader or writer kept the checkpoint from finishing.
    /// </summary>
    public static async Task EmptyLogAsync(string databasePath)
    {
        await using var connection = new SqliteConnection($"Data Source={databasePath};Pooling=False");
        await connection.OpenAsync();
        await using (var wait = connection.CreateCommand())
        {
            wait.CommandText = "PRAGMA busy_timeout = 10000";
            await wait.ExecuteNonQueryAsync();
        }

        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), "the checkpoint answers a row");
        Assert.Equal(0L, reader.GetInt64(0));
    }

    /// <summary>The commits in the log, oldest first, each as the distinct pages its frames wrote.</summary>
    public static IReadOnlyList<IReadOnlySet<uint>> Commits(string databasePath)
    {
        byte[] log;
        using (var file = new FileStream(databasePath + "-wal", FileMode.Open, FileAccess.Read,
                   FileShare.ReadWrite | FileShare.Delete))
        {
            log = new byte[file.Length];
            file.ReadExactly(log);
        }

        var commits = new List<IReadOnlySet<uint>>();
        if (log.Length < 32)
        {
            return commits;
        }

        var pageSize = (int)BinaryPrimitives.ReadUInt32BigEndian(log.AsSpan(8));
        var salt1 = BinaryPrimitives.ReadUInt32BigEndian(log.AsSpan(16));
        var salt2 = BinaryPrimitives.ReadUInt32BigEndian(log.AsSpan(20));
        var pages = new HashSet<uint>();
        for (var at = 32; at + 24 + pageSize <= log.Length; at += 24 + pageSize)
        {
            var frame = log.AsSpan(at, 24);
            // A frame of an earlier round of the log (before a restart) carries other salts: the log ends there.
            if (BinaryPrimitives.ReadUInt32BigEndian(frame[8..]) != salt1 || BinaryPrimitives.ReadUInt32BigEndian(frame[12..]) != salt2)
            {
                break;
            }

            pages.Add(BinaryPrimitives.ReadUInt32BigEndian(frame));
            if (BinaryPrimitives.ReadUInt32BigEndian(frame[4..]) != 0)
            {
                commits.Add(pages);
                pages = [];
            }
        }

        return commits;
    }

    /// <summary>
    /// The table or index each page of the database file belongs to (its b-tree pages and its overflow pages); the
    /// schema's own b-tree is "sqlite_schema". Read after <see cref="EmptyLogAsync"/>, so the file holds every commit.
    /// </summary>
    public static async Task<IReadOnlyDictionary<uint, string>> OwnersAsync(string databasePath)
    {
        var roots = new List<(string Name, uint Root)> { ("sqlite_schema", 1) };
        await using (var connection = new SqliteConnection($"Data Source={databasePath};Pooling=False;Mode=ReadOnly"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT name, rootpage FROM sqlite_schema WHERE rootpage > 0";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                roots.Add((reader.GetString(0), (uint)reader.GetInt64(1)));
            }
        }

        byte[] file;
        using (var stream = new FileStream(databasePath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
        {
            file = new byte[stream.Length];
            stream.ReadExactly(file);
        }

        var tree = new BTreeFile(file);
        var owners = new Dictionary<uint, string>();
        foreach (var (name, root) in roots)
        {
            tree.Walk(root, name, owners);
        }

        return owners;
    }

    private sealed class BTreeFile(byte[] file)
    {
        private readonly int _pageSize = BinaryPrimitives.ReadUInt16BigEndian(file.AsSpan(16)) is var size && size == 1 ? 65536 : size;

        private int Usable => _pageSize - file[20];

        private uint Pages => (uint)(file.Length / _pageSize);

        public void Walk(uint root, string name, Dictionary<uint, string> owners)
        {
            var pending = new Stack<uint>();
            pending.Push(root);
            while (pending.TryPop(out var page))
            {
                if (page == 0 || page > Pages || !owners.TryAdd(page, name))
                {
                    continue;
                }

                var start = (int)(page - 1) * _pageSize;
                var header = start + (page == 1 ? 100 : 0);
                var kind = file[header];
                var interior = kind is 2 or 5;
                var cells = BinaryPrimitives.ReadUInt16BigEndian(file.AsSpan(header + 3));
                var pointers = header + (interior ? 12 : 8);
                if (interior)
                {
                    pending.Push(BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(header + 8)));
                }

                for (var i = 0; i < cells; i++)
                {
                    var cell = start + BinaryPrimitives.ReadUInt16BigEndian(file.AsSpan(pointers + (2 * i)));
                    if (interior)
                    {
                        pending.Push(BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(cell)));
                        cell += 4;
                    }

                    if (kind == 5)
                    {
                        continue; // an interior page of a table holds a child and a rowid, no payload
                    }

                    var payload = Varint(ref cell);
                    if (kind == 13)
                    {
                        Varint(ref cell); // the rowid
                    }

                    var local = Local(payload, table: kind == 13);
                    if (local < payload)
                    {
                        for (var overflow = BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(cell + (int)local));
                             overflow != 0 && overflow <= Pages && owners.TryAdd(overflow, name);
                             overflow = BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan((int)(overflow - 1) * _pageSize)))
                        {
                        }
                    }
                }
            }
        }

        // How much of a cell's payload is on its b-tree page (the rest is on overflow pages): SQLite's file format.
        private long Local(long payload, bool table)
        {
            var u = Usable;
            long x = table ? u - 35 : ((u - 12) * 64 / 255) - 23;
            long m = ((u - 12) * 32 / 255) - 23;
            var k = m + ((payload - m) % (u - 4));
            return payload <= x ? payload : k <= x ? k : m;
        }

        private long Varint(ref int at)
        {
            long value = 0;
            for (var i = 0; i < 9; i++)
            {
                var b = file[at++];
                if (i == 8)
                {
                    return (value << 8) | b;
                }

                value = (value << 7) | (uint)(b & 0x7F);
                if ((b & 0x80) == 0)
                {
                    return value;
                }
            }

            return value;
        }
    }
}
