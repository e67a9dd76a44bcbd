using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using WorkshopBot.ActionPlans.Domain;
using WorkshopBot.ActionPlans.Storage;
using WorkshopBot.ActionPlans.Teams;
using WorkshopBot.Audits.Jobs;
using WorkshopBot.Briefings.Domain;
using WorkshopBot.Briefings.Storage;
using WorkshopBot.Briefings.Teams;
using WorkshopBot.Common;
using WorkshopBot.Storage;
using WorkshopBot.Tests.Storage;
using WorkshopBot.Tests.Support;
using static WorkshopBot.Tests.ActionPlans.ActionScenario;

namespace WorkshopBot.Tests.ActionPlans;

/// <summary>
/// An action made from a recommendation keeps where it came from (the briefing's version and the recommendation's number)
/// with the copy of its wording. When the chair withdraws the briefing, the withdrawal clears that copy in its own commit:
/// the wording is gone from the stored action and (on SQLite, once the retention job has rewritten the file) from the raw
/// database file; the rest of the action is as it was; the audit log has one entry for the action, without the text; a
/// withdrawal delivered again, or pressed again, changes nothing more. An action created at the same moment as the
/// withdrawal either is refused or has its copy cleared, whichever commits first.
/// </summary>
internal static class WithdrawalClearsCopiedRecommendations
{
    private const string What = "Draft the information-sharing protocol with health";
    private const string FreeWhat = "Publish the joint interview note template";

    /// <summary>How the action's document holds the copy (camelCase JSON): what the raw file is searched for.</summary>
    private static readonly string StoredCopy = $"\"recommendation\":\"{PartnershipRecommendation}\"";

    public static async Task TheWithdrawalClearsTheCopyOnceAsync(string? postgres)
    {
        await using var s = await StartAsync(postgres);
        var number = s.Recommendations.First(r => r.Text == PartnershipRecommendation).Number;
        await s.InChannelAsync(Chair, PlanScreen.OpenPlan, new PlanRefData(s.Audit.Id));
        Assert.Contains("A1 created", Text(await s.InChannelAsync(Chair, CreateScreen.Create, new CreateActionData(s.Audit.Id, number,
            What, "County Police", PoliceLead.Id, "2026-06-30", PartnershipMeasure, "information-sharing", null))),
            StringComparison.Ordinal);
        Assert.Contains("A2 created", Text(await s.InChannelAsync(Chair, CreateScreen.Create, new CreateActionData(s.Audit.Id, 0,
            FreeWhat, "County Police", PoliceLead.Id, "2026-06-30", PartnershipMeasure, null, null))), StringComparison.Ordinal);
        var before = await s.ActionsAsync();
        var a1 = before.Single(a => a.Number == 1);
        Assert.Equal((PartnershipRecommendation, new RecommendationOrigin(1, number), false),
            (a1.Recommendation, a1.RecommendationFrom, a1.RecommendationWithdrawn));
        var path = s.Host.Get<StorageDatabase>().SqliteFilePath;
        if (path is not null)
        {
            Assert.Contains(StoredCopy, RawText(path), StringComparison.Ordinal);
        }

        await PostedAsync(s);
        var withdraw = s.Host.CardAction(Chair, QaChannel, WithdrawScreen.Withdraw, new WithdrawData(s.Audit.Id));
        Assert.Contains("Briefing withdrawn", Text(await s.Host.InvokeAsync(withdraw)), StringComparison.Ordinal);
        var after = await s.ActionsAsync();
        var log = await LogOfClearingAsync(s);

        var cleared = after.Single(a => a.Number == 1);
        Assert.Equal((null, new RecommendationOrigin(1, number), true),
            (cleared.Recommendation, cleared.RecommendationFrom, cleared.RecommendationWithdrawn));
        Assert.Equal(Kept(a1), Kept(cleared));
        Assert.Equal(a1.Version + 1, cleared.Version);
        Assert.Equivalent(before.Single(a => a.Number == 2), after.Single(a => a.Number == 2), strict: true);
        var entry = Assert.Single(log);
        Assert.Equal((ActionStore.Key(a1.Id), Chair.AadObjectId), (entry.SubjectId, entry.ActorId));
        Assert.Contains($"\"recommendation\":{number}", entry.DetailJson, StringComparison.Ordinal);
        Assert.DoesNotContain("information-sharing protocol", entry.DetailJson, StringComparison.Ordinal);
        foreach (var stored in await s.Host.Get<IDocumentStore>().ListAsync(ActionStore.Actions.Collection))
        {
            Assert.DoesNotContain(PartnershipRecommendation, stored.Json, StringComparison.Ordinal);
        }

        if (path is not null)
        {
            // The retention job's next run rewrites the file and empties its log: the wording is not in its free space either.
            await s.Host.Get<RetentionJob>().RunOnceAsync(default);
            Assert.DoesNotContain(StoredCopy, RawText(path), StringComparison.Ordinal);
        }

        // Delivered again (the same activity), and pressed again: nothing more is changed or logged.
        await s.Host.InvokeAsync(withdraw);
        Assert.Contains("already withdrawn", Text(await s.InChannelAsync(Chair, WithdrawScreen.Withdraw, new WithdrawData(s.Audit.Id))),
            StringComparison.Ordinal);
        Assert.Equivalent(after, await s.ActionsAsync(), strict: true);
        Assert.Single(await LogOfClearingAsync(s));
    }

