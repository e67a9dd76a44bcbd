using System.Data.Common;
using System.Text;
using Dapper;
using WorkshopBot.ActionPlans.Teams;
using WorkshopBot.Audits.Domain;
using WorkshopBot.Audits.Jobs;
using WorkshopBot.Audits.Storage;
using WorkshopBot.Storage;
using WorkshopBot.Tests.ActionPlans;
using WorkshopBot.Tests.Storage;
using WorkshopBot.Tests.Support;
using static WorkshopBot.Tests.ActionPlans.ActionScenario;

namespace WorkshopBot.Tests.Operations;

/// <summary>
/// After the retention purge, no copy of what people wrote for the audit is left anywhere in the store: not in the
/// documents (returns, briefing, action plan and actions), not in the answers stored for handled activities, not in
/// the payloads of the outbox messages that carried its cards (replies included), not in the audit log. Every table is
/// read as text (stored answers unpacked), row by row, before and after, on a manual clock.
/// </summary>
internal static class RetentionLeavesNoText
{
    private const string ActionText = "Agree a joint protocol for interview notes between police and health";

    private const string Measure = "Interview notes reach health within two working days (quarterly dip sample)";

    /// <summary>Text written for this audit: a return's summary and recommendation, the workshop's recommendation, the action.</summary>
    private static readonly string[] Written =
    [
        "Information was not shared quickly",
        "Share police interview notes with health",
        PartnershipRecommendation,
        ActionText,
        Measure,
    ];

    public static async Task RunAsync(string? postgres)
    {
        await using var s = await StartAsync(postgres);
        var auditId = s.Audit.Id;
        var created = Text(await s.InChannelAsync(Chair, CreateScreen.Create, new CreateActionData(auditId,
            s.RecommendationNumber(partnership: true, "partnership"), ActionText, "County Police", PoliceLead.Id, "2026-05-30",
            Measure, "information-sharing", null)));
        Assert.Contains("A1 created and sent to Police Lead", created, StringComparison.Ordinal);
        Assert.Contains(ActionText, Text(await s.InChannelAsync(Chair, PlanScreen.OpenPlan, new PlanRefData(auditId))),
            StringComparison.Ordinal);
        await s.Host.DrainOutboxAsync();
        await RetentionPurgeScenarios.CloseAsync(s.Host, auditId, s.Time.GetUtcNow());

        var before = await StoredTextAsync(s.Host);
        s.Time.Advance(s.Time.GetUtcNow().AddMonths(73) - s.Time.GetUtcNow());
        var (purgedId, record) = Assert.Single(await s.Host.Get<RetentionJob>().RunOnceAsync(default));
        var after = await StoredTextAsync(s.Host);

        Assert.All(Written, text => Assert.Contains(text, before, StringComparison.Ordinal));
        // The plan's card, answered to the chair, is among the stored answers (packed) before the purge.
        Assert.Contains(before.Split('\n'), line => line.StartsWith("processed_activities.response_packed=", StringComparison.Ordinal)
            && line.Contains(ActionText, StringComparison.Ordinal));
        Assert.Equal(auditId, purgedId);
        Assert.Equal((2, 1), (record.Returns, record.Actions));
        Assert.All(Written, text => Assert.DoesNotContain(text, after, StringComparison.Ordinal));
        var log = await s.Host.Get<IAuditLog>().ListAsync(AuditSubjects.Audit, AuditStore.Key(auditId));
        Assert.Contains(log, e => e.Action == AuditPurge.Action
            && (e.DetailJson ?? "").Contains("\"actions\":1", StringComparison.Ordinal));
    }

    /// <summary>Every value of every row of every table of the bot's store, as text.</summary>
    internal static async Task<string> StoredTextAsync(BotTestHost host)
    {
        var database = host.Get<StorageDatabase>();
        await using var connection = await database.OpenAsync(default);
        var tables = database.Provider == StorageProvider.Sqlite
            ? await connection.QueryAsync<string>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
            : await connection.QueryAsync<string>(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'");
        var text = new StringBuilder();
        foreach (var table in tables)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM \"{table}\"";
            await using DbDataReader reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    // A stored answer is kept packed: read as the text it holds (a mark that keeps no answer holds none).
                    var value = reader.GetValue(i) is byte[] packed && reader.GetName(i) == "response_packed"
                        ? (PackedAnswer.IsAfresh(packed) ? "" : PackedAnswer.Unpack(null, packed))
                        : reader.GetValue(i);
                    text.Append(table).Append('.').Append(reader.GetName(i)).Append('=').Append(value).Append('\n');
                }
            }
        }

        return text.ToString();
    }
}

/// <summary>The purge on SQLite leaves none of the audit's text behind.</summary>
public sealed class RetentionLeavesNoTextOnSqlite
{
    [Fact]
    public Task NoTableHoldsTheAuditsTextAfterThePurge() => RetentionLeavesNoText.RunAsync(null);
}

/// <summary>The same on PostgreSQL.</summary>
[Collection(PostgresCollection.Name)]
public sealed class RetentionLeavesNoTextOnPostgres(PostgresServerFixture server)
{
    [Fact]
    public async Task NoTableHoldsTheAuditsTextAfterThePurge() => await RetentionLeavesNoText.RunAsync(await server.CreateDatabaseAsync());
}
