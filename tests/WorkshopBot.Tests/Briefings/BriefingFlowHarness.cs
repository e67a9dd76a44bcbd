using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WorkshopBot.Audits.Domain;
using WorkshopBot.Audits.Storage;
using WorkshopBot.Briefings;
using WorkshopBot.Briefings.Domain;
using WorkshopBot.Briefings.Jobs;
using WorkshopBot.Briefings.Storage;
using WorkshopBot.Briefings.Teams;
using WorkshopBot.Common;
using WorkshopBot.Common.Storage;
using WorkshopBot.Common.Teams;
using WorkshopBot.Conversations;
using WorkshopBot.Hosting;
using WorkshopBot.Outbox;
using WorkshopBot.Protocol.Connector;
using WorkshopBot.Protocol.Hosting;
using WorkshopBot.Protocol.Routing;
using WorkshopBot.Protocol.Schema;
using WorkshopBot.Storage;
using WorkshopBot.Tests.Support;
using WorkshopBot.Workshop.Domain;

namespace WorkshopBot.Tests.Briefings;

/// <summary>The workshop feature's read side as a test double: returns whatever outcome the test sets.</summary>
internal sealed class StubWorkshopResults : IWorkshopResults
{
    public WorkshopOutcome? Outcome { get; set; }

    public Task<WorkshopOutcome?> GetForAuditAsync(Guid auditId, CancellationToken cancellationToken) =>
        Task.FromResult(Outcome?.AuditId == auditId ? Outcome : null);
}

/// <summary>
/// A file store whose next results the test queues; uploads succeed by default. With <see cref="Hold"/> set, each upload
/// is counted as started and then waits until the test releases it (or its caller gives up on it).
/// </summary>
internal sealed class ScriptedFileStore : IBriefingFileStore
{
    private readonly Lock _lock = new();
    private readonly List<(string Group, string Channel, string Name)> _uploads = [];

    public Queue<FileUploadResult> Next { get; } = new();

    /// <summary>The files deleted (drive id, item id), in order.</summary>
    public ConcurrentQueue<(string Drive, string Item)> Deletes { get; } = new();

    public Task<FileDeleteResult> DeleteAsync(string driveId, string itemId, CancellationToken cancellationToken)
    {
        Deletes.Enqueue((driveId, itemId));
        return Task.FromResult(FileDeleteResult.Done);
    }

    /// <summary>Looks for a file by name: this stand-in keeps no ids, so it finds none.</summary>
    public Task<FileFindResult> FindInChannelAsync(string teamGroupId, string channelId, Func<string, bool> isTheFile,
        CancellationToken cancellationToken) => Task.FromResult(FileFindResult.NotThere);

    /// <summary>The uploads finished, in order.</summary>
    public IReadOnlyList<(string Group, string Channel, string Name)> Uploads
    {
        get
        {
            lock (_lock)
            {
                return [.. _uploads];
            }
        }
    }

    public bool IsEnabled { get; set; } = true;

    /// <summary>When set, uploads wait for it to complete before they finish.</summary>
    public TaskCompletionSource? Hold { get; set; }

    /// <summary>Completes when an upload has started (and, with <see cref="Hold"/>, is waiting).</summary>
    public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public async Task<FileUploadResult> UploadToChannelAsync(
        string teamGroupId, string channelId, string fileName, byte[] content, CancellationToken cancellationToken)
    {
        Started.TrySetResult();
        if (Hold is { } hold)
        {
            await hold.Task.WaitAsync(cancellationToken);
        }

        FileUploadResult? next;
        lock (_lock)
        {
            _uploads.Add((teamGroupId, channelId, fileName));
            next = Next.Count > 0 ? Next.Dequeue() : null;
        }

        // Named after the channel, the same in every run (a string's hash code is not), so card snapshots compare.
        var folder = new string(channelId.Where(char.IsAsciiLetterOrDigit).ToArray());
        return next ?? FileUploadResult.Uploaded($"https://contoso.sharepoint.com/files/{folder}/{fileName}");
    }
}

/// <summary>
/// The briefing feature over real SQLite storage, the real outbox and dispatcher and the real connector client
/// talking to <see cref="FakeConnector"/> on loopback. Tests post each screen's typed data record with its verb
/// (<see cref="PostAsync{TData}"/>) through the feature's routes, as Teams would after a press on a card.
/// </summary>
internal sealed class BriefingFlowHarness : IAsyncDisposable
{
    public static readonly PersonRef Chair = new("chair-oid", "QA Chair") { TenantId = Tenant };

