using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using WorkshopBot.Storage;
using WorkshopBot.Tests.Support;
using WorkshopBot.Workshop.Domain;
using WorkshopBot.Workshop.Jobs;
using WorkshopBot.Workshop.Teams;

namespace WorkshopBot.Tests.Workshop;

/// <summary>
/// A board's channel card is drawn from what is stored, so it is marked for an update only once the turn that changed
/// the board has committed. Marked earlier, a free slot sent the card at once without the new idea, and nothing followed:
/// the Playground walkthrough once waited in vain for "2 ideas" while the card said "1 idea".
/// </summary>
public sealed class LiveCardsAfterCommit
{
    [Theory]
    [InlineData("add")]
    [InlineData(ModerateActions.Edit)]
    public async Task TheCardAfterAChangeShowsIt(string change)
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        var held = new HeldCommits();
        await using var s = await WorkshopScenario.CreateAsync(o =>
        {
            o.Time = clock;
            o.Services = held.Register;
        });
        await s.StartAsync();
        var rep = WorkshopScenario.Representative(1);
        await s.JoinAsync(rep);
        var board = await s.CreatePollAsync(new CreatePollData(s.WorkshopId, PollTypes.WorkedWell, Dots: "3", MaxPerItem: "2"));
        await s.AddIdeaAsync(rep, board, "Agencies acted promptly.");
        var coalescer = s.Host.Get<LiveCardCoalescer>();
        await s.LetCardUpdatesOutAsync(clock);
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(0, coalescer.PendingFor(s.Channel.Id));

        // The change's commit waits until a card update goes out (or a moment passes): with the slot free, a card marked
        // before the commit goes out in between, drawn without the change.
        held.Action = "workshop.idea." + change;
        held.Until = coalescer;
        var sent = coalescer.UpdatesSent;
        var answer = change == "add"
            ? await s.AddIdeaAsync(rep, board, "Father was involved.")
            : await s.ModerateAsync(board, ModerateActions.Edit, "i1", text: "Father was involved.");
        Assert.Contains(change == "add" ? "Idea added" : "Done (logged).", WorkshopScenario.CardText(answer), StringComparison.Ordinal);
        Assert.Equal(1, held.Held);
        await WorkshopScenario.WaitForAsync(() => coalescer.UpdatesSent > sent && coalescer.PendingFor(s.Channel.Id) == 0);

        Assert.Contains("Father was involved.", s.UpdatesOf(board)[^1].AllText, StringComparison.Ordinal);
    }

    /// <summary>Holds the commit of the next work that logs <see cref="Action"/> until a card update is sent, or 300 ms.</summary>
    private sealed class HeldCommits
    {
        private int _held;

        public string? Action { get; set; }

        public LiveCardCoalescer? Until { get; set; }

        public int Held => Volatile.Read(ref _held);

        public void Register(IServiceCollection services)
        {
            services.TryAddSingleton<SqlStoreCommitter>();
            services.Replace(ServiceDescriptor.Singleton<IStoreCommitter>(sp =>
                new Committer(sp.GetRequiredService<SqlStoreCommitter>(), this)));
        }

        private sealed class Committer(IStoreCommitter inner, HeldCommits held) : IStoreCommitter
        {
            public async Task<CommitResult> CommitAsync(StoreWork work, CancellationToken cancellationToken)
            {
                if (held.Until is { } coalescer && held.Action is { } action
                    && work.Steps.OfType<StoreWork.AppendStep>().Any(a => a.Entry.Action == action)
                    && Interlocked.Exchange(ref held._held, 1) == 0)
                {
                    var sent = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                    void OnSent(string conversationId, string pollId) => sent.TrySetResult();
                    coalescer.Sent += OnSent;
                    try
                    {
                        await Task.WhenAny(sent.Task, Task.Delay(TimeSpan.FromMilliseconds(300), cancellationToken));
                    }
                    finally
                    {
                        coalescer.Sent -= OnSent;
                    }
                }

                return await inner.CommitAsync(work, cancellationToken);
            }
        }
    }
}
