using System.Text.Json;
using WorkshopBot.Audits.Domain;
using WorkshopBot.Audits.Storage;
using WorkshopBot.Common;
using WorkshopBot.Insights.Domain;
using WorkshopBot.Insights.Storage;
using WorkshopBot.Storage;

namespace WorkshopBot.Tests.Storage;

/// <summary>
/// The grades of submitted returns (migration 0500): the triggers on documents keep one row per submitted, graded return
/// whatever writes it (a commit, the document store, a purge's delete), and the view reads them by tenant and audit only.
/// </summary>
public abstract class ReturnGradesContract : StorageContract
{
    private const string TenantA = "0a1b2c3d-aaaa-4000-8000-00000000000a";
    private const string TenantB = "0a1b2c3d-bbbb-4000-8000-00000000000b";

    private ReturnGrades Grades => new(Storage.Get<StorageDatabase>());

    private IDocumentStore Documents => Storage.Get<IDocumentStore>();

    [Fact]
    public async Task SubmittedReturnsAreReadForTheirTenantAndAuditsOnly()
    {
        var ours = Issued(TenantA, "Police", "Health");
        var theirs = Issued(TenantB, "Other Police");
        var (police, health) = (Return(ours, 0), Return(ours, 1));
        await CommitAsync(TenantA, Submitted(police, "good"), Submitted(health, "inadequate"));
        await CommitAsync(TenantB, Submitted(Return(theirs, 0), "outstanding"));
        // A return of the other tenant that names our audit (it must not count there either).
        var stray = AuditReturn.Create(Guid.NewGuid(), theirs, ours.Cases[0].Reference, theirs.Agencies[0].Id).ValueOrThrow();
        await CommitAsync(TenantB, Submitted(stray, "inadequate", ours.Id));

        var read = await Grades.ListAsync(TenantA.ToUpperInvariant(), [ours.Id, theirs.Id], CancellationToken.None);

        Assert.Equal([ours.Id], read.Keys);
        Assert.Equal(
            new[] { new GradedReturn("Police", "Good", 2, 4), new GradedReturn("Health", "Inadequate", 4, 4) }
                .OrderBy(g => g.Agency, StringComparer.Ordinal),
            read[ours.Id].OrderBy(g => g.Agency, StringComparer.Ordinal));
        Assert.Empty(await Grades.ListAsync(TenantA, [theirs.Id], CancellationToken.None));
        Assert.Single(Assert.Single(await Grades.ListAsync(TenantB, [theirs.Id], CancellationToken.None)).Value);
    }

    [Fact]
    public async Task AReturnCountsOnlyWhileItIsSubmittedAndGraded()
    {
        var audit = Issued(TenantA, "Police");
        var ret = Return(audit, 0);
        var draft = Json(ret);
        await CommitAsync(TenantA, (ret.Id, draft));
        Assert.Empty(await Grades.ListAsync(TenantA, [audit.Id], CancellationToken.None));

        await UpdateAsync(ret.Id, 1, Submitted(ret, "requires-improvement").Json);
        Assert.Equal("Requires improvement", Assert.Single(await ReadAsync(audit)).Grade);

        await UpdateAsync(ret.Id, 2, draft);
        Assert.Empty(await ReadAsync(audit));

        await UpdateAsync(ret.Id, 3, Submitted(ret, "outstanding").Json);
        Assert.Equal(new GradedReturn("Police", "Outstanding", 1, 4), Assert.Single(await ReadAsync(audit)));

        Assert.True(await Documents.DeleteAsync(AuditStore.Returns, AuditStore.Key(ret.Id)));
        Assert.Empty(await ReadAsync(audit));
    }

    [Fact]
    public async Task ReturnsStoredBeforeTheTableAreFilledInByTheMigrationsRewrite()
    {
        var audit = Issued(TenantA, "Police", "Health");
        await CommitAsync(TenantA, Submitted(Return(audit, 0), "good"), Submitted(Return(audit, 1), "good"));
        await Storage.ExecuteRawAsync("DELETE FROM return_grades");
        Assert.Empty(await ReadAsync(audit));

        // The statement that ends migration 0500.
        await Storage.ExecuteRawAsync("UPDATE documents SET json = json WHERE collection = 'audit-returns'");

        Assert.Equal(2, (await ReadAsync(audit)).Count);
        Assert.All((await Documents.ListAsync(AuditStore.Returns)), d => Assert.Equal(1, d.Version));
    }

    [Fact]
    public async Task AReturnThatIsNotJsonIsStoredAndHasNoGrade()
    {
        Assert.True(await Documents.TryInsertAsync(AuditStore.Returns, "not-json", "{not json", null, null));
        Assert.True(await Documents.TryUpdateAsync(AuditStore.Returns, "not-json", 1, "[1, 2", null, null));

        Assert.Equal(0L, await Storage.QueryScalarAsync<long>("SELECT COUNT(*) FROM return_grades"));
    }

