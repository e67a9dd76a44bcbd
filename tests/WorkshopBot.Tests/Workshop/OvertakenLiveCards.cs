using Microsoft.Extensions.DependencyInjection;
using WorkshopBot.Protocol.Connector;
using WorkshopBot.Tests.Support;
using WorkshopBot.Workshop.Domain;
using WorkshopBot.Workshop.Jobs;
using WorkshopBot.Workshop.Teams;

namespace WorkshopBot.Tests.Workshop;

/// <summary>
/// A live update drawn while the poll was open can reach Teams after the card a close queued: the closed card must not
/// stay replaced by the open one. The live update's request to Teams is held while the chair closes the poll and the
/// outbox sends the closed card; then it goes on.
/// </summary>
public sealed class OvertakenLiveCards
{
    [Fact]
    public async Task AClosedPollsCardOvertakenByALiveUpdateDrawnBeforeTheCloseIsPutBack()
    {
        var held = new HeldUpdate();
        await using var s = await WorkshopScenario.CreateAsync(o => o.Services = services =>
        {
            services.AddSingleton(held);
            services.AddHttpClient<IConnectorClient, ConnectorClient>().AddHttpMessageHandler(() => new HoldingHandler(held));
        });
        await s.StartAsync();
        var rep = WorkshopScenario.Representative(1);
        await s.JoinAsync(rep);
        var poll = await s.CreatePollAsync(new CreatePollData(s.WorkshopId, PollTypes.Single, "Best next step?",
            Choices: "Training\nAudit again"));
        await s.PhaseAsync(poll, PhaseActions.Open);
        await s.ChooseAsync(rep, poll, "c1");
        await s.Host.DrainOutboxAsync();

        // The next update of the card waits, as a slow network would make it, while the poll is closed and its closed
        // card is sent.
        held.Before = async () =>
        {
            await s.PhaseAsync(poll, PhaseActions.Close);
            await s.Host.DrainOutboxAsync();
        };
        await using (var scope = s.Host.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<IPollCardSender>().SendAsync(s.WorkshopId, poll.Id, default);
        }

        Assert.Null(held.Before);
        var updates = s.UpdatesOf((await s.SessionAsync()).FindPoll(poll.Id)!);
        Assert.Contains(updates, u => u.AllText.Contains("Closed", StringComparison.Ordinal));
        Assert.Contains("Closed", updates[^1].AllText, StringComparison.Ordinal);
    }

    /// <summary>What to do before the next card update goes to Teams (once).</summary>
    private sealed class HeldUpdate
    {
        private Func<Task>? _before;

        public Func<Task>? Before
        {
            get => Volatile.Read(ref _before);
            set => Volatile.Write(ref _before, value);
        }

        public Func<Task>? Take() => Interlocked.Exchange(ref _before, null);
    }

    private sealed class HoldingHandler(HeldUpdate held) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.Method == HttpMethod.Put && held.Take() is { } before)
            {
                await before();
            }

            return await base.SendAsync(request, cancellationToken);
        }
    }
}
