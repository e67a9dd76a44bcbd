using System.Text.Json;
using System.Text.Json.Nodes;
using LiteDB;
using Microsoft.Data.Sqlite;

namespace WorkshopBot.Benchmarks;

/// <summary>The vote path on one engine: a conditional upsert with a running count, in one transaction.</summary>
internal interface IVoteStore : IDisposable
{
    /// <summary>One dot of <paramref name="voter"/> on <paramref name="option"/>; false when over the voter's budget.</summary>
    bool Vote(string voter, string option);

    (long Dots, long Used) Totals();
}

internal static class VoteStores
{
    /// <summary>The engine's vote store; <paramref name="serialise"/> false leaves LiteDB to its own locking (shows why not).</summary>
    public static IVoteStore Open(string engine, string file, bool serialise = true) =>
        engine == Engines.Sqlite ? new SqliteVotes(file) : new LiteDbVotes(file, serialise);

    /// <summary>As the bot's SQL vote store: BEGIN IMMEDIATE, read the count, upsert the row and the count, commit.</summary>
    private sealed class SqliteVotes : IVoteStore
    {
        private readonly string _file;

        public SqliteVotes(string file)
        {
            _file = file;
            using var connection = Engines.OpenSqlite(file);
            Engines.Execute(connection, """
                CREATE TABLE votes (voter TEXT NOT NULL, option TEXT NOT NULL, dots INTEGER NOT NULL, PRIMARY KEY (voter, option));
                CREATE TABLE voters (voter TEXT NOT NULL PRIMARY KEY, used INTEGER NOT NULL);
                """);
        }

        public bool Vote(string voter, string option)
        {
            using var connection = Engines.OpenSqlite(_file);
            using var transaction = connection.BeginTransaction(deferred: false);
            using var read = connection.CreateCommand();
            read.Transaction = transaction;
            read.CommandText = "SELECT used FROM voters WHERE voter = $voter";
            read.Parameters.AddWithValue("$voter", voter);
            if (read.ExecuteScalar() is long used && used >= LiteDbComparison.Budget)
            {
                transaction.Rollback();
                return false;
            }

            using var write = connection.CreateCommand();
            write.Transaction = transaction;
            write.CommandText = """
                INSERT INTO votes (voter, option, dots) VALUES ($voter, $option, 1)
                ON CONFLICT (voter, option) DO UPDATE SET dots = dots + 1;
                INSERT INTO voters (voter, used) VALUES ($voter, 1) ON CONFLICT (voter) DO UPDATE SET used = used + 1;
                """;
            write.Parameters.AddWithValue("$voter", voter);
            write.Parameters.AddWithValue("$option", option);
            write.ExecuteNonQuery();
            transaction.Commit();
            return true;
        }

        public (long Dots, long Used) Totals()
        {
            using var connection = Engines.OpenSqlite(_file);
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT (SELECT COALESCE(SUM(dots), 0) FROM votes), (SELECT COALESCE(SUM(used), 0) FROM voters)";
            using var reader = command.ExecuteReader();
            reader.Read();
            return (reader.GetInt64(0), reader.GetInt64(1));
        }

        public void Dispose() => SqliteConnection.ClearAllPools();
    }

    /// <summary>
    /// The same in LiteDB: a transaction that reads the count and upserts both documents. LiteDB has no conditional
    /// update and locks a collection only when a transaction first writes to it, so two transactions could both read
    /// the same count: the store serialises votes itself (the lock SQLite takes with BEGIN IMMEDIATE).
    /// </summary>
    private sealed class LiteDbVotes(string file, bool serialise) : IVoteStore
    {
        private readonly LiteDatabase _db = Engines.OpenLiteDb(file);
        private readonly Lock _writer = new();

        public bool Vote(string voter, string option)
        {
            if (!serialise)
            {
                return VoteInTransaction(voter, option);
            }

            lock (_writer)
            {
                return VoteInTransaction(voter, option);
            }
        }

        private bool VoteInTransaction(string voter, string option)
        {
            _db.BeginTrans();
            var voters = _db.GetCollection("voters");
            var count = voters.FindById(voter);
            var used = count is null ? 0 : count["used"].AsInt32;
            if (used >= LiteDbComparison.Budget)
            {
                _db.Rollback();
                return false;
            }

            var votes = _db.GetCollection("votes");
            var key = voter + "|" + option;
            var vote = votes.FindById(key);
            votes.Upsert(new BsonDocument { ["_id"] = key, ["dots"] = (vote is null ? 0 : vote["dots"].AsInt32) + 1 });
            voters.Upsert(new BsonDocument { ["_id"] = voter, ["used"] = used + 1 });
            _db.Commit();
            return true;
        }

        public (long Dots, long Used) Totals() =>
            (_db.GetCollection("votes").FindAll().Sum(d => (long)d["dots"].AsInt32),
                _db.GetCollection("voters").FindAll().Sum(d => (long)d["used"].AsInt32));