    /// <summary>
    /// An action stored before its source was kept has only the wording: the withdrawal finds it by that wording among the
    /// withdrawn version's recommendations, clears it, and keeps the number it found.
    /// </summary>
    public static async Task AnActionStoredBeforeItsSourceWasKeptIsFoundByItsWordingAsync(string? postgres)
    {
        await using var s = await StartAsync(postgres);
        var number = s.Recommendations.First(r => r.Text == PartnershipRecommendation).Number;
        var chair = new PersonRef(Chair.AadObjectId, Chair.Name) { TenantId = BotTestHost.TenantId };
        var lead = new ActionLead(new PersonRef(PoliceLead.AadObjectId, PoliceLead.Name) { TenantId = BotTestHost.TenantId },
            PoliceLead.Id);
        var stored = PlannedAction.Create(Guid.NewGuid(), BotTestHost.TenantId, s.Audit.Id, s.Audit.Title, 1, new ActionDraft(What,
            "County Police", lead, new DateOnly(2026, 6, 30), PartnershipMeasure, [], PartnershipRecommendation), chair, Start)
            .ValueOrThrow();
        Assert.Null(stored.RecommendationFrom);
        await s.Host.WorkAsync(async services =>
            Assert.True(await services.GetRequiredService<ActionStore>().InsertAsync(stored, CancellationToken.None)));
        await PostedAsync(s);

        Assert.Contains("Briefing withdrawn", Text(await s.InChannelAsync(Chair, WithdrawScreen.Withdraw, new WithdrawData(s.Audit.Id))),
            StringComparison.Ordinal);

        var cleared = Assert.Single(await s.ActionsAsync());
        Assert.Equal((null, new RecommendationOrigin(1, number), true),
            (cleared.Recommendation, cleared.RecommendationFrom, cleared.RecommendationWithdrawn));
        Assert.Equal(Kept(stored), Kept(cleared));
        Assert.Contains("\"briefingVersion\":1", Assert.Single(await LogOfClearingAsync(s)).DetailJson, StringComparison.Ordinal);
    }

