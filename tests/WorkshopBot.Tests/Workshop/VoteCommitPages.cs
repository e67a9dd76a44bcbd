using Microsoft.Data.Sqlite;
using WorkshopBot.Storage;
using WorkshopBot.Tests.Support;
using WorkshopBot.Workshop.Teams;
using Xunit.Abstractions;

namespace WorkshopBot.Tests.Workshop;

/// <summary>
/// The pages of SQLite's file that one group commit of N votes changes, counted on the real bot over HTTP (issue 13: each
/// page a commit changes is a frame in the write-ahead log, a frame header and a page written, a sync's worth of bytes).
/// The votes' tables are first filled to a conference poll's size (10,000 voters, 30,000 dots, 60,000 processed marks
/// and audit lines), so that one voter's rows are not on another's page by chance of a small table. The counts per
/// table and index are written to the test's output (ROUNDS.md, the forty-eighth and fiftieth rounds).
/// </summary>
public sealed class VoteCommitPages(ITestOutputHelper output)
{
    private static readonly string[] Ideas =
    [
        "Agencies shared information promptly.", "The health visitor followed up quickly.", "Strategy discussion was timely.",
        "School raised concerns early.", "The police shared records the same day.", "Housing joined the core group.",
        "The plan named who does what.", "Supervision challenged drift.", "The family's views were recorded.",
        "Escalation worked as designed.",
    ];

    private static bool IsVote(StoreWork work) =>
        work.Steps.Any(s => s is StoreWork.StatementsStep { Description: var d } && d.StartsWith("vote on poll", StringComparison.Ordinal));

