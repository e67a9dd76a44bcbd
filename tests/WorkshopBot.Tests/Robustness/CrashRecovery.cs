using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Microsoft.Extensions.Configuration;
using WorkshopBot.Protocol.Schema;
using WorkshopBot.Tests.Storage;
using WorkshopBot.Tests.Support;
using WorkshopBot.Tests.Workshop;
using WorkshopBot.Workshop.Domain;
using WorkshopBot.Workshop.Teams;
using Xunit.Abstractions;

namespace WorkshopBot.Tests.Robustness;

/// <summary>
/// kill -9 of the real bot process (<c>dotnet WorkshopBot.dll</c>, production mode: tokens signed by a local issuer and
/// checked, its own outbound token from a local managed-identity endpoint) in the middle of a stream of votes and the
/// chair's poll creations, with queued outbox messages being delivered in the background, on SQLite and on PostgreSQL.
/// Every request not answered before a kill is sent again after the restart (as Teams redelivers), some answered ones
/// too. At the end every vote is stored exactly once, every created poll is in the workshop once with its card posted,
/// and every queued message reached the connector.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class CrashRecovery(PostgresServerFixture server, ITestOutputHelper output)
{
    private const int Kills = 3;
    private const int QueuedMessages = 120;
    private const int Senders = 4;
    private const int OutboxParallel = 8;
    private const int PollCreations = 12;

    [Fact]
    public Task OnSqliteEveryAcknowledgedVoteAndQueuedMessageSurvivesKillsExactlyOnce() => RunAsync(postgres: false);

    [Fact]
    public Task OnPostgresEveryAcknowledgedVoteAndQueuedMessageSurvivesKillsExactlyOnce() => RunAsync(postgres: true);

    private async Task RunAsync(bool postgres)
    {
        var database = postgres ? await server.CreateDatabaseAsync() : null;
        await using var identity = await LocalTokenEndpoint.StartAsync(https: false);
        // The in-process host sets up the workshop and queues the messages, then stays idle (no drainer, no timer) and
        // lends its token issuer and fake connector to the bot processes; at the end it reads what they stored.
        await using var scenario = await WorkshopScenario.CreateAsync(o => o.PostgresConnectionString = database);
        var host = scenario.Host;
        host.Connector.WriteLimits = [];
        await scenario.StartAsync();
        var voters = Enumerable.Range(1, 5).Select(WorkshopScenario.Representative).ToList();
        foreach (var voter in voters)
        {
            await scenario.JoinAsync(voter);
        }

        var polls = new List<Poll>();
        for (var p = 0; p < 2; p++)
        {
            var poll = await scenario.CreatePollAsync(new CreatePollData(scenario.WorkshopId, PollTypes.CustomBoard, $"Board {p}",
                Dots: Poll.MaxDots.ToString(System.Globalization.CultureInfo.InvariantCulture), MaxPerItem: "20"));
            foreach (var idea in new[] { "Prompt strategy meeting.", "Records were shared.", "Father was seen." })
            {
                Assert.Equal(HttpStatusCode.OK, (await scenario.AddIdeaAsync(voters[0], poll, idea)).Status);
            }

            Assert.Equal(HttpStatusCode.OK, (await scenario.PhaseAsync(poll, PhaseActions.Open)).Status);
            polls.Add(poll);
        }

        await host.DrainOutboxAsync();
        for (var i = 0; i < QueuedMessages; i++)
        {
            var text = $"crash-msg-{i}.";
            await host.QueueAsync(o => o.SendToUser(host.ServiceUrl, BotTestHost.TenantId, $"29:crash-user-{i % 30}",
                new Activity { Type = ActivityTypes.Message, Text = text }, $"crash:{i}", null));
        }

        // Every voter spends all their dots, one request per dot, on the three ideas of each board, interleaved.
        var options = new[] { "i1", "i2", "i3" };
        var votes = (from dot in Enumerable.Range(0, Poll.MaxDots)
                     from poll in polls
                     from voter in voters
                     let option = options[(dot + voter.Name.Length) % options.Length]
                     select new Vote(voter, poll, option, host.CardAction(voter, scenario.Channel, BallotScreen.Dot,
                         new DotData(scenario.WorkshopId, poll.Id, 1, option)))).ToList();
        // The chair creates polls in between, each with its own prompt to find it by.
        var creations = Enumerable.Range(0, PollCreations).Select(c => new Request($"creation of crash-poll-{c}",
            host.CardAction(scenario.Chair, scenario.Channel, PollsScreen.CreatePoll, new CreatePollData(scenario.WorkshopId,
                PollTypes.CustomBoard, Prompt(c), Dots: "3", MaxPerItem: "3")))).ToList();
        var requests = votes.Select(v => new Request($"vote of {v.Voter.Name} on {v.Option}", v.Activity)).ToList();
        for (var c = 0; c < PollCreations; c++)
        {
            requests.Insert((c + 1) * requests.Count / (PollCreations + 1), creations[c]);
        }

        var environment = Environment(host, identity, database);
        var stream = new RequestStream(host, requests);
        var random = new Random();
        var killedAt = new List<DateTimeOffset>();
        for (var kill = 0; kill < Kills; kill++)
        {
            await using var bot = BotProcess.Start(environment["Storage__DataFolder"]!, environment);
            var address = await bot.WaitUntilListeningAsync(TimeSpan.FromSeconds(120));
            // Killed once a random number more votes were answered, with other requests in flight.
            var killAfter = stream.Acknowledged + random.Next(10, 40);
            await stream.SendAsync(address, Senders, () => stream.Acknowledged >= killAfter, () =>
            {
                bot.Kill();
                killedAt.Add(DateTimeOffset.UtcNow);
            });
            output.WriteLine($"kill {kill + 1}: {stream.Acknowledged} requests answered so far, {stream.Pending} still to send");
        }

        await using (var bot = BotProcess.Start(environment["Storage__DataFolder"]!, environment))
        {
            var address = await bot.WaitUntilListeningAsync(TimeSpan.FromSeconds(120));
            // Teams redelivers some answered activities too: they must get the same answer and change nothing.
            stream.Redeliver(requests.Where((_, i) => i % 9 == 0).Concat(creations.Where((_, c) => c % 3 == 0)));
            await stream.SendAsync(address, Senders, () => false, () => { });
            Assert.Equal(0, stream.Pending);
            await WaitForAsync(() => Enumerable.Range(0, QueuedMessages).All(i => Delivered(host, i).Count > 0)
                && Enumerable.Range(0, PollCreations).All(c => PollCards(host, c).Count > 0), bot);
        }

        await host.RestartAsync();
        var lostVotes = 0;
        var duplicatedVotes = 0;
        foreach (var poll in polls)
        {
            var tally = await scenario.TallyAsync(poll);
            foreach (var option in options)
            {
                var expected = votes.Count(v => v.Poll.Id == poll.Id && v.Option == option);
                var stored = tally.GetValueOrDefault(option);
                lostVotes += Math.Max(0, expected - stored);
                duplicatedVotes += Math.Max(0, stored - expected);
            }
        }

        // Every creation was answered 200 with the poll's controls: each prompt is one poll, none without its card.
        var session = await scenario.SessionAsync();
        var created = Enumerable.Range(0, PollCreations).Select(c => session.Polls.Count(p => p.Prompt == Prompt(c))).ToList();
        var lostPolls = created.Count(n => n == 0);
        var duplicatedPolls = created.Sum(n => Math.Max(0, n - 1));
        var orphanPolls = session.Polls.Count(p => p.CardPostKey is null);
        var pollCardsTwice = Enumerable.Range(0, PollCreations).Sum(c => Math.Max(0, PollCards(host, c).Count - 1));

        var deliveries = Enumerable.Range(0, QueuedMessages).Select(i => Delivered(host, i)).ToList();
        var lostMessages = deliveries.Count(d => d.Count == 0);
        var duplicatedMessages = deliveries.Sum(d => Math.Max(0, d.Count - 1));
        // Sent twice only if the first send was in flight when the process died: a kill falls between the two deliveries.
        var notAtAKill = deliveries.Where(d => d.Count > 1)
            .Where(d => !killedAt.Any(k => d[0].ReceivedAt <= k && k <= d[^1].ReceivedAt)).ToList();
        output.WriteLine($"{(postgres ? "PostgreSQL" : "SQLite")}: {Kills} kills, {votes.Count} votes and {PollCreations} poll "
            + $"creations ({stream.Sent} requests, {stream.Resent} sent again, {stream.Acknowledged} answered), {QueuedMessages} "
            + $"queued messages; votes lost {lostVotes}, duplicated {duplicatedVotes}; polls lost {lostPolls}, duplicated "
            + $"{duplicatedPolls}, without a card {orphanPolls}, card posted twice {pollCardsTwice}; messages lost {lostMessages}, "
            + $"delivered twice {duplicatedMessages}");
        Assert.Equal(0, lostVotes);
        Assert.Equal(0, duplicatedVotes);
        Assert.Equal(0, lostPolls);
        Assert.Equal(0, duplicatedPolls);
        Assert.Equal(0, orphanPolls);
        Assert.Equal(2 + PollCreations, session.Polls.Count);
        Assert.Equal(0, lostMessages);
        // A message whose send was in flight when the process died may go twice (the connector got it, the store never
        // heard that it did); only those: at most one per kill and sender of the drainer, and a kill between the two.
        Assert.True(duplicatedMessages <= Kills * OutboxParallel, $"{duplicatedMessages} messages delivered twice in {Kills} kills.");
        Assert.Empty(notAtAKill);
        Assert.True(stream.Errors.IsEmpty, string.Join("\n", stream.Errors.Take(5)));
    }

    private static Dictionary<string, string?> Environment(BotTestHost host, LocalTokenEndpoint identity, string? postgres)
    {
        var folder = Directory.CreateTempSubdirectory("workshopbot-crash-").FullName;
        var sqlite = host.Get<IConfiguration>()["Storage:SqlitePath"];
        return new Dictionary<string, string?>
        {
            ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
            ["Storage__DataFolder"] = folder,
            ["Storage__Provider"] = postgres is null ? "Sqlite" : "Postgres",
            ["Storage__SqlitePath"] = postgres is null ? sqlite : null,
            ["Storage__PostgresConnectionString"] = postgres,
            ["MicrosoftAppType"] = "UserAssignedMSI",
            ["MicrosoftAppId"] = BotTestHost.AppId,
            ["MicrosoftAppTenantId"] = BotTestHost.TenantId,
            ["ToBotFromChannelOpenIdMetadataUrl"] = host.Issuer.MetadataUrl,
            ["EntraOpenIdMetadataUrl"] = host.Issuer.EntraMetadataUrl(BotTestHost.TenantId),
            ["IDENTITY_ENDPOINT"] = identity.ManagedIdentityEndpoint,
            ["IDENTITY_HEADER"] = LocalTokenEndpoint.IdentityHeader,
            ["WorkshopBot__AllowedTenants__0"] = BotTestHost.TenantId,
            ["Bot__AllowLoopbackServiceUrls"] = "true",
            ["Bot__Connector__RetryBaseDelay"] = "00:00:00.050",
            ["Bot__Connector__RetryMaxDelay"] = "00:00:00.200",
            ["Outbox__RunInBackground"] = "true",
            ["Outbox__PollInterval"] = "00:00:00.100",
            ["Outbox__RetryDelay"] = "00:00:00",
            ["Outbox__MaxParallelConversations"] = OutboxParallel.ToString(System.Globalization.CultureInfo.InvariantCulture),
            // The same instance after every restart: it takes back what it had in flight without waiting for the lease.
            ["Outbox__InstanceId"] = "crash-bot",
            ["Workshop__RunTimerInBackground"] = "false",
            ["Logging__LogLevel__Default"] = "Warning",
        };
    }

    /// <summary>The connector's receipts of queued message <paramref name="i"/>, in order.</summary>
    private static List<RecordedRequest> Delivered(BotTestHost host, int i)
    {
        var text = $"crash-msg-{i}.";
        return host.Connector.Requests.Where(r => r.Method == "POST" && r.StatusCode is >= 200 and < 300
                && r.Path.EndsWith("/activities", StringComparison.Ordinal) && r.Body.Contains($"\"{text}\"", StringComparison.Ordinal))
            .OrderBy(r => r.ReceivedAt).ToList();
    }

    private static string Prompt(int creation) => $"crash-poll-{creation}.";

    /// <summary>The connector's receipts of a new card posted with created poll <paramref name="creation"/>'s prompt.</summary>
    private static List<RecordedRequest> PollCards(BotTestHost host, int creation) =>
        host.Connector.Requests.Where(r => r.Method == "POST" && r.StatusCode is >= 200 and < 300
                && r.Path.EndsWith("/activities", StringComparison.Ordinal) && r.Body.Contains(Prompt(creation), StringComparison.Ordinal))
            .ToList();

    private static async Task WaitForAsync(Func<bool> condition, BotProcess bot)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        while (!condition())
        {
            Assert.False(timeout.IsCancellationRequested,
                "The outbox did not deliver every queued message and poll card in 3 minutes:\n" + bot.Output);
            await Task.Delay(200);
        }
    }

    private sealed record Vote(TestUser Voter, Poll Poll, string Option, Activity Activity);

    /// <summary>One activity of the stream; <see cref="Label"/> names it in a failure.</summary>
    private sealed record Request(string Label, Activity Activity);

    /// <summary>Sends requests with a few senders at once; a request with no answer (the process died) is sent again later.</summary>
    private sealed class RequestStream(BotTestHost host, IReadOnlyList<Request> requests)
    {
        private readonly ConcurrentQueue<Request> _pending = new(requests);
        private readonly string _token = host.Issuer.CreateToken(BotTestHost.AppId, host.ServiceUrl);
        private int _acknowledged;
        private int _sent;
        private int _resent;

        public int Acknowledged => Volatile.Read(ref _acknowledged);

        public int Pending => _pending.Count;

        public int Sent => Volatile.Read(ref _sent);

        public int Resent => Volatile.Read(ref _resent);

        public ConcurrentBag<string> Errors { get; } = [];

        public void Redeliver(IEnumerable<Request> answered)
        {
            foreach (var request in answered)
            {
                _pending.Enqueue(request);
                Interlocked.Increment(ref _resent);
            }
        }

        /// <summary>Sends until nothing is pending, or until <paramref name="stop"/> holds, when it runs <paramref name="kill"/>.</summary>
        public async Task SendAsync(Uri address, int senders, Func<bool> stop, Action kill)
        {
            using var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
            var killed = 0;
            await Task.WhenAll(Enumerable.Range(0, senders).Select(async _ =>
            {
                while (Volatile.Read(ref killed) == 0 && _pending.TryDequeue(out var vote))
                {
                    if (stop() && Interlocked.Exchange(ref killed, 1) == 0)
                    {
                        kill();
                    }

                    if (!await TrySendAsync(http, vote))
                    {
                        _pending.Enqueue(vote);
                        Interlocked.Increment(ref _resent);
                    }
                }
            }));
        }

        private async Task<bool> TrySendAsync(HttpClient http, Request vote)
        {
            Interlocked.Increment(ref _sent);
            using var request = new HttpRequestMessage(HttpMethod.Post, "api/messages")
            {
                Content = new StringContent(BotJson.Serialize(vote.Activity), Encoding.UTF8, "application/json"),
            };
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + _token);
            try
            {
                using var response = await http.SendAsync(request);
                var body = await response.Content.ReadAsStringAsync();
                if (response.StatusCode != HttpStatusCode.OK || !IsCard(body))
                {
                    Errors.Add($"{(int)response.StatusCode} for the {vote.Label}: "
                        + body[..Math.Min(300, body.Length)]);
                }

                Interlocked.Increment(ref _acknowledged);
                return true;
            }
            catch (HttpRequestException)
            {
                return false;
            }
            catch (TaskCanceledException)
            {
                return false;
            }
        }
    }

    /// <summary>An answer that is a card (the ballot), not an error message.</summary>
    private static bool IsCard(string body)
    {
        try
        {
            using var answer = System.Text.Json.JsonDocument.Parse(body);
            return answer.RootElement.TryGetProperty("type", out var type) && type.GetString() == AdaptiveCardInvokeResponse.CardType;
        }
        catch (System.Text.Json.JsonException)
        {
            return false;
        }
    }
}
