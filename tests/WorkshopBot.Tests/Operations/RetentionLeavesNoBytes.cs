using System.Text;
using Microsoft.Extensions.DependencyInjection;
using WorkshopBot.ActionPlans.Teams;
using WorkshopBot.Audits.Jobs;
using WorkshopBot.Storage;
using WorkshopBot.Tests.ActionPlans;
using WorkshopBot.Tests.Support;
using static WorkshopBot.Tests.ActionPlans.ActionScenario;

namespace WorkshopBot.Tests.Operations;

/// <summary>
/// On SQLite, the purge leaves none of the audit's text readable in the bytes of the database file or of its
/// write-ahead log: not in the rows' free space, not in the pages freed, not in the log's older copies of those pages.
/// The files are read raw, as anyone holding a copy of the data folder could read them.
/// </summary>
public sealed class RetentionLeavesNoBytesOnSqlite
{
    private const string ActionText = "Agree a joint protocol for interview notes between police and health";

    private const string Measure = "Interview notes reach health within two working days (quarterly dip sample)";

    [Fact]
    public async Task NeitherTheFileNorItsLogHoldsTheAuditsTextAfterThePurge()
    {
        await using var s = await StartAsync(null);
        var auditId = s.Audit.Id;
        var created = Text(await s.InChannelAsync(Chair, CreateScreen.Create, new CreateActionData(auditId,
            s.RecommendationNumber(partnership: true, "partnership"), ActionText, "County Police", PoliceLead.Id, "2026-05-30",
            Measure, "information-sharing", null)));
        Assert.Contains("A1 created and sent to Police Lead", created, StringComparison.Ordinal);
        await s.Host.DrainOutboxAsync();
        await RetentionPurgeScenarios.CloseAsync(s.Host, auditId, s.Time.GetUtcNow());
        var path = s.Host.Get<StorageDatabase>().SqliteFilePath!;
        var before = RawText(path);

        s.Time.Advance(s.Time.GetUtcNow().AddMonths(73) - s.Time.GetUtcNow());
        var (purgedId, _) = Assert.Single(await s.Host.Get<RetentionJob>().RunOnceAsync(default));
        var after = RawText(path);

        Assert.Equal(auditId, purgedId);
        Assert.Contains(ActionText, before, StringComparison.Ordinal);
        Assert.Contains(Measure, before, StringComparison.Ordinal);
        Assert.DoesNotContain(ActionText, after, StringComparison.Ordinal);
        Assert.DoesNotContain(Measure, after, StringComparison.Ordinal);
        Assert.DoesNotContain("Share police interview notes with health", after, StringComparison.Ordinal);
        Assert.DoesNotContain(PartnershipRecommendation, after, StringComparison.Ordinal);
        // The log was emptied into the file.
        Assert.Equal(0, new FileInfo(path + "-wal").Length);
        // The connection every commit (votes among them) runs on went back to the default: only the purge paid for it.
        Assert.False(await WriterSecureDelete.IsOnAsync(s.Host));
    }

    [Fact]
    public async Task AWipeNotDoneBeforeARestartIsDoneByTheFirstRunAfterIt()
    {
        var busy = new BusyCompaction { Busy = true };
        await using var s = await StartAsync(null, services: services => services.AddSingleton<IStoreCheckpoint>(sp =>
            new BusyCheckpoint(ActivatorUtilities.CreateInstance<StoreCheckpoint>(sp), busy)));
        var auditId = s.Audit.Id;
        Assert.Contains("A1 created and sent to Police Lead", Text(await s.InChannelAsync(Chair, CreateScreen.Create,
            new CreateActionData(auditId, s.RecommendationNumber(partnership: true, "partnership"), ActionText, "County Police",
                PoliceLead.Id, "2026-05-30", Measure, "information-sharing", null))), StringComparison.Ordinal);
        await s.Host.DrainOutboxAsync();
        await RetentionPurgeScenarios.CloseAsync(s.Host, auditId, s.Time.GetUtcNow());
        var path = s.Host.Get<StorageDatabase>().SqliteFilePath!;

        // The purge runs, but the file cannot be rewritten (busy): earlier drafts of the action stay in its free space.
        s.Time.Advance(s.Time.GetUtcNow().AddMonths(73) - s.Time.GetUtcNow());
        Assert.Single(await s.Host.Get<RetentionJob>().RunOnceAsync(default));
        Assert.NotNull(await s.Host.Get<IStoreCheckpoint>().WipeOwedAsync(default));
        busy.Busy = false;
        await s.Host.RestartAsync();
        Assert.Contains(ActionText, RawText(path), StringComparison.Ordinal);

        // A new process on the same file: its first run has nothing to purge, and rewrites the file all the same.
        Assert.Empty(await s.Host.Get<RetentionJob>().RunOnceAsync(default));
        var after = RawText(path);

        Assert.DoesNotContain(ActionText, after, StringComparison.Ordinal);
        Assert.DoesNotContain(Measure, after, StringComparison.Ordinal);
        Assert.Null(await s.Host.Get<IStoreCheckpoint>().WipeOwedAsync(default));
    }

    /// <summary>Whether the rewrite finds the write lock taken; shared by the bot's runs before and after the restart.</summary>
    private sealed class BusyCompaction
    {
        public bool Busy { get; set; }
    }

    /// <summary>The real checkpoint, except that while <see cref="BusyCompaction.Busy"/> the rewrite fails as if busy.</summary>
    private sealed class BusyCheckpoint(IStoreCheckpoint real, BusyCompaction busy) : IStoreCheckpoint
    {
        public bool TooLargeToCompact => real.TooLargeToCompact;

        public Task<bool> CompactAsync(CancellationToken cancellationToken) =>
            busy.Busy ? Task.FromResult(false) : real.CompactAsync(cancellationToken);

        public Task<bool> TruncateLogAsync(CancellationToken cancellationToken) => real.TruncateLogAsync(cancellationToken);

        public Task OweWipeAsync(CancellationToken cancellationToken) => real.OweWipeAsync(cancellationToken);

        public Task<long?> WipeOwedAsync(CancellationToken cancellationToken) => real.WipeOwedAsync(cancellationToken);

        public Task WipeDoneAsync(long owed, CancellationToken cancellationToken) => real.WipeDoneAsync(owed, cancellationToken);
    }

    /// <summary>The database file and its log, byte for byte, read as Latin-1 (so every byte is one character).</summary>
    internal static string RawText(string path) => string.Join('\n', new[] { path, path + "-wal" }.Where(File.Exists).Select(file =>
    {
        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return Encoding.Latin1.GetString(copy.ToArray());
    }));
}
