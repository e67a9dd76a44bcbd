using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using WorkshopBot.Audits;
using WorkshopBot.Hosting;
using WorkshopBot.Protocol.Connector;
using WorkshopBot.Protocol.Schema;
using WorkshopBot.Storage;
using WorkshopBot.Workshop;
using Activity = WorkshopBot.Protocol.Schema.Activity;
using WorkshopBot.Common;
using WorkshopBot.Audits.Domain;
using WorkshopBot.Protocol.Auth;
using WorkshopBot.Workshop.Domain;
using WorkshopBot.Workshop.Storage;
using WorkshopBot.Workshop.Teams;
using WorkshopBot.Tests.Storage;
using WorkshopBot.Tests.Support;

namespace WorkshopBot.Benchmarks;

/// <summary>
/// Load tool: N participants each cast D dots on one poll within S seconds, as signed invokes over real HTTP to the bot
/// on loopback (SQLite, or PostgreSQL with --postgres), against the fake connector that enforces Teams'
/// per-conversation limits. Some votes are delivered twice (same activity id), as Teams may redeliver.
/// Reports lost/duplicated votes, vote round-trip latency, card updates to the channel and the time from the last
/// vote to the final tally on the card.
/// </summary>
internal static class VotesBenchmark
{
    private const string AppId = "7b2c1a8e-3f4d-4e5a-9b6c-0d1e2f3a4b5c";
    private const string TenantId = "4d3c2b1a-0f9e-4d8c-8b7a-6e5f4d3c2b1a";
    private const string TeamId = "19:team-bench@thread.tacv2";
    private const int Ideas = 10;

    public static async Task<int> RunAsync(string[] args)
    {
        var usePostgres = args.Contains("--postgres");
        var participants = Option(args, "--participants", 300);
        var dots = Option(args, "--dots", 5);
        var seconds = Option(args, "--seconds", 10);
        var redeliveryPercent = Option(args, "--redeliver-percent", 5);

        PostgresServerFixture? postgres = null;
        string? connectionString = null;
        if (usePostgres)
        {
            postgres = new PostgresServerFixture();
            await postgres.InitializeAsync();
            connectionString = await postgres.CreateDatabaseAsync();
        }

        var dataFolder = Path.Combine(Path.GetTempPath(), "workshopbot-bench-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(dataFolder);
        try
        {
            await using var issuer = await TestTokenIssuer.StartAsync();
            await using var connector = await FakeConnector.StartAsync();
            await using var bot = await StartBotAsync(issuer, connector, dataFolder, connectionString);
            var run = new Run(bot, issuer, connector);
            var result = await run.ExecuteAsync(participants, dots, TimeSpan.FromSeconds(seconds), redeliveryPercent);
            Print(usePostgres ? "PostgreSQL" : "SQLite", participants, dots, seconds, result);
            return result.Lost == 0 && result.Duplicated == 0 ? 0 : 1;
        }
        finally
        {
            if (postgres is not null)
            {
                await postgres.DropDatabaseAsync(connectionString!);
                await postgres.DisposeAsync();
            }

            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(dataFolder, recursive: true);
            }
            catch (IOException)
            {
                // A file still held by a closing connection: the temp folder is cleaned later.
            }
        }
    }

    private static async Task<WebApplication> StartBotAsync(TestTokenIssuer issuer, FakeConnector connector, string dataFolder,
        string? postgres)
    {
        var builder = WebApplication.CreateBuilder(
            new WebApplicationOptions { ContentRootPath = dataFolder, EnvironmentName = "Production" });
        var settings = new Dictionary<string, string?>(issuer.BotSettings(AppId))
        {
            ["Storage:Provider"] = postgres is null ? "Sqlite" : "Postgres",
            ["Storage:SqlitePath"] = Path.Combine(dataFolder, "workshopbot.db"),
            ["Storage:PostgresConnectionString"] = postgres,
            ["Bot:AllowLoopbackServiceUrls"] = "true",
            ["Outbox:RunInBackground"] = "true",
            ["Outbox:PollInterval"] = "00:00:00.100",
            ["Workshop:RunTimerInBackground"] = "false",
        };
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        builder.AddWorkshopBot();
        builder.Services.RemoveAll<IBotTokenProvider>();
        builder.Services.AddSingleton<IBotTokenProvider>(new FakeBotTokenProvider());
        var app = builder.Build();
        app.MapWorkshopBot();
        await app.StartAsync();
        _ = connector;
        return app;
    }

