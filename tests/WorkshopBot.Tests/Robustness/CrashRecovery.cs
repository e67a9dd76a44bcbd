using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using WorkshopBot.Audits.Domain;
using WorkshopBot.Audits.Storage;
using WorkshopBot.Audits.Teams;
using WorkshopBot.Briefings.Teams;
using WorkshopBot.Protocol.Schema;
using WorkshopBot.Storage;
using WorkshopBot.Tests.Storage;
using WorkshopBot.Tests.Support;
using WorkshopBot.Tests.Workshop;
using WorkshopBot.Workshop.Domain;
using WorkshopBot.Workshop.Teams;
using Xunit.Abstractions;

namespace WorkshopBot.Tests.Robustness;

/// <summary>
/// kill -9 of the real bot process (<c>dotnet WorkshopBot.dll</c>, production mode: tokens signed by a local issuer and
/// checked, its own outbound token from a local managed-identity endpoint) in the middle of a stream of votes, the
/// chair's poll creations and briefing publications and representatives' return submissions, with queued outbox messages
/// being delivered in the background, on SQLite and on PostgreSQL. Every request not answered before a kill is sent again
/// after the restart (as Teams redelivers), some answered ones too. At the end every vote is stored exactly once, every
/// created poll is in the workshop once with its card posted, every return is submitted once, every publication is
/// recorded once with its channel card queued and posted, and every queued message reached the connector.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed partial class CrashRecovery(PostgresServerFixture server, ITestOutputHelper output)
{
    private const int Kills = 3;
    private const int QueuedMessages = 120;
    private const int Senders = 4;
    private const int OutboxParallel = 8;
    private const int PollCreations = 12;
    private const int ReturnCases = 2;
    private const int KillZone = 100;
    private const int BriefingAudits = 4;
    private static readonly string[] Ideas = ["Prompt strategy meeting.", "Records were shared.", "Father was seen."];

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
        var (voters, polls) = await OpenBoardsAsync(scenario, Ideas, Ideas);
        var briefings = await CrashBriefings.PrepareAsync(scenario, BriefingAudits);
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
                PollTypes.CustomBoard, Prompt(c), Dots: "3", MaxPerItem: "3")), "Poll created and posted.")).ToList();
        // Representatives submit filled returns of another audit (one request each, as the review card's Submit sends).
        var returns = await FilledReturnsAsync(host);
        var submits = returns.Select(r => new Request($"submit of return {r.Id}", host.CardAction(Rep(r),
            BotTestHost.PersonalChat(Rep(r)), ReturnsScreen.Submit, new SubmitReturnData(r.AuditId, r.Id, r.Version)),
            "submitted and locked")).ToList();
        // The chair publishes each approved briefing to each channel, one channel per request, so that requests on the same
        // briefing meet (each publication goes into the briefing's one document).
        var publications = briefings.Publications.Select(p => new Request($"publication of {p.AuditId} to {p.ChannelId}",
            host.CardAction(scenario.Chair, BotTestHost.PersonalChat(scenario.Chair), PublishScreen.Publish,
                new PublishData(p.AuditId, 1, p.ChannelId)), "queued as a new thread")).ToList();
        var requests = votes.Select(v => new Request($"vote of {v.Voter.Name} on {v.Option}", v.Activity)).ToList();
        // Spread over the first hundred votes, where the kills fall (each after 10 to 40 more answers), so kills cut some.
        var others = creations.Concat(submits).Concat(publications).OrderBy(r => r.Activity.Id, StringComparer.Ordinal).ToList();
        for (var c = 0; c < others.Count; c++)
        {
            requests.Insert((c + 1) * KillZone / (others.Count + 1) + c, others[c]);
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
            if (bot.Output.Contains("warn:", StringComparison.Ordinal) || bot.Output.Contains("fail:", StringComparison.Ordinal))
            {
                output.WriteLine($"The output of the bot killed {kill + 1}:\n{bot.Output}");
            }
        }

        await using (var bot = BotProcess.Start(environment["Storage__DataFolder"]!, environment))
        {
            var address = await bot.WaitUntilListeningAsync(TimeSpan.FromSeconds(120));
            // Teams redelivers some answered activities too: they must get the same answer and change nothing.
            stream.Redeliver(requests.Where((_, i) => i % 9 == 0).Concat(creations.Where((_, c) => c % 3 == 0))
                .Concat(submits.Where((_, r) => r % 3 == 0)).Concat(publications.Where((_, p) => p % 3 == 0)));
            await stream.SendAsync(address, Senders, () => false, () => { });
            Assert.Equal(0, stream.Pending);
            // A request answered with anything but its expected card (a refusal) leaves nothing to deliver: say so now
            // rather than wait for the outbox to deliver what was never queued.
            Assert.True(stream.Errors.IsEmpty, string.Join("\n", stream.Errors.Take(5)));
            await WaitForAsync(() => Enumerable.Range(0, QueuedMessages).All(i => Delivered(host, i).Count > 0)
                && Enumerable.Range(0, PollCreations).All(c => PollCards(host, c).Count > 0)
                && briefings.Publications.All(p => briefings.Posts(host, p).Count > 0), bot, host, async () =>
                $"queued messages {Enumerable.Range(0, QueuedMessages).Count(i => Delivered(host, i).Count == 0)}, poll cards "
                + $"{Enumerable.Range(0, PollCreations).Count(c => PollCards(host, c).Count == 0)}, channel cards "
                + $"{briefings.Publications.Count(p => briefings.Posts(host, p).Count == 0)}"
                + await MissingPollCardsAsync(scenario));
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

        // Every submit was answered "submitted and locked": each return is submitted, and recorded so once.
        var finalReturns = new List<AuditReturn>();
        var submittedEvents = new List<int>();
        foreach (var ret in returns)
        {
            finalReturns.Add((await TestStores.Audits(host.Services).GetReturnAsync(ret.Id, default))!.Value);
            submittedEvents.Add((await host.Get<IAuditLog>().ListAsync(AuditSubjects.Return, ret.Id.ToString()))
                .Count(e => e.Action == "return.submitted"));
        }

        var lostSubmits = finalReturns.Count(r => r.Status != ReturnStatus.Submitted);
        var duplicatedSubmits = submittedEvents.Sum(n => Math.Max(0, n - 1));

        // Every publication was answered "queued as a new thread": each is recorded once, with its card queued and posted.
        var published = await briefings.CheckAsync(host);

        var deliveries = Enumerable.Range(0, QueuedMessages).Select(i => Delivered(host, i)).ToList();
        var lostMessages = deliveries.Count(d => d.Count == 0);
        var duplicatedMessages = deliveries.Sum(d => Math.Max(0, d.Count - 1));
        // Sent twice only if the first send was in flight when the process died: each process has its own outbound token,
        // so the two deliveries carry different tokens, and a kill falls between them. The fake connector stamps a request
        // when it handles it, which can be a moment after the killed process wrote it: hence the second of slack.
        var notAtAKill = deliveries.Concat(briefings.Publications.Select(p => briefings.Posts(host, p))).Where(d => d.Count > 1)
            .Where(d => d.Select(r => r.Authorization).Distinct(StringComparer.Ordinal).Count() < d.Count
                || !killedAt.Any(k => d[0].ReceivedAt <= k.AddSeconds(1) && k <= d[^1].ReceivedAt)).ToList();
        output.WriteLine($"{(postgres ? "PostgreSQL" : "SQLite")}: {Kills} kills, {votes.Count} votes, {PollCreations} poll "
            + $"creations and {publications.Count} briefing publications ({stream.Sent} requests, {stream.Resent} sent again, "
            + $"{stream.Acknowledged} answered), {QueuedMessages} "
            + $"queued messages; votes lost {lostVotes}, duplicated {duplicatedVotes}; polls lost {lostPolls}, duplicated "
            + $"{duplicatedPolls}, without a card {orphanPolls}, card posted twice {pollCardsTwice}; "
            + $"{returns.Count} submits: lost {lostSubmits}, "
            + $"recorded twice {duplicatedSubmits}; {published} "
            + $"messages lost {lostMessages}, "
            + $"delivered twice {duplicatedMessages}; cut by a kill and sent again: "
            + string.Join(", ", stream.Unanswered.OrderBy(u => u.Key, StringComparer.Ordinal).Select(u => $"{u.Value} {u.Key}")));
        Assert.Equal(0, lostVotes);
        Assert.Equal(0, duplicatedVotes);
        Assert.Equal(0, lostPolls);
        Assert.Equal(0, duplicatedPolls);
        Assert.Equal(0, orphanPolls);
        Assert.Equal(2 + PollCreations, session.Polls.Count);
        Assert.Equal(0, lostSubmits);
        Assert.Equal(0, duplicatedSubmits);
        Assert.All(submittedEvents, n => Assert.Equal(1, n));
        Assert.Equal(0, lostMessages);
        Assert.Equal(0, published.Lost);
        Assert.Equal(0, published.Duplicated);
        Assert.Equal(0, published.WithoutCard);
        Assert.Equal(0, published.CardWithoutPublication);
        Assert.Equal(0, published.CardsNotPosted);
        // A message whose send was in flight when the process died may go twice (the connector got it, the store never
        // heard that it did); only those: at most one per kill and sender of the drainer, and a kill between the two.
        Assert.True(duplicatedMessages + published.CardsPostedTwice <= Kills * OutboxParallel,
            $"{duplicatedMessages} messages and {published.CardsPostedTwice} channel cards delivered twice in {Kills} kills.");
        Assert.Empty(notAtAKill);
        Assert.True(stream.Errors.IsEmpty, string.Join("\n", stream.Errors.Take(5)));
    }

    /// <summary>
    /// The workshop started, with no connector limits (the bot's sends are not what is tested), its five representatives
    /// joined, and an open idea board per list of ideas (idea N of a board is option "iN").
    /// </summary>
    private static async Task<(List<TestUser> Voters, List<Poll> Boards)> OpenBoardsAsync(WorkshopScenario scenario,
        params string[][] boards)
    {
        scenario.Host.Connector.WriteLimits = [];
        await scenario.StartAsync();
        var voters = Enumerable.Range(1, 5).Select(WorkshopScenario.Representative).ToList();
        foreach (var voter in voters)
        {
            await scenario.JoinAsync(voter);
        }

        var polls = new List<Poll>();
        foreach (var (ideas, p) in boards.Select((ideas, p) => (ideas, p)))
        {
            var poll = await scenario.CreatePollAsync(new CreatePollData(scenario.WorkshopId, PollTypes.CustomBoard, $"Board {p}",
                Dots: Poll.MaxDots.ToString(System.Globalization.CultureInfo.InvariantCulture), MaxPerItem: "20"));
            foreach (var idea in ideas)
            {
                Assert.Equal(HttpStatusCode.OK, (await scenario.AddIdeaAsync(voters[0], poll, idea)).Status);
            }

            Assert.Equal(HttpStatusCode.OK, (await scenario.PhaseAsync(poll, PhaseActions.Open)).Status);
            polls.Add(poll);
        }

        return (voters, polls);
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
    private static List<RecordedRequest> Delivered(BotTestHost host, int i) => DeliveredText(host, $"crash-msg-{i}.");

    /// <summary>The connector's receipts of a message posted with this text, in order.</summary>
    private static List<RecordedRequest> DeliveredText(BotTestHost host, string text)
    {
        return host.Connector.Requests.Where(r => r.Method == "POST" && r.StatusCode is >= 200 and < 300
                && r.Path.EndsWith("/activities", StringComparison.Ordinal) && r.Body.Contains($"\"{text}\"", StringComparison.Ordinal))
            .OrderBy(r => r.ReceivedAt).ToList();
    }

    /// <summary>
    /// A second issued audit (the workshop's own returns are submitted already): <see cref="ReturnCases"/> cases, the five
    /// agencies with the same representatives, every return filled in and not submitted.
    /// </summary>
    private static async Task<List<AuditReturn>> FilledReturnsAsync(BotTestHost host)
    {
        var at = new DateTimeOffset(2021, 7, 1, 9, 0, 0, TimeSpan.Zero);
        var audit = Audit.Create(Guid.NewGuid(), "Crash audit", "nai", BotTestHost.User("QA Chair").Person, at).ValueOrThrow();
        var cases = Enumerable.Range(1, ReturnCases).Select(c => CaseReference.Create($"NAI-2021-09-C{c}").ValueOrThrow()).ToList();
        foreach (var reference in cases)
        {
            Assert.True(audit.AddCase(reference, AgeBand.Under1).Succeeded);
        }

        for (var i = 0; i < WorkshopScenario.MertonAgencies.Length; i++)
        {
            var (type, name) = WorkshopScenario.MertonAgencies[i];
            audit.AddAgency(type, name, WorkshopScenario.Representative(i + 1).Person).ValueOrThrow();
        }

        Assert.True(audit.ScheduleReturnsDue(at.AddDays(30), at).Succeeded);
        Assert.True(audit.Issue(at.AddHours(1)).Succeeded, "issue");
        var returns = new List<AuditReturn>();
        await host.WorkAsync(async services =>
        {
            var store = services.GetRequiredService<AuditStore>();
            Assert.True(await store.InsertAuditAsync(audit, default));
            foreach (var reference in cases)
            {
                for (var i = 0; i < audit.Agencies.Count; i++)
                {
                    var ret = AuditReturn.Create(Guid.NewGuid(), audit, reference, audit.Agencies[i].Id).ValueOrThrow();
                    var by = WorkshopScenario.Representative(i + 1).Person;
                    foreach (var section in ret.Sections)
                    {
                        var answers = section.Questions.Select(q =>
                            new AnswerInput(q.Id, q.IsSafetyQuestion ? AnswerValue.No : AnswerValue.Yes, "Seen in records.")).ToList();
                        ret.SaveSection(section.Id, answers, ret.Version, by, at).ValueOrThrow();
                    }

                    ret.SaveSummary(new ReturnSummaryInput("Prompt strategy discussion.", "Quicker sharing of records.", null, "good"),
                        ret.Version, by, at).ValueOrThrow();
                    Assert.True(await store.InsertReturnAsync(ret, default));
                    returns.Add(ret);
                }
            }
        });

        // Stored versions: what the review card the representative pressed Submit on carried.
        var stored = new List<AuditReturn>();
        foreach (var ret in returns)
        {
            stored.Add((await TestStores.Audits(host.Services).GetReturnAsync(ret.Id, default))!.Value);
        }

        return stored;
    }

    /// <summary>The representative of the return's agency (agency-N is agency N's).</summary>
    private static TestUser Rep(AuditReturn ret) =>
        WorkshopScenario.Representative(int.Parse(ret.AgencyId["agency-".Length..], System.Globalization.CultureInfo.InvariantCulture));

    private static string Prompt(int creation) => $"crash-poll-{creation}.";

    /// <summary>The connector's receipts of a new card posted with created poll <paramref name="creation"/>'s prompt.</summary>
    private static List<RecordedRequest> PollCards(BotTestHost host, int creation) =>
        host.Connector.Requests.Where(r => r.Method == "POST" && r.StatusCode is >= 200 and < 300
                && r.Path.EndsWith("/activities", StringComparison.Ordinal) && r.Body.Contains(Prompt(creation), StringComparison.Ordinal))
            .ToList();

    private static async Task WaitForAsync(Func<bool> condition, BotProcess bot, BotTestHost host, Func<Task<string>> missing)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        while (!condition())
        {
            if (timeout.IsCancellationRequested)
            {
                Assert.Fail("The outbox did not deliver every queued message and poll card in 3 minutes; not at the connector: "
                    + await missing() + ". Not recorded as sent:\n"
                    + await UnsentAsync(host) + "\nThe bot's output:\n" + bot.Output);
            }

            await Task.Delay(200);
        }
    }

    /// <summary>
    /// For each created poll whose card the connector has not had: its poll, its card's message, what reached the connector.
    /// </summary>
    private static async Task<string> MissingPollCardsAsync(WorkshopScenario scenario)
    {
        var host = scenario.Host;
        var session = await scenario.SessionAsync();
        var lines = new List<string>();
        foreach (var c in Enumerable.Range(0, PollCreations).Where(c => PollCards(host, c).Count == 0))
        {
            foreach (var poll in session.Polls.Where(p => p.Prompt == Prompt(c)))
            {
                var card = poll.CardPostKey is null ? null : await host.Get<IOutboxStore>().FindByDedupeKeyAsync(poll.CardPostKey);
                lines.Add($"\n{Prompt(c)} poll {poll.Id} key {poll.CardPostKey}: message {card?.Id} {card?.Kind} {card?.Status} "
                    + $"attempts {card?.Attempts} started {card?.AttemptStartedAt:O} sent id {card?.SentActivityId} "
                    + $"conversation {card?.ConversationId} error {card?.LastError} updated {card?.UpdatedAt:O}");
            }

            lines.AddRange(host.Connector.Requests.Where(r => r.Body.Contains(Prompt(c), StringComparison.Ordinal))
                .Select(r => $"\n  {r.Method} {r.Path} {r.StatusCode} at {r.ReceivedAt:O}"));
        }

        return string.Concat(lines);
    }

    /// <summary>The outbox messages not recorded as sent, one a line, with their lease and schedule (no payload).</summary>
    private static async Task<string> UnsentAsync(BotTestHost host)
    {
        await using var connection = await host.Get<StorageDatabase>().OpenAsync(default);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT id, kind, status, attempts, next_attempt_at, lease_owner, lease_until, attempt_started_at, last_error,
                dedupe_key
            FROM outbox_messages WHERE status <> 'Sent' ORDER BY id
            """;
        var lines = new List<string> { $"now {DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()}" };
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            lines.Add(string.Join(" | ", Enumerable.Range(0, reader.FieldCount).Select(f => reader.IsDBNull(f) ? "-"
                : Convert.ToString(reader.GetValue(f), System.Globalization.CultureInfo.InvariantCulture))));
        }

        return string.Join("\n", lines);
    }

    private sealed record Vote(TestUser Voter, Poll Poll, string Option, Activity Activity);

    /// <summary>One activity of the stream; <see cref="Label"/> names it in a failure.</summary>
    private sealed record Request(string Label, Activity Activity, string? Expect = null);

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

        /// <summary>Requests left without an answer by a kill and sent again, by kind (item, creation, submit).</summary>
        public ConcurrentDictionary<string, int> Unanswered { get; } = new(StringComparer.Ordinal);

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
                while (Volatile.Read(ref killed) == 0 && _pending.TryDequeue(out var item))
                {
                    if (stop() && Interlocked.Exchange(ref killed, 1) == 0)
                    {
                        kill();
                    }

                    if (!await TrySendAsync(http, item))
                    {
                        _pending.Enqueue(item);
                        Interlocked.Increment(ref _resent);
                        Unanswered.AddOrUpdate(item.Label.Split(' ')[0], 1, (_, n) => n + 1);
                    }
                }
            }));
        }

        /// <summary>
        /// Sends one request on its own; false when it got no answer (the process died). A bot just started again answers
        /// its first request slowly on a loaded machine (a cold start, the token issuer's keys): it gets three minutes.
        /// </summary>
        public async Task<bool> SendOneAsync(Uri address, Request item)
        {
            using var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromMinutes(3) };
            return await TrySendAsync(http, item);
        }

        private async Task<bool> TrySendAsync(HttpClient http, Request item)
        {
            Interlocked.Increment(ref _sent);
            using var request = new HttpRequestMessage(HttpMethod.Post, "api/messages")
            {
                Content = new StringContent(BotJson.Serialize(item.Activity), Encoding.UTF8, "application/json"),
            };
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + _token);
            try
            {
                using var response = await http.SendAsync(request);
                var body = await response.Content.ReadAsStringAsync();
                if (response.StatusCode != HttpStatusCode.OK || !IsCard(body)
                    || (item.Expect is not null && !body.Contains(item.Expect, StringComparison.Ordinal)))
                {
                    Errors.Add($"{(int)response.StatusCode} for the {item.Label}: " + Said(body));
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

    /// <summary>What an answer says: its card's texts, else its first 300 characters.</summary>
    private static string Said(string body)
    {
        var texts = System.Text.RegularExpressions.Regex.Matches(body, "\"text\":\"((?:[^\"\\\\]|\\\\.)*)\"")
            .Select(m => m.Groups[1].Value).ToList();
        return texts.Count > 0 ? string.Join(" / ", texts) : body[..Math.Min(300, body.Length)];
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
