using Microsoft.Extensions.Options;
using WorkshopBot.Briefings.Domain;
using WorkshopBot.Briefings.Storage;
using WorkshopBot.Briefings.Teams;
using WorkshopBot.Common;
using WorkshopBot.Common.Storage;

namespace WorkshopBot.Briefings.Jobs;

/// <summary>What one pass of <see cref="BriefingUploads.RunOnceAsync"/> did with the queued uploads it found due.</summary>
public sealed record BriefingUploadReport(int Uploaded, int Failed, int TryAgain, int Skipped)
{
    public int Taken => Uploaded + Failed + TryAgain;
}

/// <summary>
/// Puts the DOCX of each publication that Publish queued (<see cref="FileUploadState.Pending"/>) into its channel's Files,
/// after the publish has committed, so a refused or crashed publish turn leaves no file, and Graph's time is never the
/// chair's. Woken by each publish (<see cref="BriefingUploadSignal"/>) and sweeping every
/// <see cref="BriefingOptions.UploadSweepInterval"/>, it finds the queued uploads in the store, so one cut off by a crash
/// or a restart is found again and made again. Each upload is three steps: the claim, stored in its own unit of work
/// (two instances claiming the same upload conflict, and the later finds it held); the upload, outside any unit of work;
/// and its outcome, kept only while the claim stands (<see cref="BriefingRecord.FinishUpload"/>). A claim that runs out
/// (the instance died mid-upload) lets the next pass take the upload again: Graph replaces a file of the same name, so
/// uploading twice is harmless, and the record settles on one outcome. Graph busy (throttling, failing, not answering) is
/// tried again after a minute, then after four; then, as for any other failure, the publication says Failed with why,
/// and the chair's Retry upload tries again.
/// </summary>
public sealed partial class BriefingUploads(
    IServiceScopeFactory scopes,
    WorkRunner runner,
    IBriefingFileStore files,
    BriefingUploadSignal signal,
    Hosting.TenantGate tenants,
    IOptions<BriefingOptions> options,
    IOptions<GraphOptions> graph,
    TimeProvider time,
    ILogger<BriefingUploads> logger) : BackgroundService
{
    /// <summary>
    /// When each audit whose uploads are held was last reported (event 1525): once every 15 minutes
    /// (<see cref="Hosting.TenantGate.HeldRecheck"/>), as the outbox reports each held message, not at every sweep. Kept by
    /// this instance only, in memory; an entry goes once that time has passed.
    /// </summary>
    private readonly Dictionary<Guid, DateTimeOffset> _heldReported = [];
    private readonly Lock _heldGate = new();

    /// <summary>Tries of one upload before a busy Graph counts as a failure.</summary>
    public const int MaxTries = 3;

    /// <summary>Why an upload that passes kept taking and never finished is given up (the chair's Retry upload tries again).</summary>
    public const string CutShort = "The upload was cut short several times. Choose Retry upload to try again.";

    /// <summary>The most uploads one pass takes; a full pass is followed at once by another.</summary>
    public const int MaxPerPass = 50;

    /// <summary>
    /// How long a claim holds an upload: three times Graph's time allowed for it (token, folder and content share that
    /// time), and never under a minute, so a live pass always finishes well within its claim.
    /// </summary>
    public TimeSpan Lease => LeaseFor(graph.Value);

    /// <summary>The claim's length (<see cref="Lease"/>) for these Graph settings: a chair's Retry upload claims as long.</summary>
    public static TimeSpan LeaseFor(GraphOptions graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        return TimeSpan.FromTicks(Math.Max(TimeSpan.FromMinutes(1).Ticks, graph.Timeout.Ticks * 3));
    }

    /// <summary>The wait before try <paramref name="tries"/> + 1 after Graph was busy: one minute, then four.</summary>
    public static TimeSpan RetryDelay(int tries) => TimeSpan.FromMinutes(Math.Max(1, tries) * Math.Max(1, tries));

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        options.Value.RunUploadsInBackground && files.IsEnabled
            ? JobLoop.RunWokenAsync(async ct => (await RunOnceAsync(ct).ConfigureAwait(false)).Taken >= MaxPerPass, signal,
                options.Value.UploadSweepInterval, time, LogPassFailed, stoppingToken)
            : Task.CompletedTask;

    /// <summary>
    /// Takes every queued upload that is due (up to <see cref="MaxPerPass"/>), one after another, each isolated from the
    /// others' failures. Returns what it did.
    /// </summary>
    public async Task<BriefingUploadReport> RunOnceAsync(CancellationToken cancellationToken)
    {
        List<(Guid AuditId, ChannelPublication Publication)> due;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var now = time.GetUtcNow();
            ForgetOldHeldReports(now);
            due = (await scope.ServiceProvider.GetRequiredService<BriefingStore>().ListWithPendingUploadsAsync(cancellationToken)
                    .ConfigureAwait(false))
                // An organisation taken off WorkshopBot:AllowedTenants gets no more files: its uploads stay queued, untaken,
                // and are made once it is back on the list.
                .Where(r => !Held(r, now))
                .SelectMany(r => r.UploadsDue(now).Select(p => (r.AuditId, p)))
                .OrderBy(d => d.p.PostedAt)
                .Take(MaxPerPass)
                .ToList();
        }

        var outcomes = new List<FileUploadState?>();
        foreach (var (auditId, publication) in due)
        {
            try
            {
                outcomes.Add(await UploadOneAsync(auditId, publication, cancellationToken).ConfigureAwait(false));
            }
            catch (Exception ex) when (!(cancellationToken.IsCancellationRequested && ex is OperationCanceledException)
                && ex is not ObjectDisposedException)
            {
                // Its claim runs out and a later pass takes it again (a few times: see UploadOneAsync); the others go on.
                LogUploadStepFailed(ex);
                outcomes.Add(null);
            }
        }

        return new BriefingUploadReport(outcomes.Count(o => o == FileUploadState.Uploaded),
            outcomes.Count(o => o == FileUploadState.Failed), outcomes.Count(o => o == FileUploadState.Pending),
            outcomes.Count(o => o is null));
    }

    /// <summary>Claims, uploads and records one queued upload; null when another pass had it or took it over.</summary>
    private async Task<FileUploadState?> UploadOneAsync(Guid auditId, ChannelPublication queued, CancellationToken cancellationToken)
    {
        var claim = Guid.NewGuid().ToString("N");
        var claimed = await runner.RunAsync((services, ct) => services.GetRequiredService<BriefingPublisher>()
            .ClaimUploadAsync(auditId, queued.ChannelId, queued.Version, queued.Attempt, claim, Lease, ct), cancellationToken)
            .ConfigureAwait(false);
        if (claimed is null)
        {
            return null;
        }

        var tries = claimed.Publication.UploadTries;
        FileUploadResult result;
        if (tries > MaxTries + 2)
        {
            // Taken this often and never finished, each pass cut off (by a crash, or an error of its own): not again by itself.
            result = FileUploadResult.Failed(CutShort);
        }
        else if (await RefusedByCheckAsync(claimed, cancellationToken).ConfigureAwait(false) is { } refused)
        {
            // Read again before the file is made: a text that fails today's identifier check is not uploaded.
            result = refused;
        }
        else
        {
            await using var scope = scopes.CreateAsyncScope();
            result = await scope.ServiceProvider.GetRequiredService<BriefingPublisher>().UploadClaimedAsync(claimed, cancellationToken)
                .ConfigureAwait(false);
        }

        // The host is stopping: what Graph said is not kept (cut short, it reads as a failure); the claim runs out and the
        // upload is made again by the next pass, here after the restart or on another instance.
        cancellationToken.ThrowIfCancellationRequested();
        DateTimeOffset? retryAt = !result.Succeeded && result.Transient && tries < MaxTries ? time.GetUtcNow() + RetryDelay(tries) : null;
        var kept = await runner.RunAsync((services, ct) => services.GetRequiredService<BriefingPublisher>()
            .FinishUploadAsync(claimed, result, retryAt, ct), cancellationToken).ConfigureAwait(false);
        if (kept is FileUploadState.Failed)
        {
            LogUploadFailed(auditId, queued.Version, tries);
        }

        return kept;
    }

    private bool Held(BriefingRecord record, DateTimeOffset now)
    {
        if (!tenants.NoLongerServes(record.TenantId) || !record.UploadsDue(now).Any())
        {
            return false;
        }

        if (ReportHeld(record.AuditId, now))
        {
            LogUploadsHeld(record.AuditId, record.TenantId!, now + Hosting.TenantGate.HeldRecheck);
        }

        return true;
    }

    /// <summary>True when the audit's held uploads are due to be reported again (and notes that they are now).</summary>
    private bool ReportHeld(Guid auditId, DateTimeOffset now)
    {
        lock (_heldGate)
        {
            if (_heldReported.TryGetValue(auditId, out var reported) && now - reported < Hosting.TenantGate.HeldRecheck)
            {
                return false;
            }

            _heldReported[auditId] = now;
            return true;
        }
    }

    /// <summary>Forgets the reports of audits no longer held (or due again anyway), so the map keeps only the held ones.</summary>
    private void ForgetOldHeldReports(DateTimeOffset now)
    {
        lock (_heldGate)
        {
            foreach (var (auditId, reported) in _heldReported)
            {
                if (now - reported >= Hosting.TenantGate.HeldRecheck)
                {
                    _heldReported.Remove(auditId);
                }
            }
        }
    }

    [LoggerMessage(EventId = 1525, Level = LogLevel.Warning,
        Message = "The briefing DOCX uploads of audit {AuditId} are held, not made: its organisation (tenant {TenantId}) is not "
            + "on WorkshopBot:AllowedTenants. They stay queued and are made if the organisation is put back on the list; reported "
            + "again at {RepeatAt:O} while they are held")]
    private partial void LogUploadsHeld(Guid auditId, string tenantId, DateTimeOffset repeatAt);

    [LoggerMessage(EventId = 5311, Level = LogLevel.Warning,
        Message = "A briefing's DOCX upload to a channel failed for good (audit {AuditId}, version {Version}, {Tries} tries)")]
    private partial void LogUploadFailed(Guid auditId, int version, int tries);

    [LoggerMessage(EventId = 5312, Level = LogLevel.Error, Message = "A step of a briefing's DOCX upload failed; it will be taken again")]
    private partial void LogUploadStepFailed(Exception exception);

    [LoggerMessage(EventId = 5313, Level = LogLevel.Error, Message = "A pass of the briefing uploads failed; it will run again")]
    private partial void LogPassFailed(Exception exception);
}
