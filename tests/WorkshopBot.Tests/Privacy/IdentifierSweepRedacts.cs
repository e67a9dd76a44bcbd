using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WorkshopBot.ActionPlans.Domain;
using WorkshopBot.ActionPlans.Storage;
using WorkshopBot.ActionPlans.Teams;
using WorkshopBot.Audits.Domain;
using WorkshopBot.Audits.Storage;
using WorkshopBot.Briefings.Domain;
using WorkshopBot.Briefings.Storage;
using WorkshopBot.Common;
using WorkshopBot.Common.Privacy;
using WorkshopBot.Common.Privacy.Sweep;
using WorkshopBot.Storage;
using WorkshopBot.Tests.ActionPlans;
using WorkshopBot.Tests.Briefings;
using WorkshopBot.Tests.Storage;
using WorkshopBot.Tests.Support;
using static WorkshopBot.Tests.ActionPlans.ActionScenario;

namespace WorkshopBot.Tests.Privacy;

/// <summary>
/// The one-off identifier sweep on a store written before NHS numbers, full postcodes and labelled dates of birth were
/// refused even when confirmed: a return's answer, a team discussion and an action's progress note are stored through the
/// real stores with such identifiers (as a confirmation let them be then), next to a name and a phone number, which may
/// still be confirmed. The sweep replaces only the refused identifiers with markers, writes one audit-log entry per object
/// with counts and no text, logs one summary, and changes nothing when run again.
/// </summary>
internal static class IdentifierSweepScenarios
{
    public const string Answer = "Her NHS number is 9434765919. Her mother Aisha Rahman called from 07700 900123.";
    public const string SweptAnswer = "Her NHS number is [NHS number removed]. Her mother Aisha Rahman called from 07700 900123.";
    public const string Reflections = "The family moved to SW1A 2AA last year; the GP letter quotes 943:476:5919.";
    public const string SweptReflections = "The family moved to [postcode removed] last year; the GP letter quotes [NHS number removed].";
    public const string TeamActions = "The discharge letter's table: | DOB | 12 | 03 | 2019 |\nRing 07700 900123 first.";
    public const string SweptTeamActions = "The discharge letter's table: | DOB | [date of birth removed] |\nRing 07700 900123 first.";
    public const string Note = "The baby was born on 12/03/2019 at 34 weeks; seen by Dr Patel.";
    public const string SweptNote = "The baby was [date of birth removed] at 34 weeks; seen by Dr Patel.";

    /// <summary>What must be gone from every store after the sweep, and from a SQLite file's bytes.</summary>
    public static readonly string[] Removed = ["9434765919", "943:476:5919", "SW1A 2AA", "12/03/2019", "12 | 03 | 2019"];

    public sealed record Seeded(Guid ReturnId, Guid DiscussionId, Guid ActionId);

