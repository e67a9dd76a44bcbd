using System.Data.Common;
using System.Net;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using WorkshopBot.Storage;
using WorkshopBot.Tests.Support;

namespace WorkshopBot.Tests.Operations;

/// <summary>
/// On SQLite, /readyz reads the free space of the disk holding the file (through a seam here, rather than filling a disk):
/// a probe write that rewrites a row fits in pages the file already has, so on a nearly full disk it is stored while the
/// next commit that grows the file fails. Below Storage:MinFreeDiskMb the store is reported not ready, whether or not a
/// commit failed yet, and the disk is read at most every 5 s however often /readyz is asked.
/// </summary>
public sealed class ReadinessOnANearlyFullDisk
{
    private const long Megabyte = 1024 * 1024;

    /// <summary>
    /// The file may grow no further (as on a full disk): a commit that needs new pages is refused. The probe write, a row
    /// rewritten in place, would be stored, but with 10 MB left on the disk the store stays not ready; once there is room
    /// (and the file may grow), the probe write is stored and the bot is ready again.
    /// </summary>
    [Fact]
    public async Task AProbeWriteThatFitsDoesNotMakeANearlyFullDiskReady()
    {
        var disk = new SettableDiskSpace { Free = 10 * Megabyte };
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        await using var host = await StartAsync(clock, disk);
        var committer = host.Get<IStoreCommitter>();
        await ReadinessThroughOutages.LimitTheFileAsync(host, "(SELECT page_count FROM pragma_page_count())");
        await Assert.ThrowsAnyAsync<DbException>(() => committer.CommitAsync(Work("too-big"), CancellationToken.None));

        clock.Advance(StoreWriteProbe.Interval);
        using var full = await host.Client.GetAsync("/readyz");
        var fullBody = await full.Content.ReadAsStringAsync();
        var stillRefused = host.Get<StoreWrites>().Refusal;
        await ReadinessThroughOutages.LimitTheFileAsync(host, "1073741823");
        disk.Free = 5000 * Megabyte;
        clock.Advance(StoreWriteProbe.Interval);
        using var room = await host.Client.GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, full.StatusCode);
        Assert.Contains("storage nearly full", fullBody, StringComparison.Ordinal);
        Assert.Contains("\"error\":\"LowDiskSpace\"", fullBody, StringComparison.Ordinal);
        Assert.NotNull(stillRefused);
        Assert.Equal(HttpStatusCode.OK, room.StatusCode);
        Assert.Null(host.Get<StoreWrites>().Refusal);
    }

    /// <summary>
    /// Nothing has failed yet, but the disk is nearly full: not ready, ahead of the first refused commit; the disk is read
    /// once however often /readyz is asked within 5 s, and the bot is ready at the first reading with room. The reading is
    /// of the SQLite file's own folder.
    /// </summary>
    [Fact]
    public async Task ANearlyFullDiskIsNotReadyBeforeAnyCommitFailsAndIsReadAtMostEveryFiveSeconds()
    {
        var disk = new SettableDiskSpace { Free = 99 * Megabyte };
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        await using var host = await StartAsync(clock, disk);

        using var low = await host.Client.GetAsync("/readyz");
        var lowBody = await low.Content.ReadAsStringAsync();
        using var lowAgain = await host.Client.GetAsync("/readyz");
        disk.Free = 100 * Megabyte;
        clock.Advance(StoreWriteProbe.Interval / 2);
        using var tooSoon = await host.Client.GetAsync("/readyz");
        var readingsTooSoon = disk.Readings;
        clock.Advance(StoreWriteProbe.Interval / 2);
        using var room = await host.Client.GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, low.StatusCode);
        Assert.Contains("storage nearly full", lowBody, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, lowAgain.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, tooSoon.StatusCode);
        Assert.Equal(1, readingsTooSoon);
        Assert.Equal(HttpStatusCode.OK, room.StatusCode);
        Assert.Equal(2, disk.Readings);
        Assert.Equal(Path.GetDirectoryName(host.Get<StorageDatabase>().SqliteFilePath), disk.Folder);
    }

    /// <summary>The system's reading of a real folder's disk (the seam's own implementation): some bytes free.</summary>
    [Fact]
    public void TheSystemsReadingGivesTheFreeSpaceOfAFoldersDisk()
    {
        var disk = new DriveDiskSpace();

        Assert.True(disk.AvailableBytes(Path.GetTempPath()) > 0);
    }

    private static Task<BotTestHost> StartAsync(ManualTimeProvider clock, SettableDiskSpace disk) => BotTestHost.StartAsync(o =>
    {
        o.Time = clock;
        o.Settings["Audits:RunJobsInBackground"] = "false";
        o.Settings["Workshop:RunTimerInBackground"] = "false";
        o.Services += services =>
        {
            services.RemoveAll<IDiskSpace>();
            services.AddSingleton<IDiskSpace>(disk);
        };
    });

    /// <summary>A work needing many new pages: a document of 256 KiB.</summary>
    private static StoreWork Work(string id)
    {
        var work = new StoreWork();
        work.Insert("readiness-probes", id, "{\"fill\":\"" + new string('x', 256 * 1024) + "\"}", null, null, BotTestHost.TenantId);
        return work;
    }

    /// <summary>A disk whose free space the test sets, counting how often it is read and of which folder.</summary>
    private sealed class SettableDiskSpace : IDiskSpace
    {
        private long _free;
        private int _readings;

        public long Free
        {
            get => Interlocked.Read(ref _free);
            set => Interlocked.Exchange(ref _free, value);
        }

        public int Readings => Volatile.Read(ref _readings);

        public string? Folder { get; private set; }

        public long? AvailableBytes(string folder)
        {
            Interlocked.Increment(ref _readings);
            Folder = folder;
            return Free;
        }
    }
}