    [Fact]
    public async Task AGroupCommitOfVotesWritesOnlyTheirRowsMarksAndAuditLines()
    {
        var gathered = new GatheredCommits(IsVote);
        await using var s = await WorkshopScenario.CreateAsync(o =>
        {
            // No checkpoint rounds of the bot's own (the test empties the log itself) and no live card update meanwhile.
            o.Settings["Storage:LogCheckpointMs"] = "0";
            o.Settings["Workshop:CardUpdateInterval"] = "01:00:00";
            o.Services = gathered.Register;
        });
        await s.StartAsync();
        var voters = Enumerable.Range(1, 7).Select(i => BotTestHost.User($"Participant {i}")).ToList();
        foreach (var voter in voters)
        {
            await s.JoinAsync(voter, JoinScreen.OtherAgency);
        }

        var board = await s.CreatePollAsync(new CreatePollData(s.WorkshopId, PollTypes.WorkedWell, Dots: "20", MaxPerItem: "20"));
        foreach (var idea in Ideas)
        {
            await s.AddIdeaAsync(voters[0], board, idea);
        }

        await s.PhaseAsync(board, PhaseActions.Open);
        foreach (var voter in voters)
        {
            Assert.Contains("dots left", WorkshopScenario.CardText(await s.DotAsync(voter, board, "i1")), StringComparison.Ordinal);
        }

        var path = s.Host.Get<StorageDatabase>().SqliteFilePath!;
        await SeedAsync(path, board.Id, s.Channel.Id);

        var written = new Dictionary<int, List<IReadOnlyDictionary<string, int>>>();
        var round = 0;
        foreach (var n in new[] { 1, 3, 7, 1, 3, 7, 1, 3, 7 })
        {
            await SqliteLogPages.EmptyLogAsync(path);
            gathered.Gather(n);
            var option = "i" + (2 + (round++ % 9)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var answers = await Task.WhenAll(voters.Take(n).Select(v => s.DotAsync(v, board, option)));
            Assert.All(answers, a => Assert.Contains("dots left", WorkshopScenario.CardText(a), StringComparison.Ordinal));
            var commits = SqliteLogPages.Commits(path);
            await SqliteLogPages.EmptyLogAsync(path);
            var owners = await SqliteLogPages.OwnersAsync(path);
            // The N votes, their marks and audit lines in one transaction, and nothing else written meanwhile.
            var commit = Assert.Single(commits);
            var byTree = commit.GroupBy(p => owners.GetValueOrDefault(p, "(not in a b-tree)"))
                .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
            (written.TryGetValue(n, out var list) ? list : written[n] = []).Add(byTree);
            output.WriteLine($"{n} vote(s): {commit.Count} pages: "
                + string.Join(", ", byTree.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} {p.Value}")));
        }

        // Every vote counted, the seeded voters' dots (on options not on the board) apart.
        var tally = await s.TallyAsync(board);
        Assert.Equal(7, tally["i1"]);
        Assert.Equal(3 * (1 + 3 + 7), Enumerable.Range(2, 9).Sum(i => tally.GetValueOrDefault("i" + i)));
        // Only the trees a vote must write: no sqlite_sequence row (the audit log's ids need none: migration 2322), no tree
        // of its own for the voter's dots (they are in the voter's row: migration 2324), no other table's or index's page.
        // sqlite_schema's page is the file's first, rewritten when a commit makes the file longer.
        string[] expected =
        [
            "workshop_voters", "workshop_poll_counts", "workshop_polls", "processed_activities",
            "sqlite_autoindex_processed_activities_1", "ix_processed_activities_at", "audit_events", "ix_audit_events_subject",
            "sqlite_schema",
        ];
        Assert.All(written.Values.SelectMany(l => l), byTree =>
        {
            Assert.True(byTree.ContainsKey("workshop_voters"), "the voters' rows");
            Assert.Empty(byTree.Keys.Except(expected));
        });
    }

    /// <summary>Fills the votes' tables as a conference poll has them: voters, dots, marks and audit lines.</summary>
    private static async Task SeedAsync(string path, string pollId, string conversationId)
    {
        await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync();
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
        string prefix;
        await using (var read = connection.CreateCommand())
        {
            read.Transaction = transaction;
            read.CommandText = "SELECT voter_key FROM workshop_voters LIMIT 1";
            var key = (string)(await read.ExecuteScalarAsync())!;
            prefix = key.Length >= 36 && Guid.TryParse(key[^36..], out _) ? key[..^36] : key + "-";
        }

        var random = new Random(13);
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        // Each voter's ballot in their row (migration 2324): a dot on each of three options.
        await using var voter = Command(connection, transaction, """
            INSERT INTO workshop_voters (poll_id, voter_key, dots, version, updated_at, ballot)
            VALUES ($poll, $voter, 3, 1, $now, $ballot)
            """);
        const string Ballot = "1\u001fs1\u001e1\u001fs2\u001e1\u001fs3";
        for (var i = 0; i < 10_000; i++)
        {
            var bytes = new byte[16];
            random.NextBytes(bytes);
            var key = prefix + new Guid(bytes).ToString("D");
            Set(voter, ("$poll", pollId), ("$voter", key), ("$now", now), ("$ballot", Ballot));
            await voter.ExecuteNonQueryAsync();
        }

        await using var mark = Command(connection, transaction, """
            INSERT INTO processed_activities (conversation_id, activity_id, processed_at, response_status, person_key)
            VALUES ($conversation, $activity, $at, 200, $person)
            """);
        await using var line = Command(connection, transaction, """
            INSERT INTO audit_events (at, actor_id, actor_name, action, subject_type, subject_id, detail_json, tenant_id)
            VALUES ($at, $actor, 'Participant', 'workshop.vote', 'workshop-poll', $poll, '{"option":"s1","delta":1}', $tenant)
            """);
        for (var i = 0; i < 60_000; i++)
        {
            var at = now - 60_000 + i;
            var actor = Guid.NewGuid().ToString("D");
            Set(mark, ("$conversation", conversationId), ("$activity", "f:" + random.NextInt64(1L << 60)), ("$at", at),
                ("$person", BotTestHost.TenantId + "|" + actor));
            await mark.ExecuteNonQueryAsync();
            Set(line, ("$at", at), ("$actor", actor), ("$poll", pollId), ("$tenant", BotTestHost.TenantId));
            await line.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    private static void Set(SqliteCommand command, params (string Name, object Value)[] values)
    {
        command.Parameters.Clear();
        foreach (var (name, value) in values)
        {
            command.Parameters.AddWithValue(name, value);
        }
    }
}