    /// <summary>The organisation every activity of the harness comes from, unless the person acting names another.</summary>
    public const string Tenant = "tenant-1";
    public static readonly CaseReference Case1 = CaseReference.Create("NAI-2026-03-C1").ValueOrThrow();
    public static readonly CaseReference Case2 = CaseReference.Create("NAI-2026-03-C2").ValueOrThrow();
    private readonly string _folder;
    private readonly ActivityRouter _router = new();

    private BriefingFlowHarness(FakeConnector connector, ServiceProvider services, string folder, Audit audit)
    {
        Connector = connector;
        Services = services;
        _folder = folder;
        Audit = audit;
        _router.OnBadCardData(BadCardData.AnswerAsync);
        BriefingsRoutes.Map(_router);
    }

    public FakeConnector Connector { get; }

    public ServiceProvider Services { get; }

    public Audit Audit { get; }

    public ManualTimeProvider Clock => (ManualTimeProvider)Services.GetRequiredService<TimeProvider>();

    public StubWorkshopResults Workshop => Services.GetRequiredService<StubWorkshopResults>();

    public ScriptedFileStore Files => (ScriptedFileStore)Services.GetRequiredService<IBriefingFileStore>();

    /// <summary>
    /// Starts the harness; <paramref name="configure"/> registers services before the bot's own (which are tried), and
    /// <paramref name="decorate"/> changes them after (to wrap the document store in <see cref="DocumentSeams"/>, say).
    /// </summary>
    public static async Task<BriefingFlowHarness> StartAsync(Action<IServiceCollection>? configure = null,
        Action<IServiceCollection>? decorate = null)
    {
        var connector = await FakeConnector.StartAsync();
        connector.WriteLimits = [];
        var folder = Path.Combine(Path.GetTempPath(), "workshopbot-briefings-" + Guid.NewGuid().ToString("N")[..12]);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Sqlite",
            ["Storage:SqlitePath"] = Path.Combine(folder, "workshopbot.db"),
            ["Bot:Connector:MaxAttempts"] = "1",
            ["Outbox:RunInBackground"] = "false",
            ["Outbox:RetryDelay"] = "00:00:05",
            ["WorkshopBot:PublicBaseUrl"] = "https://bot.example.org",
            ["Briefings:Contact"] = "Contact the QA sub-group through the partnership's website.",
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging(l => l.ClearProviders());
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton<TimeProvider>(
            new ManualTimeProvider(new DateTimeOffset(2026, 4, 14, 9, 0, 0, TimeSpan.Zero)) { AutoAdvance = true });
        configure?.Invoke(services);
        services.AddBotConnector(configuration);
        services.AddWorkshopBotStorage(configuration);
        services.AddOptions<WorkshopBotOptions>().Bind(configuration.GetSection(WorkshopBotOptions.Section));
        services.AddOptions<OutboxOptions>().Bind(configuration.GetSection("Outbox"));
        services.AddSingleton<Roles>();
        services.AddOptions<BotEndpointOptions>();
        services.AddTurnPipeline();
        services.AddCommon();
        services.AddBriefings();
        services.AddSingleton<StubWorkshopResults>();
        services.AddSingleton<IWorkshopResults>(sp => sp.GetRequiredService<StubWorkshopResults>());
        services.AddSingleton<IBriefingFileStore, ScriptedFileStore>();
        decorate?.Invoke(services);
        var provider = services.BuildServiceProvider();
        await provider.GetRequiredService<StorageMigrator>().MigrateAsync();

        var audit = await SeedAuditAsync(provider);
        return new BriefingFlowHarness(connector, provider, folder, audit);
    }