    /// <summary>
    /// Two actions copied the recommendation, A1 with the higher id: the withdrawal clears them by number, but enters their gates
    /// by id (the one order within a kind, see DocumentGates). Another work holds the lower one's gate and then asks for the
    /// higher one's: the withdrawal waits for the lower one holding no action's gate, so the other work is let in at once,
    /// nothing waits the 3 s out, and both copies are cleared. Entered by number, the withdrawal held A1's gate while waiting
    /// for A2's, and the other work waited for A1's until the 3 s ran out (a debug build refuses the withdrawal's gate instead).
    /// </summary>
    public static async Task ActionsClearedByNumberAreQueuedOnInTheOrderOfTheirIdsAsync(string? postgres)
    {
        await using var s = await StartAsync(postgres);
        var chair = new PersonRef(Chair.AadObjectId, Chair.Name) { TenantId = BotTestHost.TenantId };
        var lead = new ActionLead(new PersonRef(PoliceLead.AadObjectId, PoliceLead.Name) { TenantId = BotTestHost.TenantId },
            PoliceLead.Id);
        var (high, low) = (Guid.Parse("f0000000-0000-4000-8000-000000000001"), Guid.Parse("0f000000-0000-4000-8000-000000000002"));
        var stored = new[] { (high, 1), (low, 2) }.Select(a => PlannedAction.Create(a.Item1, BotTestHost.TenantId, s.Audit.Id,
            s.Audit.Title, a.Item2, new ActionDraft(What, "County Police", lead, new DateOnly(2026, 6, 30), PartnershipMeasure, [],
                PartnershipRecommendation), chair, Start).ValueOrThrow()).ToList();
        await s.Host.WorkAsync(async services =>
        {
            foreach (var action in stored)
            {
                Assert.True(await services.GetRequiredService<ActionStore>().InsertAsync(action, CancellationToken.None));
            }
        });
        await PostedAsync(s);
        var gates = s.Host.Get<DocumentGates>();
        var (actions, wentAhead) = (ActionStore.Actions.Collection, gates.WentAheadUnqueued);
        var other = new UnitOfWork();
        await gates.EnterAsync(other, actions, ActionStore.Key(low), CancellationToken.None);

        var withdrawal = s.InChannelAsync(Chair, WithdrawScreen.Withdraw, new WithdrawData(s.Audit.Id));
        await OutboxTestMessages.WaitUntilAsync(() => Task.FromResult(gates.Waiting == 1));
        await gates.EnterAsync(other, actions, ActionStore.Key(high), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(other.Holds(actions, ActionStore.Key(high)));
        Assert.Equal(wentAhead, gates.WentAheadUnqueued);
        other.Committed();

        Assert.Contains("Briefing withdrawn", Text(await withdrawal), StringComparison.Ordinal);
        var after = await s.ActionsAsync();
        Assert.Equal([(1, null, true), (2, null, true)],
            after.OrderBy(a => a.Number).Select(a => (a.Number, a.Recommendation, a.RecommendationWithdrawn)).ToList());
        Assert.Equal(2, (await LogOfClearingAsync(s)).Count);
        Assert.Equal(wentAhead, gates.WentAheadUnqueued);
    }

    /// <summary>
    /// The chair presses "Create the action" from a recommendation just as the withdrawal commits (after the create's turn read
    /// the briefing still standing): the create is refused and nothing is stored from it.
    /// </summary>
    public static async Task ACreateOvertakenByTheWithdrawalIsRefusedAsync(string? postgres)
    {
        var held = new HeldCommits(w => w.Steps.OfType<StoreWork.AppendStep>().Any(e => e.Entry.Action == BriefingPublisher.Withdrawn));
        var seams = new DocumentSeams();
        await using var s = await StartAsync(postgres, services: services =>
        {
            held.Register(services);
            seams.Install(services);
        });
        var number = s.Recommendations.First(r => r.Text == PartnershipRecommendation).Number;
        await s.InChannelAsync(Chair, PlanScreen.OpenPlan, new PlanRefData(s.Audit.Id));
        await PostedAsync(s);

        var withdrawal = s.InChannelAsync(Chair, WithdrawScreen.Withdraw, new WithdrawData(s.Audit.Id));
        await held.Held.WaitAsync(TimeSpan.FromSeconds(60));
        seams.AfterNextRead(BriefingStore.Briefings.Collection, s.Audit.Id.ToString("D"), async () =>
            Assert.Equal(CommitOutcome.Committed, (await held.ReleaseAsync()).Outcome));
        var create = await s.InChannelAsync(Chair, CreateScreen.Create, new CreateActionData(s.Audit.Id, number, What, "County Police",
            PoliceLead.Id, "2026-06-30", PartnershipMeasure, null, null));

        Assert.True(seams.Ran);
        Assert.Contains("Briefing withdrawn", Text(await withdrawal), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, create.Status);
        Assert.Contains("was withdrawn, so no action is made from it", Text(create), StringComparison.Ordinal);
        Assert.Empty(await s.ActionsAsync());
        Assert.DoesNotContain(await s.LogAsync("action"), e => e.Action == "action.created");
    }

    /// <summary>
    /// The create commits just after the withdrawal's turn first read the briefing: the withdrawal finds the new action and
    /// clears its copy in its own commit.
    /// </summary>
    public static async Task ACreateJustBeforeTheWithdrawalHasItsCopyClearedAsync(string? postgres)
    {
        var held = new HeldCommits(w => w.Steps.OfType<StoreWork.InsertStep>().Any(i => i.Collection == ActionStore.Actions.Collection));
        var seams = new DocumentSeams();
        await using var s = await StartAsync(postgres, services: services =>
        {
            held.Register(services);
            seams.Install(services);
        });
        var number = s.Recommendations.First(r => r.Text == PartnershipRecommendation).Number;
        await s.InChannelAsync(Chair, PlanScreen.OpenPlan, new PlanRefData(s.Audit.Id));
        await PostedAsync(s);

        var create = s.InChannelAsync(Chair, CreateScreen.Create, new CreateActionData(s.Audit.Id, number, What, "County Police",
            PoliceLead.Id, "2026-06-30", PartnershipMeasure, null, null));
        await held.Held.WaitAsync(TimeSpan.FromSeconds(60));
        seams.AfterNextRead(BriefingStore.Briefings.Collection, s.Audit.Id.ToString("D"), async () =>
            Assert.Equal(CommitOutcome.Committed, (await held.ReleaseAsync()).Outcome));
        var withdrawal = await s.InChannelAsync(Chair, WithdrawScreen.Withdraw, new WithdrawData(s.Audit.Id));

        Assert.True(seams.Ran);
        Assert.Contains("A1 created", Text(await create), StringComparison.Ordinal);
        Assert.Contains("Briefing withdrawn", Text(withdrawal), StringComparison.Ordinal);
        var a1 = Assert.Single(await s.ActionsAsync());
        Assert.Equal((null, new RecommendationOrigin(1, number), true),
            (a1.Recommendation, a1.RecommendationFrom, a1.RecommendationWithdrawn));
        Assert.Single(await LogOfClearingAsync(s));
    }

    /// <summary>The approved version as posted to a channel (so there is something to withdraw), stored as the publish stores it.</summary>
    private static Task PostedAsync(ActionScenario s)
    {
        var chair = new PersonRef(Chair.AadObjectId, Chair.Name) { TenantId = BotTestHost.TenantId };
        return s.Host.WorkAsync(async services => Assert.True((await services.GetRequiredService<BriefingStore>().ChangeAsync(s.Audit.Id,
            r =>
            {
                r.RecordPublication(new ChannelPublication(1, "19:alpha@thread.tacv2", "Channel", "3f1a0c52-0000-4000-8000-000000000001",
                    "Early Help team", "https://smba.example.org/", BotTestHost.TenantId, "post-a", Start, chair,
                    FileUploadState.NotConfigured, null, null));
                return DomainResult.Ok;
            }, CancellationToken.None)).Saved));
    }

    private static async Task<List<AuditEvent>> LogOfClearingAsync(ActionScenario s) =>
        (await s.LogAsync("action")).Where(e => e.Action == WithdrawnRecommendations.Cleared).ToList();

    /// <summary>Everything of an action the clearing keeps as it was.</summary>
    private static object Kept(PlannedAction a) => new
    {
        a.Id, a.Number, a.What, a.OwnerAgency, a.OwnedByPartnership, Lead = a.Lead.Person.UserId, a.DueOn, a.Measure,
        Themes = string.Join(",", a.Themes), a.State, a.Rag, Updates = a.Updates.Count, Changes = a.Changes.Count, a.CreatedAt,
        a.LastEdit, a.Evidence, a.RemindedForDue,
    };

    /// <summary>The database file and its log, byte for byte, read as Latin-1 (so every byte is one character).</summary>
    private static string RawText(string path) => string.Join('\n', new[] { path, path + "-wal" }.Where(File.Exists).Select(file =>
    {
        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return Encoding.Latin1.GetString(copy.ToArray());
    }));
}

/// <summary>The withdrawal's clearing of the copied wording, on SQLite.</summary>
public sealed class WithdrawalClearsCopiedRecommendationsOnSqlite
{
    [Fact]
    public Task TheWithdrawalClearsTheCopyOnce() => WithdrawalClearsCopiedRecommendations.TheWithdrawalClearsTheCopyOnceAsync(null);