    /// <summary>
    /// The scenario of the action plan (an audit with returns and an approved briefing), then the texts above stored as
    /// the stores keep them: the screens would refuse them now, so they go in through the stores and the domain directly.
    /// </summary>
    public static async Task<Seeded> SeedAsync(ActionScenario s)
    {
        var created = Text(await s.InChannelAsync(Chair, CreateScreen.Create, new CreateActionData(s.Audit.Id,
            s.RecommendationNumber(partnership: true, "partnership"), "Agree a joint protocol for interview notes", "County Police",
            PoliceLead.Id, "2026-05-30", "Interview notes reach health within two working days", "information-sharing", null)));
        Assert.Contains("A1 created", created, StringComparison.Ordinal);
        var actionId = Assert.Single(await s.ActionsAsync()).Id;
        var ret = AuditReturn.Create(Guid.NewGuid(), s.Audit, BriefingFlowHarness.Case1, "agency-1").ValueOrThrow();
        var question = ret.Sections[0].Questions[0];
        var by = new PersonRef("police-rep", "Police Auditor") { TenantId = BotTestHostTenant };
        ret.SaveSection(ret.Sections[0].Id, [new AnswerInput(question.Id, AnswerValue.Yes, Answer)], ret.Version, by, Start)
            .ValueOrThrow();
        var discussion = new TeamDiscussion(Guid.NewGuid(), s.Audit.Id, 1, "19:early-help@thread.tacv2", "Early Help North",
            new DateOnly(2026, 4, 20), 8, Reflections, TeamActions, by, Start, true);
        await s.Host.WorkAsync(async services =>
        {
            Assert.True(await services.GetRequiredService<AuditStore>().InsertReturnAsync(ret, CancellationToken.None));
            Assert.True(await services.GetRequiredService<BriefingStore>().AddDiscussionAsync(discussion, CancellationToken.None));
            var lead = new PersonRef(PoliceLead.AadObjectId, PoliceLead.Name) { TenantId = BotTestHostTenant };
            Assert.True((await services.GetRequiredService<ActionStore>().ChangeAsync(actionId,
                a => a.RecordProgress(lead, ActionRag.Amber, Note, identifierWarningConfirmed: true, Start),
                CancellationToken.None)).Saved);
        });
        return new Seeded(ret.Id, discussion.Id, actionId);
    }

    /// <summary>As before the upgrade: no row says the sweep ran (the bot's own start-up swept the empty store).</summary>
    public static Task ForgetTheRunAsync(ActionScenario s) =>
        RawAsync(s, "DELETE FROM maintenance_runs WHERE name = '" + IdentifierSweep.Name + "'");