    /// <summary>A two-case audit with two agencies' submitted returns, stored as the audits feature stores it.</summary>
    private static async Task<Audit> SeedAuditAsync(IServiceProvider services)
    {
        var now = new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
        var audit = Audit.Create(Guid.Parse("00000000-0000-0000-0000-0000000000b1"), "NAI audit spring 2026", "nai", Chair, now)
            .ValueOrThrow();
        Assert.True(audit.AddCase(Case1, AgeBand.Under1).Succeeded);
        Assert.True(audit.AddCase(Case2, AgeBand.Under1).Succeeded);
        audit.AddAgency(AgencyType.ChildrensSocialCare, "Children's Social Care", new PersonRef("csc-oid", "CSC Auditor"))
            .ValueOrThrow();
        audit.AddAgency(AgencyType.Police, "Police", new PersonRef("police-oid", "Police Auditor")).ValueOrThrow();
        Assert.True(audit.ScheduleReturnsDue(now.AddDays(10), now).Succeeded);
        Assert.True(audit.Issue(now).Succeeded);
        var returns = new List<AuditReturn>();
        foreach (var (reference, agencyId) in audit.ExpectedReturns().Select(p => (p.Case.Reference, p.Agency.Id)))
        {
            var ret = AuditReturn.Create(Guid.NewGuid(), audit, reference, agencyId).ValueOrThrow();
            var by = new PersonRef(agencyId, agencyId);
            foreach (var section in ret.Sections)
            {
                var answers = section.Questions
                    .Select(q => new AnswerInput(q.Id, q.IsSafetyQuestion ? AnswerValue.No : AnswerValue.Yes, "Seen in records.")).ToList();
                ret.SaveSection(section.Id, answers, ret.Version, by, now).ValueOrThrow();
            }

            var police = agencyId == "agency-2";
            ret.SaveSummary(new ReturnSummaryInput(
                police
                    ? "Strategy meetings were timely with the right agencies present"
                    : "Strategy meetings were timely, with the right agencies present",
                police ? "Notes from the police interview could have been shared more quickly" : "Fathers were not seen or assessed",
                police ? "Share interview notes with health within two working days" : null,
                reference == Case1 ? "good" : "requires-improvement"), ret.Version, by, now).ValueOrThrow();
            Assert.True(ret.Submit(ret.Version, by, now).Succeeded);
            returns.Add(ret);
        }

        await BriefingSeed.StoreAsync(services, audit, returns);
        return audit;
    }


    /// <summary>
    /// Makes the bot know a standard team channel, as ConversationTracker would after the chair installed it there (so the
    /// chair is seen in it, and may publish to it).
    /// </summary>
    public async Task AddChannelAsync(string channelId, string channelName, string teamName = "Early Help team")
    {
        var store = Services.GetRequiredService<IConversationStore>();
        await store.UpsertAsync(new ConversationRecord(channelId, Connector.BaseUrl, Tenant,
            "msteams", ConversationKind.Channel, "3f1a0c52-0000-4000-8000-000000000001", teamName, channelName, null, null, null,
            "28:bot", true, Clock.GetUtcNow(), ConversationRecord.Standard));
        await store.RememberMemberAsync(channelId, Chair.UserId, Tenant, Clock.GetUtcNow());
    }

    /// <summary>
    /// Presses a card action: posts <paramref name="data"/> with <paramref name="verb"/> as a person in their personal chat
    /// (or, with a channel id, in a thread of that channel) and returns the card the bot answered with, as JSON.
    /// </summary>
    public async Task<string> PostAsync<TData>(PersonRef who, string verb, TData data, string? channelId = null)
        where TData : class
    {
        using var scope = Services.CreateScope();
        var turn = new TurnContext(Invoke(who, verb, data, channelId), scope.ServiceProvider, new UnusedConnectorClient(),
            scope.ServiceProvider.GetRequiredService<ITurnSender>());
        // As the endpoint does: the turn's writes commit with its processed mark.
        var response = await scope.ServiceProvider.GetRequiredService<ITurnCoordinator>()
            .RunAsync(turn, ct => _router.DispatchAsync(turn, ct), CancellationToken.None);
        Assert.Equal(200, response?.Status);
        var json = JsonSerializer.Serialize(response!.Body, BotJson.Options);
        CardSnapshots.Record(json);
        return json;
    }

    public async Task<BriefingRecord> RecordAsync()
    {
        using var scope = Services.CreateScope();
        return (await scope.ServiceProvider.GetRequiredService<BriefingStore>().GetAsync(Audit.Id, CancellationToken.None))!;
    }

    /// <summary>One pass of the background upload, as the bot runs it once a publish has committed (and every minute).</summary>
    public Task<BriefingUploadReport> UploadAsync() => Services.GetRequiredService<BriefingUploads>().RunOnceAsync(CancellationToken.None);

