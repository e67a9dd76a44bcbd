using WorkshopBot.Audits.Domain;
using WorkshopBot.Audits.Teams;
using WorkshopBot.Briefings.Teams;
using WorkshopBot.Protocol.Schema;
using WorkshopBot.Storage;
using WorkshopBot.Tests.Support;
using WorkshopBot.Tests.Workshop;
using WorkshopBot.Workshop.Domain;
using WorkshopBot.Workshop.Teams;

namespace WorkshopBot.Tests.Robustness;

/// <summary>
/// kill -9 of the real bot process at chosen points of a commit, on SQLite: strace, attached to the idle bot just
/// before the request, sends SIGKILL on entering the chosen system call. The store runs as in production: the log (WAL)
/// with <c>synchronous = NORMAL</c>, where a commit writes its frames to the log (two writes a page: a 24-byte header,
/// then the page; the last header marks the commit) and syncs nothing, except that the first commit after the log was
/// restarted first writes the log's header and syncs it (<c>fsync</c>; this SQLite build never calls <c>fdatasync</c>).
/// The test restarts the log before each kill (a TRUNCATE checkpoint from its own connection), so the request's commit
/// makes that sync. The bot's own checkpoint rounds (Storage:LogCheckpointMs) are off here: one that comes between a
/// turn's two commits can move the second to another thread, out of strace's per-thread count. The points: at that sync
/// (nothing of the commit in the file), among its frames (two frames in the file, not the last), after its last frame
/// before the answer (the first send on any socket), and in the outbox after the connector answered a send, at the
/// first write of the commit that marks it sent. Two turns commit twice before they answer, and are killed between
/// their commits as well (at the first write of the second, the first whole in the file): a briefing's publication to a
/// channel whose name Teams left out (the name, asked of Teams, is stored first) and the chair's close of voting (the
/// vote store's close is committed ahead of the turn). After each kill the bot is started again and the request sent
/// again, as Teams redelivers.
/// </summary>
public sealed partial class CrashRecovery
{
    [StraceFact]
    public async Task OnSqliteKillsAtChosenPointsOfACommitLoseNothingAndStoreNothingTwice()
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        await using var identity = await LocalTokenEndpoint.StartAsync(https: false);
        await using var scenario = await WorkshopScenario.CreateAsync();
        var host = scenario.Host;
        // Option "iN" is idea N: each vote below has its own, so the tally counts each vote.
        var (voters, boards) = await OpenBoardsAsync(scenario, [.. Ideas, "Health visitor was told."], Ideas);
        var board = boards[0];
        var returns = await FilledReturnsAsync(host);
        var briefings = await CrashBriefings.PrepareUnnamedChannelAsync(scenario, 1);
        await host.DrainOutboxAsync();
        var environment = Environment(host, identity, null);
        // The outbox's beat (a commit) every ten minutes rather than ten seconds: none falls between an attach and its kill.
        environment["Outbox__Lease"] = "02:00:00";
        // No checkpoint round of the bot's own (100 ms after a group commit): on a loaded machine one can come between a
        // turn's two commits, and while its restart of the log holds the writer, the second commit waits for it and goes on
        // on another thread; strace counts writes per thread, so the kill lands inside the second commit or not at all ("Not
        // between two commits"). At 0 SQLite checkpoints inside a commit that takes the log past 1,000 pages, which none
        // here does (the test empties the log before each kill), so nothing of the bot's own holds the writer between a
        // turn's commits. Where each kill landed is still read back from the trace and checked.
        environment["Storage__LogCheckpointMs"] = "0";
        var log = host.Get<StorageDatabase>().SqliteFilePath + "-wal";
        var stream = new RequestStream(host, []);
        Chosen Vote(int voter, string option, Point point) => new(new Request($"vote of {voters[voter].Name} on {option}",
            host.CardAction(voters[voter], scenario.Channel, BallotScreen.Dot, new DotData(scenario.WorkshopId, board.Id, 1, option))),
            point, async () => (await scenario.TallyAsync(board)).GetValueOrDefault(option));
        Chosen Submit(AuditReturn ret, Point point) => new(new Request($"submit of return {ret.Id}", host.CardAction(Rep(ret),
            BotTestHost.PersonalChat(Rep(ret)), ReturnsScreen.Submit, new SubmitReturnData(ret.AuditId, ret.Id, ret.Version)),
            "submitted and locked"), point, async () => (await host.Get<IAuditLog>().ListAsync(AuditSubjects.Return, ret.Id.ToString()))
            .Count(e => e.Action == "return.submitted"));
        // The chair's publication asks Teams for the channel's name and stores it (a commit), then commits the publication.
        Chosen Publish(CrashPublication p, Point point) => new(new Request($"publication of {p.AuditId}", host.CardAction(scenario.Chair,
            BotTestHost.PersonalChat(scenario.Chair), PublishScreen.Publish, new PublishData(p.AuditId, 1, p.ChannelId)),
            $"{CrashBriefings.UnnamedName}: queued as a new thread"), point,
            async () => (await CrashBriefings.RecordedAsync(host, p)).Count,
            async () => (await host.Get<IConversationStore>().GetStoredAsync(p.ChannelId))?.ChannelName == CrashBriefings.UnnamedName);
        // The chair's close commits the close to the vote store first (no vote counts after the card's tally), then the turn.
        Chosen Close(Poll poll, Point point) => new(new Request($"close of voting on {poll.Id}", host.CardAction(scenario.Chair,
            scenario.Channel, PollsScreen.Phase, new PhaseData(scenario.WorkshopId, poll.Id, PhaseActions.Close)), "Voting is closed."),
            point, async () => (await host.Get<IAuditLog>().ListAsync("workshop-poll", poll.Id))
                .Count(e => e.Action == "workshop.poll.close"),
            async () => (await host.Get<IWorkshopVoteStore>().GetRulesAsync(poll.Id, default))?.Status == PollVotingStatus.Closed
                && (await scenario.SessionAsync()).FindPoll(poll.Id)!.IsOpen);
        var chosen = new[]
        {
            Vote(0, "i1", Point.AtTheSync), Vote(1, "i2", Point.AmongTheFrames), Vote(2, "i3", Point.BeforeTheAnswer),
            Submit(returns[0], Point.AtTheSync), Submit(returns[1], Point.BeforeTheAnswer),
            // Not also after a publication's commit, at the first send: that may be the post's, in flight at the kill, and the
            // outbox's two-hour lease here would keep it from being sent again within the test.
            Publish(briefings.Publications[0], Point.BetweenTheCommits("the channel's name", 5)),
            Close(boards[1], Point.BetweenTheCommits("the vote store's close", 3)),
        };

