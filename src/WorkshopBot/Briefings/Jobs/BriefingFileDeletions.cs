using Microsoft.Extensions.Options;
using WorkshopBot.Briefings.Storage;
using WorkshopBot.Briefings.Teams;
using WorkshopBot.Common;
using WorkshopBot.Common.Storage;

namespace WorkshopBot.Briefings.Jobs;

/// <summary>What one pass of <see cref="BriefingFileDeletions.RunOnceAsync"/> did with the deletions it found due.</summary>
public sealed record BriefingFileDeletionReport(int Deleted, int Failed, int TryAgain, int Skipped)
{
    public int Taken => Deleted + Failed + TryAgain;
}

/// <summary>
/// Deletes from channels' Files the Word files a withdrawal or a purge queued (<see cref="BriefingFiles"/>), after that has
/// committed. Woken by them (<see cref="BriefingFileDeletionSignal"/>) and sweeping every
/// <see cref="BriefingOptions.UploadSweepInterval"/>, it finds the queued deletions in the store, so one cut off by a crash or
/// a restart is found again. Each is three steps, as an upload is: the claim, under a lease, in one statement (two instances
/// never both take it); the Graph call, outside any transaction; and the outcome, kept only while the claim stands. Deleted,
/// or gone already (404), is done. Graph busy (throttling, failing, not answering) is tried again with a growing wait
/// (<see cref="RetryDelay"/>, or Graph's Retry-After when longer), up to <see cref="MaxTries"/> tries; then, as for any other
/// refusal (403: the bot lost its permission), the file is kept as not deleted, with why, the admins are told on a card in
/// the same unit of work (<see cref="BriefingFileAlerts"/>), and it is logged.
/// </summary>
public sealed partial class BriefingFileDeletions(
    IServiceScopeFactory scopes,
    WorkRunner runner,
    BriefingFiles store,
    IBriefingFileStore files,
    FileNameFingerprints names,
    BriefingFileDeletionSignal signal,
    IOptions<BriefingOptions> options,
    IOptions<GraphOptions> graph,
    TimeProvider time,
    ILogger<BriefingFileDeletions> logger) : BackgroundService
{
    /// <summary>Tries of one deletion while Graph is busy before it counts as failed (about a day of waiting in all).</summary>
    public const int MaxTries = 10;

    /// <summary>The most deletions one pass takes; a full pass is followed at once by another.</summary>
    public const int MaxPerPass = 50;

    /// <summary>How long a claim holds a deletion: three times Graph's time allowed, never under a minute.</summary>
    public TimeSpan Lease => TimeSpan.FromTicks(Math.Max(TimeSpan.FromMinutes(1).Ticks, graph.Value.Timeout.Ticks * 3));

    /// <summary>The wait before try <paramref name="tries"/> + 1 after Graph was busy: 1, 2, 4 ... minutes, at most four hours.</summary>
    public static TimeSpan RetryDelay(int tries) =>
        TimeSpan.FromMinutes(Math.Min(240, 1 << Math.Clamp(tries - 1, 0, 8)));

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        options.Value.RunUploadsInBackground && files.IsEnabled
            ? JobLoop.RunWokenAsync(async ct => (await RunOnceAsync(ct).ConfigureAwait(false)).Taken >= MaxPerPass, signal,
                options.Value.UploadSweepInterval, time, LogPassFailed, stoppingToken)
            : Task.CompletedTask;

    /// <summary>Takes every queued deletion that is due (up to <see cref="MaxPerPass"/>), each apart from the others' failures.</summary>
    public async Task<BriefingFileDeletionReport> RunOnceAsync(CancellationToken cancellationToken)
    {
        // Rows of files deleted a month ago serve nothing more (their deletion is in the audit log): they go first.
        await store.PruneAsync(time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        var due = await store.ListDueAsync(time.GetUtcNow(), MaxPerPass, cancellationToken).ConfigureAwait(false);
        var outcomes = new List<string?>();
        foreach (var file in due)
        {
            try
            {
                outcomes.Add(await DeleteOneAsync(file, cancellationToken).ConfigureAwait(false));
            }
            catch (Exception ex) when (!(cancellationToken.IsCancellationRequested && ex is OperationCanceledException)
                && ex is not ObjectDisposedException)
            {
                // Its claim runs out and a later pass takes it again; the others go on.
                LogStepFailed(ex);
                outcomes.Add(null);
            }
        }

        return new BriefingFileDeletionReport(outcomes.Count(o => o == BriefingFiles.Deleted),
            outcomes.Count(o => o == BriefingFiles.Failed), outcomes.Count(o => o == BriefingFiles.Pending),
            outcomes.Count(o => o is null));
    }

    /// <summary>Claims, deletes and records one file; its state as kept, or null when another pass had it or took it over.</summary>
    private async Task<string?> DeleteOneAsync(BriefingFile file, CancellationToken cancellationToken)
    {
        var claim = Guid.NewGuid().ToString("N");
        var now = time.GetUtcNow();
        if (!await store.ClaimAsync(file.Id, claim, now, now + Lease, cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        var tries = file.Attempts + 1;
        var result = file.Located
            ? await files.DeleteAsync(file.DriveId!, file.ItemId!, cancellationToken).ConfigureAwait(false)
            : await FindAndDeleteAsync(file, cancellationToken).ConfigureAwait(false);
        // The host is stopping: what Graph said is not kept; the claim runs out and the next pass deletes it (again: harmless).
        cancellationToken.ThrowIfCancellationRequested();
        now = time.GetUtcNow();
        if (result.Deleted)
        {
            var done = await runner.RunAsync((services, ct) => services.GetRequiredService<BriefingFileAlerts>()
                .DeletedAsync(file, claim, tries, ct), cancellationToken).ConfigureAwait(false);
            return done ? BriefingFiles.Deleted : null;
        }

        if (result.Transient && tries < MaxTries)
        {
            var wait = result.RetryAfter is { } after && after > RetryDelay(tries) ? after : RetryDelay(tries);
            return await store.FinishAsync(file.Id, claim, now + wait, result.Error, now, cancellationToken).ConfigureAwait(false)
                ? BriefingFiles.Pending
                : null;
        }

        var error = result.Error ?? "Microsoft Graph refused the deletion.";
        var failed = await runner.RunAsync((services, ct) => services.GetRequiredService<BriefingFileAlerts>()
            .FailedAsync(file, claim, error, tries, ct), cancellationToken).ConfigureAwait(false);
        if (failed)
        {
            LogDeleteFailed(file.AuditId, file.Version, tries);
        }

        return failed ? BriefingFiles.Failed : null;
    }

    /// <summary>
    /// An upload's intent (the bot died before it recorded the file's ids): the file is looked for in the channel's folder by
    /// the fingerprint of its name and deleted if there; none there (the upload never stored it) counts as done.
    /// </summary>
    private async Task<FileDeleteResult> FindAndDeleteAsync(BriefingFile file, CancellationToken cancellationToken)
    {
        // An erased organisation's intent carries its team's group: the channel's record it would be found through is gone.
        var group = file.GroupId;
        if (group is null)
        {
            await using var scope = scopes.CreateAsyncScope();
            group = await scope.ServiceProvider.GetRequiredService<BriefingPublisher>().TeamGroupOfAsync(file.ChannelId, cancellationToken)
                .ConfigureAwait(false);
        }

        if (group is null || file.NameHash is null)
        {
            return FileDeleteResult.Failed("The team's Microsoft 365 group is not known, so WorkshopBot cannot look for the file.");
        }

        var fingerprint = await names.FunctionAsync(cancellationToken).ConfigureAwait(false);
        var found = await files.FindInChannelAsync(group, file.ChannelId,
            name => string.Equals(fingerprint(name), file.NameHash, StringComparison.Ordinal), cancellationToken).ConfigureAwait(false);
        if (found.Absent)
        {
            LogNotFoundByName(file.AuditId, file.Version);
            return FileDeleteResult.Done;
        }

        if (!found.Found)
        {
            return FileDeleteResult.Failed(found.Error ?? "Microsoft Graph did not list the channel's files.", found.Transient,
                found.RetryAfter);
        }

        LogFoundByName(file.AuditId, file.Version);
        return await files.DeleteAsync(found.DriveId!, found.ItemId!, cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(EventId = 1535, Level = LogLevel.Information,
        Message = "A briefing's Word file whose upload was cut short was found by its name and is being deleted (audit {AuditId}, "
            + "version {Version})")]
    private partial void LogFoundByName(Guid auditId, int version);

    [LoggerMessage(EventId = 1536, Level = LogLevel.Information,
        Message = "An upload cut short had left no Word file in the channel's Files (audit {AuditId}, version {Version})")]
    private partial void LogNotFoundByName(Guid auditId, int version);

    [LoggerMessage(EventId = 1531, Level = LogLevel.Error,
        Message = "A briefing's Word file could not be deleted from a channel's Files (audit {AuditId}, version {Version}, {Tries} tries)")]
    private partial void LogDeleteFailed(Guid auditId, int version, int tries);

    [LoggerMessage(EventId = 1532, Level = LogLevel.Error, Message = "A step of a Word file's deletion failed; it will be taken again")]
    private partial void LogStepFailed(Exception exception);

    [LoggerMessage(EventId = 1533, Level = LogLevel.Error, Message = "A pass of the Word file deletions failed; it will run again")]
    private partial void LogPassFailed(Exception exception);
}