    /// <summary>
    /// Makes the queued DOCX uploads (one pass of the background upload), then drains the outbox until nothing is due,
    /// moving the clock past each retry delay.
    /// </summary>
    public async Task DrainAsync()
    {
        await UploadAsync();
        var dispatcher = Services.GetRequiredService<OutboxDispatcher>();
        var store = Services.GetRequiredService<IOutboxStore>();
        for (var round = 0; round < 20 && await store.CountPendingAsync() > 0; round++)
        {
            if (await dispatcher.DrainOnceAsync(CancellationToken.None) == 0)
            {
                Clock.Advance(TimeSpan.FromSeconds(10));
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        // The cards posted to channels, for the before/after card comparison (nothing happens unless it is switched on).
        foreach (var request in Connector.Requests.Where(r => r.Body.Contains("attachments", StringComparison.Ordinal)))
        {
            CardSnapshots.Record(request.Body);
        }

        await Services.DisposeAsync();
        await Connector.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private Activity Invoke<TData>(PersonRef who, string verb, TData data, string? channelId) => new()
    {
        Type = ActivityTypes.Invoke,
        Name = InvokeNames.AdaptiveCardAction,
        ServiceUrl = Connector.BaseUrl,
        ChannelId = "msteams",
        From = new ChannelAccount { Id = "29:" + who.UserId, AadObjectId = who.UserId, Name = who.DisplayName },
        Recipient = new ChannelAccount { Id = "28:bot" },
        Conversation = channelId is null
            ? new ConversationAccount
            {
                Id = "a:personal-" + who.UserId, ConversationType = ConversationTypes.Personal, TenantId = who.TenantId ?? Tenant,
            }
            : new ConversationAccount
            {
                Id = channelId + ";messageid=123", ConversationType = ConversationTypes.Channel, IsGroup = true,
                TenantId = who.TenantId ?? Tenant,
            },
        ChannelData = channelId is null
            ? null
            : BotJson.ToElement(new TeamsChannelData
            {
                Channel = new ChannelInfo { Id = channelId }, Tenant = new TenantInfo { Id = who.TenantId ?? Tenant },
            }),
        Value = BotJson.ToElement(new { action = new { type = "Action.Execute", verb, data }, trigger = "manual" }),
    };
}

/// <summary>An issued one-case audit with one submitted return, stored as the audits feature stores it, for tests over HTTP.</summary>
internal static class BriefingSeed
{
    public static async Task<Audit> OneCaseAuditAsync(IServiceProvider services, PersonRef chair, DateTimeOffset now)
    {
        var audit = Audit.Create(Guid.NewGuid(), "NAI audit", "nai", chair, now).ValueOrThrow();
        Assert.True(audit.AddCase(BriefingFlowHarness.Case1, AgeBand.Under1).Succeeded);
        audit.AddAgency(AgencyType.Police, "Police", new PersonRef("police-oid", "Police Auditor")).ValueOrThrow();
        Assert.True(audit.ScheduleReturnsDue(now.AddDays(5), now).Succeeded);
        Assert.True(audit.Issue(now).Succeeded);
        var ret = AuditReturn.Create(Guid.NewGuid(), audit, BriefingFlowHarness.Case1, "agency-1").ValueOrThrow();
        var by = new PersonRef("police-oid", "Police Auditor");
        foreach (var section in ret.Sections)
        {
            var answers = section.Questions
                .Select(q => new AnswerInput(q.Id, q.IsSafetyQuestion ? AnswerValue.No : AnswerValue.Yes, "Seen.")).ToList();
            ret.SaveSection(section.Id, answers, ret.Version, by, now).ValueOrThrow();
        }

        ret.SaveSummary(new ReturnSummaryInput("Prompt referral", "Fathers were not seen", "Train staff on engaging fathers", "good"),
            ret.Version, by, now).ValueOrThrow();
        Assert.True(ret.Submit(ret.Version, by, now).Succeeded);
        await StoreAsync(services, audit, [ret]);
        return audit;
    }

    /// <summary>
    /// A one-case audit (<see cref="OneCaseAuditAsync"/>) whose briefing <paramref name="chair"/> opened and approved as
    /// version 1 through the host's routes, from their personal chat; returns the audit's id.
    /// </summary>
    public static async Task<Guid> ApprovedBriefingAsync(BotTestHost host, TestUser chair)
    {
        var audit = await OneCaseAuditAsync(host.Services, chair.Person, host.Get<TimeProvider>().GetUtcNow().AddDays(-20));
        var chat = BotTestHost.PersonalChat(chair);
        await host.ExecuteAsync(chair, chat, ComposeScreen.Open, new OpenBriefingData(audit.Id));
        var approved = await host.ExecuteAsync(chair, chat, ComposeScreen.Approve, new ApproveData(audit.Id, 1));
        Assert.Contains("Version 1 is approved", approved.Card!.Value.GetRawText(), StringComparison.Ordinal);
        return audit.Id;
    }

    /// <summary>Stores an audit and its returns as the audits feature does: in one unit of work.</summary>
    public static async Task StoreAsync(IServiceProvider services, Audit audit, IEnumerable<AuditReturn> returns)
    {
        var stored = await services.GetRequiredService<WorkRunner>().RunAsync(async (scope, ct) =>
        {
            var store = scope.GetRequiredService<AuditStore>();
            foreach (var ret in returns)
            {
                Assert.True(await store.InsertReturnAsync(ret, ct));
            }

            return await store.InsertAuditAsync(audit, ct);
        }, CancellationToken.None);
        Assert.True(stored);
    }
}