    public static async Task RawAsync(ActionScenario s, string sql)
    {
        await using var connection = await s.Host.Get<StorageDatabase>().OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    public static IdentifierSweep Sweep(ActionScenario s, LogCapture logs, IdentifierScanner? scanner = null) =>
        ActivatorUtilities.CreateInstance<IdentifierSweep>(s.Host.Services, logs.For<IdentifierSweep>(),
            scanner ?? IdentifierScanner.Default);

    public static async Task<(string Answer, string Reflections, string TeamActions, string Note)> TextsAsync(ActionScenario s,
        Seeded seeded) => await s.Host.WorkAsync(async services =>
    {
        var ret = (await services.GetRequiredService<AuditStore>().GetReturnAsync(seeded.ReturnId, CancellationToken.None))!.Value;
        var discussion = Assert.Single(await services.GetRequiredService<BriefingStore>().ListDiscussionsAsync(s.Audit.Id,
            CancellationToken.None), d => d.Id == seeded.DiscussionId);
        var action = (await services.GetRequiredService<ActionStore>().GetAsync(seeded.ActionId, BotTestHostTenant,
            CancellationToken.None))!;
        return (ret.Answers.Values.Single(a => a.Narrative is not null).Narrative!, discussion.Reflections, discussion.TeamActions,
            action.Updates[^1].Note);
    });

    public static async Task<IReadOnlyList<AuditEvent>> SweepEntriesAsync(ActionScenario s) =>
        (await s.Host.Get<IAuditLog>().ListRecentAsync(1000)).Where(e => e.Action == IdentifierSweep.Action).ToList();

    /// <summary>Redacted where refused, names and phone numbers kept; one entry per object, kinds and counts only.</summary>
    public static async Task RemovesOnlyTheRefusedIdentifiersAsync(string? postgres)
    {
        await using var s = await StartAsync(postgres);
        var seeded = await SeedAsync(s);
        Assert.Equal((Answer, Reflections, TeamActions, Note), await TextsAsync(s, seeded));
        await ForgetTheRunAsync(s);
        var logs = new LogCapture();

        var result = await Sweep(s, logs).RunOnceAsync(CancellationToken.None);

        Assert.NotNull(result);
        Assert.Equal((3, new RemovedIdentifiers(2, 1, 2), 0), (result.Changed, result.Removed, result.NotChecked));
        Assert.True(result.Scanned > 3);
        Assert.Equal((SweptAnswer, SweptReflections, SweptTeamActions, SweptNote), await TextsAsync(s, seeded));
        var entries = await SweepEntriesAsync(s);
        Assert.Equal(3, entries.Count);
        Assert.All(entries, e => Assert.Equal((AuditSubjects.BotActor, IdentifierSweep.ActorName, BotTestHostTenant),
            (e.ActorId, e.ActorName, e.TenantId)));
        Assert.Equal(
            [
                $"{ActionStore.Actions.Collection} {{\"nhsNumbers\":0,\"postcodes\":0,\"datesOfBirth\":1}}",
                $"{AuditStore.Returns} {{\"nhsNumbers\":1,\"postcodes\":0,\"datesOfBirth\":0}}",
                $"{BriefingStore.Discussions.Collection} {{\"nhsNumbers\":1,\"postcodes\":1,\"datesOfBirth\":1}}",
            ],
            entries.Select(e => $"{e.SubjectType} {e.DetailJson}").Order(StringComparer.Ordinal));
        var summary = Assert.Single(logs.Entries, e => e.EventId == 3301).Message;
        Assert.Contains(" 3 changed (2 NHS numbers, 1 postcode, 2 dates of birth removed), 0 not checked", summary,
            StringComparison.Ordinal);
        Assert.Contains(" objects scanned, ", summary, StringComparison.Ordinal);
        // The wording agrees with the counts; the structured fields are the template's, as before.
        var fields = Assert.Single(logs.Fields, f => f.EventId == 3301).Fields;
        Assert.Equal("NhsNumbers=2 Postcodes=1 DatesOfBirth=2 Changed=3 NotChecked=0",
            string.Join(' ', new[] { "NhsNumbers", "Postcodes", "DatesOfBirth", "Changed", "NotChecked" }
                .Select(k => $"{k}={fields[k]}")));
        Assert.Equal(["Scanned", "Changed", "NhsNumbers", "Postcodes", "DatesOfBirth", "NotChecked", "Unreadable", "Milliseconds",
            "{OriginalFormat}"], fields.Keys);
        Assert.Contains("{Postcodes} postcodes", fields["{OriginalFormat}"]!, StringComparison.Ordinal);
        foreach (var text in Removed.Concat(["Aisha", "07700"]))
        {
            Assert.DoesNotContain(text, string.Join('\n', logs.Entries.Select(e => e.Message)), StringComparison.Ordinal);
            Assert.DoesNotContain(text, string.Join('\n', entries.Select(e => e.DetailJson)), StringComparison.Ordinal);
        }

        // Recorded: a second start-up does not run it.
        Assert.Null(await Sweep(s, logs).RunOnceAsync(CancellationToken.None));
    }

    private const string BotTestHostTenant = WorkshopBot.Tests.Support.BotTestHost.TenantId;

    /// <summary>Killed before it recorded itself, the sweep runs again and changes nothing it changed before.</summary>
    public static async Task RunningAgainChangesNothingAsync(string? postgres)
    {
        await using var s = await StartAsync(postgres);
        var seeded = await SeedAsync(s);
        await ForgetTheRunAsync(s);
        var logs = new LogCapture();
        Assert.Equal(3, (await Sweep(s, logs).RunOnceAsync(CancellationToken.None))!.Changed);
        var versions = await VersionsAsync(s);
        await ForgetTheRunAsync(s);

        var again = await Sweep(s, logs).RunOnceAsync(CancellationToken.None);

        Assert.Equal((0, RemovedIdentifiers.None), (again!.Changed, again.Removed));
        Assert.Equal(versions, await VersionsAsync(s));
        Assert.Equal(3, (await SweepEntriesAsync(s)).Count);
        Assert.Equal((SweptAnswer, SweptReflections, SweptTeamActions, SweptNote), await TextsAsync(s, seeded));
    }

    /// <summary>Two instances starting together: one sweeps, the other finds it done; one entry per object, not two.</summary>
    public static async Task TwoAtOnceSweepOnceAsync(string? postgres)
    {
        await using var s = await StartAsync(postgres);
        await SeedAsync(s);
        await ForgetTheRunAsync(s);
        var logs = new LogCapture();

        var results = await Task.WhenAll(Sweep(s, logs).RunOnceAsync(CancellationToken.None),
            Sweep(s, logs).RunOnceAsync(CancellationToken.None));

        Assert.Equal(3, results.Sum(r => r?.Changed ?? 0));
        Assert.Equal(3, (await SweepEntriesAsync(s)).Count);
        if (postgres is not null)
        {
            // The advisory lock: the second waited for the first, then found its row.
            Assert.Single(results, r => r is null);
        }
    }

    /// <summary>A text that could not be checked (a timed-out pattern) leaves its object as it was, counted and logged.</summary>
    public static async Task UncheckedTextIsLeftAndTriedAgainAsync(string? postgres)
    {
        await using var s = await StartAsync(postgres);
        var seeded = await SeedAsync(s);
        await ForgetTheRunAsync(s);
        var logs = new LogCapture();
        var starved = new IdentifierScanner(IdentifierScannerOptions.None, text =>
        {
            if (text.Contains("SW1A", StringComparison.Ordinal))
            {
                throw new RegexMatchTimeoutException(text, "pattern", TimeSpan.FromSeconds(1));
            }
        });

        var result = await Sweep(s, logs, starved).RunOnceAsync(CancellationToken.None);

        Assert.Equal((2, 1), (result!.Changed, result.NotChecked));
        var texts = await TextsAsync(s, seeded);
        Assert.Equal((SweptAnswer, Reflections, TeamActions, SweptNote), texts);
        var warning = Assert.Single(logs.Entries, e => e.EventId == 3302).Message;
        Assert.Contains(seeded.DiscussionId.ToString("N"), warning, StringComparison.Ordinal);
        Assert.DoesNotContain("SW1A", warning, StringComparison.Ordinal);
        // Not recorded as done: the next start-up sweeps again, and then the discussion too.
        var retried = await Sweep(s, logs).RunOnceAsync(CancellationToken.None);
        Assert.Equal((1, new RemovedIdentifiers(1, 1, 1), 0), (retried!.Changed, retried.Removed, retried.NotChecked));
        Assert.Equal((SweptAnswer, SweptReflections, SweptTeamActions, SweptNote), await TextsAsync(s, seeded));
    }

    private static async Task<string> VersionsAsync(ActionScenario s)
    {
        await using var connection = await s.Host.Get<StorageDatabase>().OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT collection, id, version FROM documents ORDER BY collection, id";
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new StringBuilder();
        while (await reader.ReadAsync())
        {
            rows.Append(reader.GetString(0)).Append('/').Append(reader.GetString(1)).Append('=').Append(reader.GetInt64(2)).Append('\n');
        }

        return rows.ToString();
    }
}

/// <summary>What the sweep logs: event ids and formatted messages.</summary>
internal sealed class LogCapture
{
    private readonly ConcurrentQueue<(int EventId, string Message)> _entries = new();