        var bot = await StartBotAsync(environment);
        try
        {
            // The first request after a start fetches the token issuer's keys: one vote first, so the kills meet warm turns.
            var warmUp = Vote(4, "i4", Point.BeforeTheAnswer);
            Assert.True(await stream.SendOneAsync(await bot.WaitUntilListeningAsync(), warmUp.Request), "The first vote got no answer.");
            // A kill point missed by a background commit: the bot is started again and warmed again (the first vote sent
            // again, as Teams redelivers: answered, stored once), so that its next turn is warm like the others.
            async Task<BotProcess> RestartWarmAsync(BotProcess dead)
            {
                await dead.DisposeAsync();
                var started = await StartBotAsync(environment);
                Assert.True(await stream.SendOneAsync(await started.WaitUntilListeningAsync(), warmUp.Request), "The warm-up sent again.");
                return started;
            }

            var lines = new List<string>();
            foreach (var (request, point, stored, firstKept) in chosen)
            {
                (int Frames, bool Committed)? found = null;
                for (var attempt = 1; found is null; attempt++)
                {
                    await WaitUntilIdleAsync(host);
                    await RestartLogAsync(host);
                    IReadOnlyList<TracedCall> calls;
                    await using (var strace = await StraceKill.AttachAsync(bot.Id, point.Filter))
                    {
                        if (new FileInfo(log) is { Exists: true, Length: > 0 } && attempt < 5)
                        {
                            // A background commit came between the log's restart and the attach: it wrote the log's header
                            // (and synced it) unseen, so the request's commit would make no sync. Start again.
                            await strace.DisposeAsync();
                            bot = await RestartWarmAsync(bot);
                            continue;
                        }

                        Assert.False(await stream.SendOneAsync(await bot.WaitUntilListeningAsync(), request),
                            $"The {request.Label} was answered: the kill {point.Label} missed it.");
                        await bot.WaitForExitAsync();
                        calls = await strace.CallsAsync();
                    }

                    try
                    {
                        found = point.Check(calls, log);
                    }
                    catch (KillMissedException) when (attempt < 5)
                    {
                        // A background commit (a timer's, a job's) met the kill before the request came, or a send of the bot's
                        // own (a live card's update for the vote before, late on a loaded machine) met it before the request's
                        // commit was in the file: nothing of the request is stored. Start again and send it once more.
                        Assert.Equal(0, await stored());
                        bot = await RestartWarmAsync(bot);
                    }
                }

                var (frames, committed) = found.Value;
                var before = await stored();
                Assert.Equal(committed ? 1 : 0, before);
                Assert.True(firstKept is null || await firstKept(), $"The first commit of the {request.Label} was not kept.");
                await bot.DisposeAsync();
                bot = await StartBotAsync(environment);
                // Teams sends it again: the normal answer (checked by the stream), and the effect stored once.
                Assert.True(await stream.SendOneAsync(await bot.WaitUntilListeningAsync(), request), $"The {request.Label} sent again.");
                Assert.Equal(1, await stored());
                lines.Add($"{request.Label} killed {point.Label}: {frames} of its log frames in the file, "
                    + $"{(committed ? "committed" : "not committed")}; stored {before}, after the redelivery 1");
            }

            Assert.True(stream.Errors.IsEmpty, string.Join("\n", stream.Errors));
            Assert.Equal(1, await warmUp.Stored());
            lines.Add(await CheckPublicationsAsync(host, briefings));
            lines.Add(await CheckCloseAsync(scenario, boards[1]));
            lines.Add(await KillWhileTheOutboxSendsAsync(host, environment, bot));
            output.WriteLine(string.Join("\n", lines));
            output.WriteLine($"SQLite, chosen points: {chosen.Length + 1} kills, {chosen.Length} requests sent again, "
                + $"{chosen.Length + 2} effects checked (votes, submits, publications, a close, a queued message), lost 0, "
                + "duplicated 0; "
                + $"{watch.Elapsed.TotalSeconds:F0} s");
        }
        finally
        {
            await bot.DisposeAsync();
        }
    }

    /// <summary>
    /// A queued message: the connector gets it and, before answering, strace is attached, so the bot dies at the first write
    /// of the commit that would mark it sent. Started again (with a short lease, so the dead run is found stale within a few
    /// seconds), the bot takes the message back and sends it again: delivered twice at most, and recorded as sent.
    /// </summary>
    private async Task<string> KillWhileTheOutboxSendsAsync(BotTestHost host, Dictionary<string, string?> environment, BotProcess bot)
    {
        const string Text = "crash-point-msg.";
        var log = host.Get<StorageDatabase>().SqliteFilePath + "-wal";
        await WaitUntilIdleAsync(host);
        var attached = new TaskCompletionSource<StraceKill>(TaskCreationOptions.RunContinuationsAsynchronously);
        host.Connector.Answering = async request =>
        {
            if (request.Path.EndsWith("/activities", StringComparison.Ordinal) && request.Body.Contains(Text, StringComparison.Ordinal)
                && !attached.Task.IsCompleted)
            {
                attached.TrySetResult(await StraceKill.AttachAsync(bot.Id, "-P", log, "-e", "trace=pwrite64,fsync", "-e",
                    "inject=pwrite64:signal=KILL:when=1"));
            }
        };
        var key = await host.QueueAsync(o => o.SendToUser(host.ServiceUrl, BotTestHost.TenantId, "29:crash-point-user",
            new Activity { Type = ActivityTypes.Message, Text = Text }, "crash-point:1", null));
        await using (var strace = await attached.Task.WaitAsync(TimeSpan.FromSeconds(60)))
        {
            await bot.WaitForExitAsync();
            var calls = await strace.CallsAsync();
            host.Connector.Answering = null;
            Assert.True(StraceKill.KilledOn(calls, "pwrite64") is { } killed && killed.Path == log,
                "Not killed at a write of the log: " + string.Join("\n", calls));
        }

        Assert.Single(DeliveredText(host, Text));
        var message = await host.Get<IOutboxStore>().FindByDedupeKeyAsync(key);
        Assert.Equal(OutboxStatus.InFlight, message!.Status);
        environment["Outbox__Lease"] = "00:00:12";
        environment["Outbox__SendMargin"] = "00:00:01";
        environment["Bot__Connector__AttemptTimeout"] = "00:00:05";
        await using var again = await StartBotAsync(environment);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while ((await host.Get<IOutboxStore>().FindByDedupeKeyAsync(key))!.Status != OutboxStatus.Sent)
        {
            await Task.Delay(100, timeout.Token);
        }

        var deliveries = DeliveredText(host, Text).Count;
        Assert.InRange(deliveries, 1, 2);
        return $"queued message killed at the commit marking it sent, after the connector answered: delivered {deliveries} times";
    }

    /// <summary>
    /// The publication killed above, once the outbox is idle: recorded once, with its card queued and posted once (nothing was
    /// queued at the kill), the published entry logged once, and the channel's name asked of Teams once: the turn's first
    /// commit was kept, and its redelivery found the name stored.
    /// </summary>
    private static async Task<string> CheckPublicationsAsync(BotTestHost host, CrashBriefings briefings)
    {
        await WaitUntilIdleAsync(host);
        var counts = await briefings.CheckAsync(host);
        Assert.True(counts is { Lost: 0, Duplicated: 0, WithoutCard: 0, CardWithoutPublication: 0, CardsNotPosted: 0, CardsPostedTwice: 0 },
            counts.ToString());
        foreach (var publication in briefings.Publications)
        {
            var logged = await host.Get<IAuditLog>().ListAsync("briefing", publication.AuditId.ToString("D"));
            Assert.Single(logged, e => e.Action == "briefing.published");
        }

        Assert.Single(host.Connector.Requests, r => r.Method == "GET" && r.Path.StartsWith("/v3/teams/", StringComparison.Ordinal)
            && r.Path.EndsWith("/conversations", StringComparison.Ordinal));
        return "briefing publications: " + counts;
    }

    /// <summary>
    /// The close killed between its two commits, once sent again: the poll closed in the workshop and in the vote store, no
    /// close left unfinished for the phase timer, and the card's update queued once and sent.
    /// </summary>
    private static async Task<string> CheckCloseAsync(WorkshopScenario scenario, Poll board)
    {
        var host = scenario.Host;
        await WaitUntilIdleAsync(host);
        var poll = (await scenario.SessionAsync()).FindPoll(board.Id)!;
        Assert.Equal(PollPhase.Closed, poll.Phase);
        var votes = host.Get<IWorkshopVoteStore>();
        Assert.Equal(PollVotingStatus.Closed, (await votes.GetRulesAsync(poll.Id, default))!.Status);
        Assert.Empty(await votes.ListUnfinishedClosesAsync(DateTimeOffset.UtcNow.AddDays(1), default));
        var card = await host.Get<IOutboxStore>().FindByDedupeKeyAsync($"workshop:{poll.Id}:close:{poll.Openings}:{poll.Resets}");
        Assert.Equal(OutboxStatus.Sent, card?.Status);
        return "close of voting: closed in the workshop and the vote store, none left unfinished, the card's update sent";
    }

    private static async Task<BotProcess> StartBotAsync(Dictionary<string, string?> environment)
    {
        var bot = BotProcess.Start(environment["Storage__DataFolder"]!, environment);
        await bot.WaitUntilListeningAsync(TimeSpan.FromSeconds(120));
        return bot;
    }

    /// <summary>
    /// The bot has nothing left to send (the turn's replies went out, and their marks are committed) and has written nothing
    /// to the log for 700 ms (a live card's update claims its slot with a commit outside the outbox; the log's checkpoint
    /// comes 100 ms after a commit): so the next call strace sees is the next request's.
    /// </summary>
    private static async Task WaitUntilIdleAsync(BotTestHost host)
    {
        var log = new FileInfo(host.Get<StorageDatabase>().SqliteFilePath + "-wal");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (await host.Get<IOutboxStore>().CountPendingAsync(timeout.Token) > 0)
        {
            await Task.Delay(50, timeout.Token);
        }

        var seen = (0L, DateTime.MinValue);
        var quiet = System.Diagnostics.Stopwatch.StartNew();
        while (quiet.ElapsedMilliseconds < 700)
        {
            await Task.Delay(50, timeout.Token);
            log.Refresh();
            var now = (log.Exists ? log.Length : 0, log.Exists ? log.LastWriteTimeUtc : DateTime.MinValue);
            if (now != seen)
            {
                seen = now;
                quiet.Restart();
            }
        }
    }

    /// <summary>Copies the log into the file and empties it, so that the next commit starts it again and syncs its header.</summary>
    private static async Task RestartLogAsync(BotTestHost host)
    {
        for (var attempt = 0; ; attempt++)
        {
            await using var connection = await host.Get<StorageDatabase>().OpenAsync(default);
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
            await using var reader = await command.ExecuteReaderAsync();
            Assert.True(await reader.ReadAsync());
            if (reader.GetInt64(0) == 0)
            {
                return;
            }

            Assert.True(attempt < 50, "The log could not be checkpointed: a reader stayed in it.");
            await Task.Delay(100);
        }
    }

    /// <summary>
    /// A request killed at a chosen point, how many times its effect is stored, and, for a kill between two commits, whether
    /// the first is kept (and the second not: the close is stored in the vote store while the workshop still has the poll open).
    /// </summary>
    private sealed record Chosen(Request Request, Point Point, Func<Task<int>> Stored, Func<Task<bool>>? FirstKept = null);

    /// <summary>
    /// A chosen point: strace's filter (the calls it logs: the log's writes and syncs, and the socket reads that show when
    /// the request came), and what the log of calls must show of the kill. Every point first checks that the request came
    /// before anything was written to the log: the commit killed is the request's, not a late one of the turn before.
    /// </summary>
    private sealed record Point(string Label, string Inject, Func<IReadOnlyList<TracedCall>, string, (int Frames, bool Committed)> Check)
    {
        public string[] Filter => ["-e", "trace=pwrite64,fsync,sendto,sendmsg,recvfrom", "-e", Inject];

        /// <summary>The commit's one sync: its log header written, none of its frames.</summary>
        public static Point AtTheSync { get; } = new("at the commit's sync", "inject=fsync:signal=KILL:when=1", (calls, log) =>
        {
            var killed = Killed(calls, log, true, "fsync");
            var written = Before(calls, killed).Where(c => c.Path == log).ToList();
            Assert.True(written is [{ IsLogHeader: true }], "Not the sync of a new log header:\n" + string.Join("\n", calls));
            return (0, false);
        });

        /// <summary>The sixth write: the log header and two frames of the commit in the file, the commit's last frame not.</summary>
        public static Point AmongTheFrames { get; } = new("among the commit's frames", "inject=pwrite64:signal=KILL:when=6",
            (calls, log) =>
        {
            var killed = Killed(calls, log, true, "pwrite64");
            var written = Before(calls, killed).Where(c => c.Path == log && c.Thread == killed.Thread).ToList();
            Assert.True(written.FirstOrDefault()?.IsLogHeader == true && !written.Any(c => c.IsCommitFrameHeader),
                "Not inside a commit:\n" + string.Join("\n", calls));
            return (written.Count(c => c.IsFrameHeader), false);
        });

        /// <summary>
        /// A turn that commits twice, killed at the first write of its second commit, its first commit whole in the file: the
        /// log's header, then a frame header and a page for each of the first commit's <paramref name="pages"/> pages (found by
        /// running it: a row and its indexes' entries in small tables, a page each), the last frame marking the commit. The
        /// writes are on one thread: the handler goes from the first commit to the second without waiting for anything else.
        /// </summary>
        public static Point BetweenTheCommits(string first, int pages) => new($"between its two commits ({first} committed)",
            $"inject=pwrite64:signal=KILL:when={2 + (2 * pages)}", (calls, log) =>
        {
            var killed = Killed(calls, log, true, "pwrite64");
            var written = Before(calls, killed).Where(c => c.Name == "pwrite64" && c.Path == log && c.Thread == killed.Thread).ToList();
            Assert.True(written.Count == 1 + (2 * pages) && written[0].IsLogHeader
                && written.Count(c => c.IsCommitFrameHeader) == 1 && written[^2].IsCommitFrameHeader,
                "Not between two commits:\n" + string.Join("\n", calls));
            return (0, false);
        });

        /// <summary>
        /// The first send on any socket (the answer) once the commit's last frame is in the file. A send on another socket
        /// than the request's before that (the bot's own, to Teams) missed the point; the answer itself before it fails.
        /// </summary>
        public static Point BeforeTheAnswer { get; } = new("after the commit, before the answer",
            "inject=sendto,sendmsg:signal=KILL:when=1", (calls, log) =>
        {
            var killed = Killed(calls, log, false, "sendto", "sendmsg");
            var written = Before(calls, killed).Where(c => c.Path == log).ToList();
            var committed = written.LastOrDefault(c => c.IsFrameHeader)?.IsCommitFrameHeader == true;
            if (!committed && killed.Path != Came(calls)?.Path)
            {
                throw new AnotherSendException("Killed at a send on another socket than the request's before its commit was "
                    + "in the file:\n" + string.Join("\n", calls));
            }

            Assert.True(committed, "The commit was not in the file:\n" + string.Join("\n", calls));
            return (written.Count(c => c.IsFrameHeader), true);
        });

        /// <summary>The call the process was killed on, checked to be of these names (on the log if <paramref name="onTheLog"/>),
        /// made after the request came, when nothing else had been written to the log.</summary>
        private static TracedCall Killed(IReadOnlyList<TracedCall> calls, string log, bool onTheLog, params string[] names)
        {
            var killed = calls.LastOrDefault(c => !c.Completed && names.Contains(c.Name));
            Assert.True(killed is not null && (!onTheLog || killed.Path == log),
                $"Not killed at {string.Join(" or ", names)}{(onTheLog ? " of the log" : "")}:\n" + string.Join("\n", calls));
            var request = Came(calls);
            var came = calls.ToList().FindIndex(c => ReferenceEquals(c, request));
            var firstWrite = calls.ToList().FindIndex(c => c.Name == "pwrite64" && c.Path == log);
            if (came < 0 || (firstWrite >= 0 && firstWrite < came))
            {
                throw new WrittenBeforeTheRequestException("The log was written before the request came:\n" + string.Join("\n", calls));
            }

            return killed;
        }

        /// <summary>The read of the request (its first bytes, "POST "), whose socket the answer goes back on.</summary>
        private static TracedCall? Came(IReadOnlyList<TracedCall> calls) =>
            calls.FirstOrDefault(c => c.Name == "recvfrom" && c.Completed && c.Head.AsSpan().StartsWith("POST "u8));

        /// <summary>The calls that returned before the one the process was killed on.</summary>
        private static IEnumerable<TracedCall> Before(IReadOnlyList<TracedCall> calls, TracedCall killed) =>
            calls.TakeWhile(c => !ReferenceEquals(c, killed)).Where(c => c.Completed);
    }
}

/// <summary>The kill met a call that was not the chosen request's: the point was missed, and nothing of the request stored.</summary>
internal class KillMissedException(string message) : Exception(message);

/// <summary>The kill met a commit made before the chosen request was read (a timer's or a job's): the point was missed.</summary>
internal sealed class WrittenBeforeTheRequestException(string message) : KillMissedException(message);

/// <summary>The kill met a send of the bot's own on another socket, before the request's commit was in the file.</summary>
internal sealed class AnotherSendException(string message) : KillMissedException(message);
