using WorkshopBot.Briefings.Domain;
using WorkshopBot.Briefings.Storage;
using WorkshopBot.Common;
using WorkshopBot.Common.Storage;
using WorkshopBot.Storage;
using WorkshopBot.Tests.Briefings;

namespace WorkshopBot.Tests.Storage;

/// <summary>
/// The background upload's one query: the briefings, of any audit and tenant, with a DOCX upload still queued. Found by
/// the briefing's second lookup key, which says so only while one is queued, so a briefing whose uploads are done (or
/// that never had one) is neither listed nor read.
/// </summary>
public abstract class BriefingPendingUploadsContract : StorageContract
{
    private const string TenantA = "0a1b2c3d-aaaa-4000-8000-00000000000a";
    private const string TenantB = "0a1b2c3d-bbbb-4000-8000-00000000000b";

    private readonly DocumentGates gates = new();

    [Fact]
    public async Task OnlyBriefingsWithAnUploadStillQueuedAreListedWhateverTheirTenant()
    {
        var queuedA = await StoreAsync(TenantA, FileUploadState.Pending);
        var done = await StoreAsync(TenantB, FileUploadState.Uploaded);
        var queuedB = await StoreAsync(TenantB, FileUploadState.Pending, FileUploadState.Failed);
        var never = await StoreAsync(TenantA);

        var listed = await Store(null).ListWithPendingUploadsAsync(CancellationToken.None);

        Assert.Equal(new[] { queuedA, queuedB }.Order(), listed.Select(r => r.AuditId).Order());
        var stored = await Storage.Get<IDocumentStore>().ListAsync(BriefingStore.Briefings.Collection);
        Assert.Equal(BriefingStore.PendingUploadsKey, Assert.Single(stored, d => d.Id == BriefingStore.Key(queuedA)).Key2);
        Assert.Null(Assert.Single(stored, d => d.Id == BriefingStore.Key(done)).Key2);
        Assert.Null(Assert.Single(stored, d => d.Id == BriefingStore.Key(never)).Key2);
    }

    [Fact]
    public async Task ABriefingLeavesTheListOnceItsLastQueuedUploadIsFinished()
    {
        var auditId = await StoreAsync(TenantA, FileUploadState.Pending);
        var now = T0.AddHours(1);

        var work = new UnitOfWork();
        var store = Store(work);
        var claimed = await store.ChangeAsync(auditId, r => r.ClaimUpload("19:c0@thread.tacv2", 1, 1, "pass", now, now.AddMinutes(1)),
            CancellationToken.None);
        Assert.True(claimed.Saved);
        await CommitAsync(work);
        Assert.Single(await Store(null).ListWithPendingUploadsAsync(CancellationToken.None));

        work = new UnitOfWork();
        var finished = await Store(work).ChangeAsync(auditId, r => r.FinishUpload("19:c0@thread.tacv2", 1, 1, "pass", true,
            "https://contoso.sharepoint.com/files/c0.docx", null), CancellationToken.None);
        Assert.True(finished.Saved);
        await CommitAsync(work);

        Assert.Empty(await Store(null).ListWithPendingUploadsAsync(CancellationToken.None));
        var stored = await Storage.Get<IDocumentStore>().GetAsync(BriefingStore.Briefings.Collection, BriefingStore.Key(auditId));
        Assert.Null(stored!.Key2);
    }

    /// <summary>A tenant's approved briefing published to one channel per upload state given; returns its audit id.</summary>
    private async Task<Guid> StoreAsync(string tenant, params FileUploadState[] uploads)
    {
        var chair = new PersonRef("chair-" + tenant, "Chair") { TenantId = tenant };
        var auditId = Guid.NewGuid();
        var briefing = BriefingFixtures.Composer.Compose(BriefingFixtures.Lancashire(), BriefingFixtures.PublicationDate)
            with { AuditId = auditId };
        var record = BriefingRecord.Start(briefing, chair, T0);
        foreach (var (upload, i) in uploads.Select((u, i) => (u, i)))
        {
            record.RecordPublication(new ChannelPublication(1, $"19:c{i}@thread.tacv2", $"Channel {i}", null, "Team",
                "https://smba.example", tenant, $"post-{auditId:N}-{i}", T0, chair, upload,
                upload == FileUploadState.Uploaded ? "https://contoso.sharepoint.com/files/x.docx" : null, null));
        }

        var work = new UnitOfWork();
        work.ActFor(tenant);
        Assert.True(await Store(work).TryInsertAsync(record, CancellationToken.None));
        await CommitAsync(work);
        return auditId;
    }

    private BriefingStore Store(UnitOfWork? work) =>
        new(new DocumentChanges(Storage.Get<IDocumentStore>(), work ?? new UnitOfWork(), gates), new TeamGroupsSeen(TimeProvider.System));

    private async Task CommitAsync(UnitOfWork work)
    {
        work.Flush();
        var committed = await Storage.Get<IStoreCommitter>().CommitAsync(work.Store, CancellationToken.None);
        Assert.Equal(CommitOutcome.Committed, committed.Outcome);
        work.Committed();
    }
}

public sealed class BriefingPendingUploadsOnSqlite : BriefingPendingUploadsContract
{
    protected override Task<TestStorage> CreateStorageAsync(bool migrate) => TestStorage.CreateSqliteAsync(migrate);
}

[Collection(PostgresCollection.Name)]
public sealed class BriefingPendingUploadsOnPostgres(PostgresServerFixture server) : BriefingPendingUploadsContract
{
    protected override Task<TestStorage> CreateStorageAsync(bool migrate) => TestStorage.CreatePostgresAsync(server, migrate);
}