    private static void Print(string database, int participants, int dots, int seconds, Result r)
    {
        var table = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture,
                $"WorkshopBot votes benchmark: {database}, {participants} participants x {dots} dots within {seconds} s, "
                + $"{Environment.ProcessorCount} cores")
            .AppendLine("| measure | value | target |")
            .AppendLine("|---|---|---|")
            .AppendLine(CultureInfo.InvariantCulture, $"| votes sent (distinct activities) | {r.Sent} | |")
            .AppendLine(CultureInfo.InvariantCulture, $"| redeliveries sent (same activity id) | {r.Redelivered} | |")
            .AppendLine(CultureInfo.InvariantCulture,
                $"| burst duration (first send to last answer) | {r.BurstSeconds:F1} s | <= {seconds} s |")
            .AppendLine(CultureInfo.InvariantCulture, $"| stored tally | {r.Stored} | = {r.Sent} |")
            .AppendLine(CultureInfo.InvariantCulture, $"| lost / duplicated votes | {r.Lost} / {r.Duplicated} | 0 / 0 |")
            .AppendLine(CultureInfo.InvariantCulture,
                $"| vote round trip p50 / p99 / max | {r.P50:F1} / {r.P99:F1} / {r.Max:F1} ms | p99 < 50 ms |")
            .AppendLine(CultureInfo.InvariantCulture,
                $"| card updates to the channel (burst + 3 s) | {r.ChannelUpdates} "
                + $"(at most {r.MaxUpdatesInAnySecond} in any 1 s) | <= 1 per s |")
            .AppendLine(CultureInfo.InvariantCulture, $"| 429 answers (channel / all) | {r.ChannelThrottled} / {r.AllThrottled} | 0 |")
            .AppendLine(CultureInfo.InvariantCulture,
                $"| last vote answered -> final tally on card (negative: card first) | {Ms(r.FinalTallyMs)} | <= 2000 ms |")
            .AppendLine(CultureInfo.InvariantCulture,
                $"| last vote sent -> final tally on card | {Ms(r.FinalTallyAfterLastSendMs)} | <= 2000 ms |")
            .AppendLine(CultureInfo.InvariantCulture,
                $"| personal ballots sent when voting opened (1:1, incl. warm-up participant) | {r.PersonalBallots} "
                + $"| {participants + 1} |");
        Console.WriteLine(table.ToString());
    }

    private static string Ms(double? value) => value is { } ms ? ms.ToString("F0", CultureInfo.InvariantCulture) + " ms" : "not seen";

    private static int Option(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length && int.TryParse(args[index + 1], CultureInfo.InvariantCulture, out var value)
            ? value
            : fallback;
    }

    private sealed record Result(
        int Sent,
        int Redelivered,
        double BurstSeconds,
        int Stored,
        int Lost,
        int Duplicated,
        double P50,
        double P99,
        double Max,
        int ChannelUpdates,
        int MaxUpdatesInAnySecond,
        int ChannelThrottled,
        int AllThrottled,
        double? FinalTallyMs,
        double? FinalTallyAfterLastSendMs,
        int PersonalBallots);

    private sealed record PlannedVote(int Participant, string OptionId, TimeSpan At, string ActivityId, bool IsRedelivery);

    private sealed class Run(WebApplication bot, TestTokenIssuer issuer, FakeConnector connector)
    {
        private readonly string _channel = "19:bench-workshop@thread.tacv2";
        private readonly HttpClient _client =
            new(new SocketsHttpHandler { MaxConnectionsPerServer = 64, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
        {
            BaseAddress = new Uri(LoopbackServer.BaseUrl(bot)),
        };

        private string _token = "";
        private int _next;

        public async Task<Result> ExecuteAsync(int participants, int dots, TimeSpan window, int redeliveryPercent)
        {
            // One token for every request, as one Teams connection reuses it; minting per request would load the client, not the bot.
            _token = issuer.CreateToken(AppId, connector.BaseUrl);
            var chair = Person("Bench Chair");
            var audit = await SeedAuditAsync(chair);
            await SendAsync(Message(chair, "workshop"));
            var store = bot.Services.GetRequiredService<IDocumentStore>();
            var workshopId = (await store.ListAsync<WorkshopSession>(WorkshopRepository.Collection, key1: audit.Id.ToString()))
                .Single().Value.Id;

            await WarmUpAsync(chair, workshopId);

            var people = Enumerable.Range(0, participants).Select(i => Person($"Participant {i}")).ToList();
            await Parallel.ForEachAsync(people, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (p, _) =>
                await InvokeAsync(Invoke(p, JoinScreen.Join, new JoinData(workshopId, "other"))));
            var poll = await CreateBoardAsync(chair, workshopId, dots, people[0], Ideas);
            var ballotsBefore = CreatedConversations();
            await InvokeAsync(Invoke(chair, PollsScreen.Phase, new PhaseData(workshopId, poll.Id, PhaseActions.Open)));
            // Everyone who joined (the warm-up participant too) gets a personal ballot; let those go out before the burst.
            await WaitForAsync(() => CreatedConversations() - ballotsBefore >= participants + 1, TimeSpan.FromSeconds(30));
            var personalBallots = CreatedConversations() - ballotsBefore;
            poll = (await GetSessionAsync(workshopId)).FindPoll(poll.Id)!;

            var plan = Plan(participants, dots, window, redeliveryPercent, poll.VotableOptions.Select(o => o.Id).ToList());
            var latencies = new double[plan.Count];
            var clock = Stopwatch.StartNew();
            var burstStart = DateTimeOffset.UtcNow;
            var lastAnswered = DateTimeOffset.MinValue;
            var lastVoteSent = DateTimeOffset.MinValue;
            var lastVoteAnswered = DateTimeOffset.MinValue;
            var gate = new Lock();
            var inFlight = new List<Task>(plan.Count);
            for (var i = 0; i < plan.Count; i++)
            {
                var vote = plan[i];
                var wait = vote.At - clock.Elapsed;
                if (wait > TimeSpan.FromMilliseconds(1))
                {
                    await Task.Delay(wait);
                }

                var index = i;
                inFlight.Add(Task.Run(async () =>
                {
                    var started = Stopwatch.GetTimestamp();
                    var sentAt = DateTimeOffset.UtcNow;
                    using var response = await PostAsync(
                        Invoke(people[vote.Participant], BallotScreen.Dot, new DotData(workshopId, poll.Id, 1, vote.OptionId))
                            with { Id = vote.ActivityId });
                    await response.Content.ReadAsByteArrayAsync();
                    latencies[index] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                    if (!response.IsSuccessStatusCode)
                    {
                        throw new InvalidOperationException($"Vote answered {(int)response.StatusCode}.");
                    }

                    lock (gate)
                    {
                        var now = DateTimeOffset.UtcNow;
                        lastAnswered = now > lastAnswered ? now : lastAnswered;
                        if (!vote.IsRedelivery)
                        {
                            // The tally is final once the last distinct vote is stored; a later redelivery changes nothing.
                            lastVoteSent = sentAt > lastVoteSent ? sentAt : lastVoteSent;
                            lastVoteAnswered = now > lastVoteAnswered ? now : lastVoteAnswered;
                        }
                    }
                }));
            }

            await Task.WhenAll(inFlight);
            var burstSeconds = (lastAnswered - burstStart).TotalSeconds;

            var votes = bot.Services.GetRequiredService<IWorkshopVoteStore>();
            var tally = await votes.TallyAsync(poll.Id, default);
            var expected = plan.Where(v => !v.IsRedelivery).GroupBy(v => v.OptionId).ToDictionary(g => g.Key, g => g.Count());
            var lost = expected.Sum(e => Math.Max(0, e.Value - (tally.FirstOrDefault(t => t.OptionId == e.Key)?.Dots ?? 0)));
            var duplicated = tally.Sum(t => Math.Max(0, t.Dots - expected.GetValueOrDefault(t.OptionId)));

            var final = PollSnapshot.Rank(poll.VotableOptions, tally).ToDictionary(r => r.Label, r => $"#{r.Rank} · {r.Dots} dots");
            DateTimeOffset? finalAt = null;
            await WaitForAsync(
                () => (finalAt = FinalTallyAt(
                    bot.Services.GetRequiredService<WorkshopBot.Storage.IOutboxStore>()
                        .FindByDedupeKeyAsync(poll.CardPostKey!).GetAwaiter().GetResult()?.SentActivityId ?? "-",
                    final)) is not null,
                TimeSpan.FromSeconds(10));
            await Task.Delay(TimeSpan.FromSeconds(3));

            var updates = connector.Requests
                .Where(r => r.Method == "PUT" && Uri.UnescapeDataString(r.RawTarget).Contains(_channel, StringComparison.Ordinal)
                    && r.ReceivedAt >= burstStart)
                .ToList();
            var times = updates.Where(u => u.StatusCode is >= 200 and < 300).Select(u => u.ReceivedAt).Order().ToList();
            var maxPerSecond = times.Count == 0
                ? 0
                : times.Select((t, i) => times.Skip(i).TakeWhile(x => x < t + TimeSpan.FromSeconds(1)).Count()).Max();
            var sorted = latencies.Order().ToArray();
            return new Result(
                plan.Count(v => !v.IsRedelivery),
                plan.Count(v => v.IsRedelivery),
                burstSeconds,
                tally.Sum(t => t.Dots),
                lost,
                duplicated,
                Percentile(sorted, 0.50),
                Percentile(sorted, 0.99),
                sorted[^1],
                times.Count,
                maxPerSecond,
                updates.Count(u => u.StatusCode == 429),
                connector.ThrottledCount,
                finalAt is { } at ? (at - lastVoteAnswered).TotalMilliseconds : null,
                finalAt is { } seen ? (seen - lastVoteSent).TotalMilliseconds : null,
                personalBallots);
        }

        private static List<PlannedVote> Plan(int participants, int dots, TimeSpan window, int redeliveryPercent,
            IReadOnlyList<string> options)
        {
            var random = new Random(20260302);
            var plan = new List<PlannedVote>();
            for (var p = 0; p < participants; p++)
            {
                for (var d = 0; d < dots; d++)
                {
                    var vote = new PlannedVote(p, options[(p * 7 + d * 3) % options.Count],
                        TimeSpan.FromMilliseconds(random.NextDouble() * window.TotalMilliseconds),
                        $"vote-{p}-{d}-{Guid.NewGuid():N}", false);
                    plan.Add(vote);
                    if (random.Next(100) < redeliveryPercent)
                    {
                        plan.Add(vote with { At = vote.At + TimeSpan.FromMilliseconds(random.Next(1, 200)), IsRedelivery = true });
                    }
                }
            }

            return plan.OrderBy(v => v.At).ToList();
        }

        private static double Percentile(double[] sorted, double p) =>
            sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];

        private DateTimeOffset? FinalTallyAt(string cardActivityId, IReadOnlyDictionary<string, string> final)
        {
            var updates = connector.Requests
                .Where(r => r.Method == "PUT" && r.StatusCode is >= 200 and < 300
                    && Uri.UnescapeDataString(r.RawTarget).EndsWith(cardActivityId, StringComparison.Ordinal))
                .OrderBy(r => r.ReceivedAt);
            foreach (var request in updates)
            {
                var facts = new Dictionary<string, string>(StringComparer.Ordinal);
                using var document = JsonDocument.Parse(request.Body);
                CollectFacts(document.RootElement, facts);
                if (final.All(f => facts.TryGetValue(f.Key, out var title) && title == f.Value))
                {
                    return request.ReceivedAt;
                }
            }

            return null;
        }

        private static void CollectFacts(JsonElement element, Dictionary<string, string> facts)
        {
            if (element.ValueKind == JsonValueKind.Object)
            {
                if (element.TryGetProperty("title", out var title) && element.TryGetProperty("value", out var value)
                    && title.ValueKind == JsonValueKind.String && value.ValueKind == JsonValueKind.String)
                {
                    facts[value.GetString()!] = title.GetString()!;
                }

                foreach (var property in element.EnumerateObject())
                {
                    CollectFacts(property.Value, facts);
                }
            }
            else if (element.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in element.EnumerateArray())
                {
                    CollectFacts(item, facts);
                }
            }
        }

        private int CreatedConversations() =>
            connector.Requests.Count(r => r.Method == "POST" && r.Path.TrimEnd('/').EndsWith("v3/conversations", StringComparison.Ordinal));

        private async Task WarmUpAsync(ChannelAccount chair, Guid workshopId)
        {
            // JIT and connection pools warm on a throwaway board before the measured one.
            var warm = Person("Warm-up participant");
            await InvokeAsync(Invoke(warm, JoinScreen.Join, new JoinData(workshopId, "other")));
            var poll = await CreateBoardAsync(chair, workshopId, 5, warm, 1);
            await InvokeAsync(Invoke(chair, PollsScreen.Phase, new PhaseData(workshopId, poll.Id, PhaseActions.Open)));
            for (var i = 0; i < 20; i++)
            {
                await InvokeAsync(Invoke(warm, BallotScreen.Dot, new DotData(workshopId, poll.Id, i % 2 == 0 ? 1 : -1, "i1")));
            }

            await InvokeAsync(Invoke(chair, PollsScreen.Phase, new PhaseData(workshopId, poll.Id, PhaseActions.Close)));
        }

        private async Task<Poll> CreateBoardAsync(ChannelAccount chair, Guid workshopId, int dots, ChannelAccount author, int ideas)
        {
            var dotsText = dots.ToString(CultureInfo.InvariantCulture);
            await InvokeAsync(Invoke(chair, PollsScreen.CreatePoll,
                new CreatePollData(workshopId, PollTypes.WorkedWell, Dots: dotsText, MaxPerItem: dotsText)));
            var poll = (await GetSessionAsync(workshopId)).Polls[^1];
            for (var i = 1; i <= ideas; i++)
            {
                await InvokeAsync(Invoke(author, IdeasScreen.AddIdea,
                    new AddIdeaData(workshopId, poll.Id, $"Idea {i}: agencies acted promptly and shared information.")));
            }

            return (await GetSessionAsync(workshopId)).FindPoll(poll.Id)!;
        }

        private async Task<WorkshopSession> GetSessionAsync(Guid workshopId) =>
            (await bot.Services.GetRequiredService<IDocumentStore>()
                .GetAsync<WorkshopSession>(WorkshopRepository.Collection, workshopId.ToString()))!.Value;

        private async Task<Audit> SeedAuditAsync(ChannelAccount chair)
        {
            var now = DateTimeOffset.UtcNow;
            var audit = Audit.Create(Guid.NewGuid(), "Benchmark audit", "nai", new PersonRef(chair.AadObjectId!, chair.Name!), now)
                .ValueOrThrow();
            audit.AddCase(CaseReference.Create("NAI-2026-03-C1").ValueOrThrow(), AgeBand.Under1);
            audit.AddAgency(AgencyType.Police, "Police", new PersonRef("rep-oid", "Rep")).ValueOrThrow();
            audit.ScheduleReturnsDue(now.AddDays(30), now);
            if (!audit.Issue(now).Succeeded)
            {
                throw new InvalidOperationException("The benchmark audit could not be issued.");
            }

            await bot.Services.GetRequiredService<IDocumentStore>().InsertAsync("audits", audit.Id.ToString(), audit);
            return audit;
        }

        private static ChannelAccount Person(string name)
        {
            var hash = System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(name));
            return new ChannelAccount
            {
                Id = "29:" + Convert.ToHexStringLower(hash.AsSpan(16, 12)),
                AadObjectId = new Guid(hash.AsSpan(0, 16)).ToString(),
                Name = name,
            };
        }

        private Activity NewActivity(string type, ChannelAccount from) => new()
        {
            Type = type,
            Id = "bench-" + Interlocked.Increment(ref _next).ToString(CultureInfo.InvariantCulture),
            Timestamp = DateTimeOffset.UtcNow,
            ServiceUrl = connector.BaseUrl,
            ChannelId = "msteams",
            From = from,
            Recipient = new ChannelAccount { Id = "28:" + AppId, Name = "WorkshopBot" },
            Conversation = new ConversationAccount
            {
                Id = _channel, ConversationType = ConversationTypes.Channel, TenantId = TenantId, IsGroup = true,
            },
            ChannelData = BotJson.ToElement(new TeamsChannelData
            {
                Tenant = new TenantInfo { Id = TenantId },
                Team = new TeamInfo { Id = TeamId, Name = "Bench team" },
                Channel = new ChannelInfo { Id = _channel, Name = "Workshop" },
            }),
        };

        private Activity Message(ChannelAccount from, string text) => NewActivity(ActivityTypes.Message, from) with
        {
            Text = "<at>WorkshopBot</at> " + text,
            Entities =
            [
                new Entity
                {
                    Type = "mention",
                    Extra = new Dictionary<string, JsonElement>
                    {
                        ["text"] = BotJson.ToElement("<at>WorkshopBot</at>"),
                        ["mentioned"] = BotJson.ToElement(new ChannelAccount { Id = "28:" + AppId, Name = "WorkshopBot" }),
                    },
                },
            ],
        };

        private Activity Invoke(ChannelAccount from, string verb, object data) => NewActivity(ActivityTypes.Invoke, from) with
        {
            Name = InvokeNames.AdaptiveCardAction,
            Value = BotJson.ToElement(new { action = new { type = "Action.Execute", verb, data }, trigger = "manual" }),
        };

        private async Task<HttpResponseMessage> PostAsync(Activity activity)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "api/messages")
            {
                Content = new StringContent(BotJson.Serialize(activity), Encoding.UTF8, "application/json"),
            };
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + _token);
            return await _client.SendAsync(request);
        }

        private async Task SendAsync(Activity activity)
        {
            using var response = await PostAsync(activity);
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"The bot answered {(int)response.StatusCode}.");
            }
        }

        private Task InvokeAsync(Activity activity) => SendAsync(activity);

        private static async Task WaitForAsync(Func<bool> condition, TimeSpan timeout)
        {
            var clock = Stopwatch.StartNew();
            while (!condition() && clock.Elapsed < timeout)
            {
                await Task.Delay(20);
            }
        }
    }
}