    private readonly ConcurrentQueue<(int EventId, OrderedDictionary<string, string?> Fields)> _fields = new();

    public IReadOnlyList<(int EventId, string Message)> Entries => [.. _entries];

    /// <summary>The structured fields of each entry, as a logging sink reads them, in order.</summary>
    public IReadOnlyList<(int EventId, OrderedDictionary<string, string?> Fields)> Fields => [.. _fields];

    public ILogger<T> For<T>() => new Logger<T>(this);

    private sealed class Logger<T>(LogCapture capture) : ILogger<T>
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception,
            Func<TState, Exception?, string> formatter)
        {
            capture._entries.Enqueue((eventId.Id, formatter(state, exception)));
            var fields = new OrderedDictionary<string, string?>(StringComparer.Ordinal);
            foreach (var (key, value) in state as IEnumerable<KeyValuePair<string, object?>> ?? [])
            {
                fields[key] = Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture);
            }

            capture._fields.Enqueue((eventId.Id, fields));
        }
    }
}

public sealed class IdentifierSweepOnSqlite
{
    [Fact]
    public Task RemovesOnlyTheRefusedIdentifiers() => IdentifierSweepScenarios.RemovesOnlyTheRefusedIdentifiersAsync(null);

    [Fact]
    public Task RunningAgainChangesNothing() => IdentifierSweepScenarios.RunningAgainChangesNothingAsync(null);

