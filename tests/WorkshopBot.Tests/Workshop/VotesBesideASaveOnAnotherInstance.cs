using System.Net;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using WorkshopBot.Common.Storage;
using WorkshopBot.Storage;
using WorkshopBot.Tests.Foundation;
using WorkshopBot.Tests.Storage;
using WorkshopBot.Tests.Support;
using WorkshopBot.Workshop.Domain;
using WorkshopBot.Workshop.Storage;
using WorkshopBot.Workshop.Teams;

namespace WorkshopBot.Tests.Workshop;

/// <summary>
/// Two instances on one PostgreSQL store. The chair rewords an idea on one while a participant's dot on that idea, decided
/// on the wording read a moment before, is committing on the other. The save has moved the poll's basis and not yet
/// committed when the vote checks it (a seam in the other instance's committer stops the save after its statements and
/// before its commit; the test waits for the server's own view of the vote's lock wait, not on a clock). Under READ
/// COMMITTED the vote's check reads the row as last committed, so before the save took the poll's lock the vote passed,
/// committed beside the save and answered with the old wording, counted as if it had come first. Now the save takes the
/// poll's lock exclusively (the lock votes share), the vote waits for the save's commit, fails its check, and runs again
/// from fresh reads.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class VotesBesideASaveOnAnotherInstance(PostgresServerFixture server)
{
    private const string NewWording = "Records were shared late.";

    [Fact]
    public async Task AVoteCommittingBesideARewordingSaveIsDecidedAgainOnTheNewWording()
    {
        var database = await server.CreateDatabaseAsync();
        var seams = new DocumentSeams();
        await using var s = await WorkshopScenario.CreateAsync(o =>
        {
            o.PostgresConnectionString = database;
            o.Services = seams.Install;
            o.Settings["Workshop:KnownVoterCountsAge"] = "00:00:00";
        });
        var pause = new PausedSave(WorkshopRepository.Collection);
        await using var other = await JobsOnTwoInstances.SecondInstanceAsync(database, TimeProvider.System, pause.Register);
        await s.StartAsync();
        var rep = WorkshopScenario.Representative(1);
        await s.JoinAsync(rep);
        var live = await s.CreatePollAsync(new CreatePollData(s.WorkshopId, PollTypes.CustomBoard, "Live board", Dots: "3",
            MaxPerItem: "3"));
        foreach (var idea in new[] { "Prompt strategy meeting.", "Records were shared.", "Father was seen." })
        {
            Assert.Equal(HttpStatusCode.OK, (await s.AddIdeaAsync(rep, live, idea)).Status);
        }

        Assert.Contains("Voting is open.", WorkshopScenario.CardText(await s.PhaseAsync(live, PhaseActions.Open)),
            StringComparison.Ordinal);

        // Right after the vote's read of the workshop, the chair rewords the idea on the other instance, whose save stops
        // after its statements (the poll's basis moved) and before its commit; the vote then goes on to commit.
        var (collection, key) = (WorkshopRepository.Collection, WorkshopRepository.KeyOf(s.WorkshopId));
        var reads = 0;
        Task<InvokeResult>? reword = null;
        var rewording = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        seams.AfterNextRead(collection, key, async () =>
        {
            reads++;
            pause.Armed = true;
            reword = other.ExecuteAsync(s.Chair, s.Channel, ModerationScreen.Moderate,
                new ModerateData(s.WorkshopId, live.Id, ModerateActions.Edit, "i2", null, NewWording));
            await pause.Paused.Task.WaitAsync(TimeSpan.FromSeconds(60));
            seams.AfterNextRead(collection, key, CountAsync);
            rewording.TrySetResult();
        });

        Task CountAsync()
        {
            reads++;
            seams.AfterNextRead(collection, key, CountAsync);
            return Task.CompletedTask;
        }

        var vote = s.DotAsync(rep, live, "i2");
        await rewording.Task.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.NotNull(reword);
        Assert.False(reword.IsCompleted, "the rewording did not wait before its commit");

        // The vote is committing too and waits on the save (for the poll's lock, or its row); then the save commits.
        await WaitForLockWaitAsync(s, vote);
        pause.Release.TrySetResult();
        Assert.Equal(HttpStatusCode.OK, (await reword).Status);
        var answer = await vote;

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        var text = WorkshopScenario.CardText(answer);
        Assert.DoesNotContain(DocumentChanges.ChangedElsewhere, text, StringComparison.Ordinal);
        Assert.True(reads >= 2, $"the vote read the workshop {reads} time(s): it committed on the wording it read first");
        Assert.Contains(NewWording, text, StringComparison.Ordinal);
        Assert.Equal(new Dictionary<string, int> { ["i2"] = 1 }, await s.TallyAsync(live));
        Assert.Equal(await VotesWhileTheWorkshopChangesScenarios.WorkshopVersionAsync(s),
            await VotesWhileTheWorkshopChangesScenarios.BasisAsync(s, live));
    }

    /// <summary>
    /// Waits until one of the database's sessions waits for a lock (the server's own view: no clock), failing if
    /// <paramref name="task"/> finished first: it committed without waiting for the save.
    /// </summary>
    private static async Task WaitForLockWaitAsync(WorkshopScenario s, Task task)
    {
        await using var probe = await s.Host.Get<StorageDatabase>().OpenAsync(default);
        for (var i = 0; i < 20_000 && !task.IsCompleted; i++)
        {
            if (await probe.ExecuteScalarAsync<long>(
                    "SELECT COUNT(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()") > 0)
            {
                return;
            }

            await Task.Yield();
        }

        var sessions = await probe.QueryAsync<string>(
            "SELECT coalesce(wait_event_type, '-') || ' ' || coalesce(wait_event, '-') || ': ' || left(query, 120) "
            + "FROM pg_stat_activity WHERE datname = current_database() AND state <> 'idle' AND pid <> pg_backend_pid()");
        var answer = task is Task<InvokeResult> { IsCompletedSuccessfully: true } done ? WorkshopScenario.CardText(done.Result) : "";
        answer = answer.Length > 0 ? $" ({answer[..Math.Min(400, answer.Length)]})" : "";
        Assert.Fail("expected a session waiting for a lock; the vote " +
            (task.IsCompleted ? "finished without waiting" : "never waited") + answer + "; sessions: " + string.Join(" | ", sessions));
    }

    /// <summary>
    /// On the other instance: once <see cref="Armed"/>, the next commit of a save that moves parts of a document of
    /// <paramref name="collection"/> (its dependents) stops inside its transaction after all its statements, says so
    /// (<see cref="Paused"/>), and commits once <see cref="Release"/> is set.
    /// </summary>
    private sealed class PausedSave(string collection)
    {
        private int _armed;

        public string Collection { get; } = collection;

        public bool Armed
        {
            get => Volatile.Read(ref _armed) == 1;
            set => Volatile.Write(ref _armed, value ? 1 : 0);
        }

        public TaskCompletionSource Paused { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Register(IServiceCollection services)
        {
            services.TryAddSingleton<SqlStoreCommitter>();
            services.Replace(ServiceDescriptor.Singleton<IStoreCommitter>(sp => new Committer(sp.GetRequiredService<SqlStoreCommitter>(),
                this)));
        }

        private sealed class Committer(IStoreCommitter inner, PausedSave pause) : IStoreCommitter
        {
            public Task<CommitResult> CommitAsync(StoreWork work, CancellationToken cancellationToken)
            {
                if (work.Steps.OfType<StoreWork.StatementsStep>().Any(d => d.Description.StartsWith(pause.Collection + "/",
                        StringComparison.Ordinal) && d.Description.EndsWith(" dependents", StringComparison.Ordinal))
                    && Interlocked.Exchange(ref pause._armed, 0) == 1)
                {
                    work.Execute("paused before its commit", async (_, _, _, _) =>
                    {
                        pause.Paused.TrySetResult();
                        await pause.Release.Task.WaitAsync(TimeSpan.FromSeconds(60));
                        return true;
                    });
                }

                return inner.CommitAsync(work, cancellationToken);
            }
        }
    }
}