        public void Dispose() => _db.Dispose();
    }
}

/// <summary>The document store on one engine: JSON documents with a version, read by id and updated only if unchanged.</summary>
internal interface IDocumentStoreBench : IDisposable
{
    void Seed(int count);

    /// <summary>Reads, changes and writes back one document if its version is unchanged; false on a conflict.</summary>
    bool Touch(string id);

    long VersionSum();
}

internal static class DocumentStores
{
    public static IDocumentStoreBench Open(string engine, string file) =>
        engine == Engines.Sqlite ? new SqliteDocuments(file) : new LiteDbDocuments(file);

    /// <summary>An audit-sized JSON document (about 2 KB), as the bot stores aggregates.</summary>
    public static string Json(int n) => System.Text.Json.JsonSerializer.Serialize(new
    {
        id = $"audit-{n}",
        title = "Non-accidental injury audit, spring 2026",
        touched = 0,
        cases = Enumerable.Range(1, 10).Select(c => new { reference = $"NAI-2026-03-C{c}", ageBand = "under-1" }),
        agencies = Enumerable.Range(1, 8).Select(a => new { id = $"agency-{a}", name = $"Agency {a}", representative = $"rep-{a}" }),
    });

    public static string Touched(string json)
    {
        var node = JsonNode.Parse(json)!;
        node["touched"] = node["touched"]!.GetValue<int>() + 1;
        return node.ToJsonString();
    }

    private sealed class SqliteDocuments : IDocumentStoreBench
    {
        private readonly string _file;

        public SqliteDocuments(string file)
        {
            _file = file;
            using var connection = Engines.OpenSqlite(file);
            Engines.Execute(connection, """
                CREATE TABLE documents (collection TEXT NOT NULL, id TEXT NOT NULL, version INTEGER NOT NULL, json TEXT NOT NULL,
                    key1 TEXT NULL, PRIMARY KEY (collection, id));
                CREATE INDEX ix_documents_key1 ON documents (collection, key1);
                """);
        }

        public void Seed(int count)
        {
            using var connection = Engines.OpenSqlite(_file);
            using var transaction = connection.BeginTransaction();
            for (var i = 0; i < count; i++)
            {
                using var insert = connection.CreateCommand();
                insert.Transaction = transaction;
                insert.CommandText = "INSERT INTO documents VALUES ('audits', $id, 1, $json, 'chair')";
                insert.Parameters.AddWithValue("$id", $"audit-{i}");
                insert.Parameters.AddWithValue("$json", Json(i));
                insert.ExecuteNonQuery();
            }

            transaction.Commit();
        }

        public bool Touch(string id)
        {
            using var connection = Engines.OpenSqlite(_file);
            long version;
            string json;
            using (var read = connection.CreateCommand())
            {
                read.CommandText = "SELECT version, json FROM documents WHERE collection = 'audits' AND id = $id";
                read.Parameters.AddWithValue("$id", id);
                using var reader = read.ExecuteReader();
                reader.Read();
                (version, json) = (reader.GetInt64(0), reader.GetString(1));
            }

            using var update = connection.CreateCommand();
            update.CommandText =
                "UPDATE documents SET version = version + 1, json = $json WHERE collection = 'audits' AND id = $id AND version = $v";
            update.Parameters.AddWithValue("$id", id);
            update.Parameters.AddWithValue("$v", version);
            update.Parameters.AddWithValue("$json", Touched(json));
            return update.ExecuteNonQuery() == 1;
        }

        public long VersionSum()
        {
            using var connection = Engines.OpenSqlite(_file);
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT SUM(version) FROM documents";
            return (long)command.ExecuteScalar()!;
        }

        public void Dispose() => SqliteConnection.ClearAllPools();
    }

    private sealed class LiteDbDocuments(string file) : IDocumentStoreBench
    {
        private readonly LiteDatabase _db = Engines.OpenLiteDb(file);

        private ILiteCollection<BsonDocument> Audits => _db.GetCollection("audits");

        public void Seed(int count)
        {
            Audits.EnsureIndex("key1");
            Audits.InsertBulk(Enumerable.Range(0, count).Select(i => new BsonDocument
            {
                ["_id"] = $"audit-{i}", ["version"] = 1L, ["json"] = Json(i), ["key1"] = "chair",
            }));
        }

        public bool Touch(string id)
        {
            // Read, change, then write back in a transaction only if nobody changed it (the bot's load-change-save).
            var document = Audits.FindById(id);
            var version = document["version"].AsInt64;
            var json = Touched(document["json"].AsString);
            _db.BeginTrans();
            if (Audits.FindById(id)["version"].AsInt64 != version)
            {
                _db.Rollback();
                return false;
            }

            document["version"] = version + 1;
            document["json"] = json;
            Audits.Update(document);
            _db.Commit();
            return true;
        }

        public long VersionSum() => Audits.FindAll().Sum(d => d["version"].AsInt64);

        public void Dispose() => _db.Dispose();
    }
}