    [Fact]
    public Task TwoAtOnceSweepOnce() => IdentifierSweepScenarios.TwoAtOnceSweepOnceAsync(null);

    [Fact]
    public Task UncheckedTextIsLeftAndTriedAgain() => IdentifierSweepScenarios.UncheckedTextIsLeftAndTriedAgainAsync(null);

    /// <summary>The file and its write-ahead log, read raw, hold none of the removed identifiers afterwards.</summary>
    [Fact]
    public async Task TheOldBytesAreGoneFromTheFile()
    {
        await using var s = await StartAsync(null);
        await IdentifierSweepScenarios.SeedAsync(s);
        await IdentifierSweepScenarios.ForgetTheRunAsync(s);
        var path = s.Host.Get<StorageDatabase>().SqliteFilePath!;
        var before = RawText(path);

        var result = await IdentifierSweepScenarios.Sweep(s, new LogCapture()).RunOnceAsync(CancellationToken.None);

        Assert.True(result!.Wiped);
        var after = RawText(path);
        foreach (var text in IdentifierSweepScenarios.Removed)
        {
            Assert.Contains(text, before, StringComparison.Ordinal);
            Assert.DoesNotContain(text, after, StringComparison.Ordinal);
        }

        Assert.Contains("Aisha Rahman", after, StringComparison.Ordinal);
        Assert.Equal(0, new FileInfo(path + "-wal").Length);
        Assert.False(await WriterSecureDelete.IsOnAsync(s.Host));
    }

    /// <summary>The bot's own start-up ran the sweep (after the migrations) and recorded it.</summary>
    [Fact]
    public async Task StartUpRecordsTheSweep()
    {
        await using var s = await StartAsync(null);
        await using var connection = await s.Host.Get<StorageDatabase>().OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM maintenance_runs WHERE name = '" + IdentifierSweep.Name + "'";
        Assert.Equal(1L, Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture));
    }

    private static string RawText(string path) => string.Join('\n', new[] { path, path + "-wal" }.Where(File.Exists).Select(file =>
    {
        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return Encoding.Latin1.GetString(copy.ToArray());
    }));
}

[Collection(PostgresCollection.Name)]
public sealed class IdentifierSweepOnPostgres(PostgresServerFixture server)
{
    [Fact]
    public async Task RemovesOnlyTheRefusedIdentifiers() =>
        await IdentifierSweepScenarios.RemovesOnlyTheRefusedIdentifiersAsync(await server.CreateDatabaseAsync());

    [Fact]
    public async Task RunningAgainChangesNothing() =>
        await IdentifierSweepScenarios.RunningAgainChangesNothingAsync(await server.CreateDatabaseAsync());

    [Fact]
    public async Task TwoAtOnceSweepOnce() => await IdentifierSweepScenarios.TwoAtOnceSweepOnceAsync(await server.CreateDatabaseAsync());

    [Fact]
    public async Task UncheckedTextIsLeftAndTriedAgain() =>
        await IdentifierSweepScenarios.UncheckedTextIsLeftAndTriedAgainAsync(await server.CreateDatabaseAsync());
}