    [Fact]
    public Task AnActionStoredBeforeItsSourceWasKeptIsFoundByItsWording() =>
        WithdrawalClearsCopiedRecommendations.AnActionStoredBeforeItsSourceWasKeptIsFoundByItsWordingAsync(null);

    [Fact]
    public Task ACreateOvertakenByTheWithdrawalIsRefused() =>
        WithdrawalClearsCopiedRecommendations.ACreateOvertakenByTheWithdrawalIsRefusedAsync(null);

    [Fact]
    public Task ActionsClearedByNumberAreQueuedOnInTheOrderOfTheirIds() =>
        WithdrawalClearsCopiedRecommendations.ActionsClearedByNumberAreQueuedOnInTheOrderOfTheirIdsAsync(null);

    [Fact]
    public Task ACreateJustBeforeTheWithdrawalHasItsCopyCleared() =>
        WithdrawalClearsCopiedRecommendations.ACreateJustBeforeTheWithdrawalHasItsCopyClearedAsync(null);
}

/// <summary>The same on a real PostgreSQL server.</summary>
[Collection(PostgresCollection.Name)]
public sealed class WithdrawalClearsCopiedRecommendationsOnPostgres(PostgresServerFixture server)
{
    [Fact]
    public async Task TheWithdrawalClearsTheCopyOnce() =>
        await WithdrawalClearsCopiedRecommendations.TheWithdrawalClearsTheCopyOnceAsync(await server.CreateDatabaseAsync());

    [Fact]
    public async Task AnActionStoredBeforeItsSourceWasKeptIsFoundByItsWording() =>
        await WithdrawalClearsCopiedRecommendations.AnActionStoredBeforeItsSourceWasKeptIsFoundByItsWordingAsync(
            await server.CreateDatabaseAsync());

    [Fact]
    public async Task ACreateOvertakenByTheWithdrawalIsRefused() =>
        await WithdrawalClearsCopiedRecommendations.ACreateOvertakenByTheWithdrawalIsRefusedAsync(await server.CreateDatabaseAsync());

    [Fact]
    public async Task ActionsClearedByNumberAreQueuedOnInTheOrderOfTheirIds() =>
        await WithdrawalClearsCopiedRecommendations.ActionsClearedByNumberAreQueuedOnInTheOrderOfTheirIdsAsync(
            await server.CreateDatabaseAsync());

    [Fact]
    public async Task ACreateJustBeforeTheWithdrawalHasItsCopyCleared() =>
        await WithdrawalClearsCopiedRecommendations.ACreateJustBeforeTheWithdrawalHasItsCopyClearedAsync(
            await server.CreateDatabaseAsync());
}