    [Fact]
    public async Task AReturnWhoseJsonEscapesUPlus0000IsStored()
    {
        // jsonb has no U+0000: before migration 1100 the trigger's cast failed on the escape and took the write with it.
        var audit = Issued(TenantA, "Police");
        var (id, json) = Submitted(Return(audit, 0), "good");
        var withNul = json.Replace("\"Police\"", "\"Pol\\u0000ice\"", StringComparison.Ordinal);
        Assert.NotEqual(json, withNul);

        await CommitAsync(TenantA, (id, withNul));
        Assert.True(await Documents.TryInsertAsync(AuditStore.Returns, "nul-escape", "{\"status\":\"Submitted\\u0000\"}", null, null));

        Assert.Equal(withNul, (await Documents.GetAsync(AuditStore.Returns, AuditStore.Key(id)))?.Json);
        Assert.True(await Storage.QueryScalarAsync<long>("SELECT COUNT(*) FROM return_grades") <= 1);
    }

    private async Task<List<GradedReturn>> ReadAsync(Audit audit) =>
        (await Grades.ListAsync(TenantA, [audit.Id], CancellationToken.None)).GetValueOrDefault(audit.Id) ?? [];

    private static Audit Issued(string tenant, params string[] agencies)
    {
        var chair = new PersonRef("chair-" + tenant, "Chair") { TenantId = tenant };
        var audit = Audit.Create(Guid.NewGuid(), "Neglect audit", QuestionTemplates.BlankKey, chair, T0).ValueOrThrow();
        Assert.True(audit.AddCase(CaseReference.Create("AUD-2603-C1").ValueOrThrow(), AgeBand.Under1).Succeeded);
        foreach (var agency in agencies)
        {
            audit.AddAgency(AgencyType.Other, agency, new PersonRef("rep-" + agency, agency)).ValueOrThrow();
        }

        Assert.True(audit.ScheduleReturnsDue(T0.AddDays(20), T0).Succeeded);
        Assert.True(audit.Issue(T0).Succeeded);
        return audit;
    }

    private static AuditReturn Return(Audit audit, int agency) =>
        AuditReturn.Create(Guid.NewGuid(), audit, audit.Cases[0].Reference, audit.Agencies[agency].Id).ValueOrThrow();

    /// <summary>The return submitted with the grade (copied: the draft given stays a draft), optionally naming another audit.</summary>
    private static (Guid Id, string Json) Submitted(AuditReturn draft, string grade, Guid? auditId = null)
    {
        var ret = JsonSerializer.Deserialize<AuditReturn>(Json(draft), DocumentStoreExtensions.DefaultJsonOptions)!;
        var by = new PersonRef("rep", "Rep");
        foreach (var section in ret.Sections)
        {
            ret.SaveSection(section.Id, section.Questions.Select(q => new AnswerInput(q.Id, AnswerValue.No, "Seen.")).ToList(),
                ret.Version, by, T0).ValueOrThrow();
        }

        ret.SaveSummary(new ReturnSummaryInput("Prompt", "Slow", "Sooner", grade), ret.Version, by, T0).ValueOrThrow();
        Assert.True(ret.Submit(ret.Version, by, T0).Succeeded);
        var json = Json(ret);
        return (ret.Id, auditId is { } other
            ? json.Replace(ret.AuditId.ToString("D"), other.ToString("D"), StringComparison.Ordinal)
            : json);
    }

    private static string Json(AuditReturn ret) => JsonSerializer.Serialize(ret, DocumentStoreExtensions.DefaultJsonOptions);

    private async Task CommitAsync(string tenant, params (Guid Id, string Json)[] returns)
    {
        var work = new StoreWork();
        foreach (var (id, json) in returns)
        {
            work.Insert(AuditStore.Returns, AuditStore.Key(id), json, null, null, tenant);
        }

        Assert.Equal(CommitOutcome.Committed, (await Storage.Get<IStoreCommitter>().CommitAsync(work, CancellationToken.None)).Outcome);
    }

    private async Task UpdateAsync(Guid id, long version, string json)
    {
        var work = new StoreWork();
        work.Update(AuditStore.Returns, AuditStore.Key(id), version, json, null, null, TenantA);
        Assert.Equal(CommitOutcome.Committed, (await Storage.Get<IStoreCommitter>().CommitAsync(work, CancellationToken.None)).Outcome);
    }
}

public sealed class ReturnGradesOnSqlite : ReturnGradesContract
{
    protected override Task<TestStorage> CreateStorageAsync(bool migrate) => TestStorage.CreateSqliteAsync(migrate);
}

[Collection(PostgresCollection.Name)]
public sealed class ReturnGradesOnPostgres(PostgresServerFixture server) : ReturnGradesContract
{
    protected override Task<TestStorage> CreateStorageAsync(bool migrate) => TestStorage.CreatePostgresAsync(server, migrate);
}
