using WorkshopBot.Common;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using WorkshopBot.Cards;
using WorkshopBot.Outbox;
using WorkshopBot.Protocol.Connector;
using WorkshopBot.Protocol.Routing;
using WorkshopBot.Protocol.Schema;

namespace WorkshopBot.Tests.Support;

/// <summary>Options of a <see cref="BotTestHost"/>.</summary>
public sealed class BotTestHostOptions
{
    /// <summary>Extra configuration (wins over the host's defaults).</summary>
    public Dictionary<string, string?> Settings { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Replace or add services after the bot's own registrations.</summary>
    public Action<IServiceCollection>? Services { get; set; }

    /// <summary>The bot's clock; the system clock when null.</summary>
    public TimeProvider? Time { get; set; }

    /// <summary>Run the outbox drainer in the background (otherwise tests drain with <see cref="BotTestHost.DrainOutboxAsync"/>).</summary>
    public bool BackgroundOutbox { get; set; }

    /// <summary>Trust the local issuer for Entra ID tokens too (single-tenant bots).</summary>
    public bool UseIssuerForEntra { get; set; }

    /// <summary>A PostgreSQL connection string; SQLite file in a temp folder when null.</summary>
    public string? PostgresConnectionString { get; set; }
}

/// <summary>A person in the tests: a Teams user id (29:...), an Entra object id and a display name.</summary>
public sealed record TestUser(string Id, string AadObjectId, string Name)
{
    public ChannelAccount Account => new() { Id = Id, AadObjectId = AadObjectId, Name = Name };

    /// <summary>This person as the bot records them: Entra object id, name and the test tenant.</summary>
    public PersonRef Person => new(AadObjectId, Name) { TenantId = BotTestHost.TenantId };
}

/// <summary>A conversation the tests talk in.</summary>
public sealed record TestConversation(string Id, string ConversationType, string? TeamId = null, string? ChannelId = null,
    string? TeamName = null, string? ChannelName = null)
{
    public bool IsGroup => ConversationType != ConversationTypes.Personal;
}

/// <summary>The bot's answer to an invoke: status and body.</summary>
public sealed record InvokeResult(HttpStatusCode Status, JsonElement? Body)
{
    /// <summary>The Adaptive Card that replaces the one acted on, when the answer is a card.</summary>
    public JsonElement? Card => Body is { ValueKind: JsonValueKind.Object } body
        && body.TryGetProperty("type", out var type) && type.GetString() == AdaptiveCardInvokeResponse.CardType
        && body.TryGetProperty("value", out var value) ? value : null;

    /// <summary>The short message shown instead of a card, when the answer is a message.</summary>
    public string? Message => Body is { ValueKind: JsonValueKind.Object } body
        && body.TryGetProperty("type", out var type) && type.GetString() == AdaptiveCardInvokeResponse.MessageType
        && body.TryGetProperty("value", out var value) ? value.GetString() : null;
}

/// <summary>Something the bot sent to the fake connector (send, reply, update or a new conversation).</summary>
public sealed record SentActivity(string Method, string ConversationId, string? ActivityId, Activity Activity, int StatusCode)
{
    /// <summary>The Adaptive Cards attached, as JSON.</summary>
    public IReadOnlyList<JsonElement> Cards => Activity.Attachments?
        .Where(a => a.ContentType == Attachment.AdaptiveCardContentType && a.Content is not null)
        .Select(a => a.Content!.Value)
        .ToList() ?? [];

    /// <summary>When the connector received it, by its clock (<see cref="FakeConnector.LimitClock"/>).</summary>
    public DateTimeOffset ClockAt { get; init; }

    /// <summary>When the connector received it, by the real clock (orders what two instances' connectors received).</summary>
    public DateTimeOffset ReceivedAt { get; init; }

    /// <summary>All text of the activity and its cards, for "contains" assertions.</summary>
    public string AllText => (Activity.Text ?? "") + "\n" + string.Join("\n", Cards.Select(c => c.GetRawText()));
}

/// <summary>
/// The bot on real Kestrel (loopback), with a real app id, inbound JWTs signed by a local issuer whose OpenID
/// metadata and keys are served on loopback, a real SQLite file (or PostgreSQL database), and outbound calls going
/// to a recording <see cref="FakeConnector"/> that enforces Teams' limits. Tests talk to it only over HTTP.
/// </summary>
public sealed class BotTestHost : IAsyncDisposable
{
    public const string AppId = "7b2c1a8e-3f4d-4e5a-9b6c-0d1e2f3a4b5c";
    public const string TenantId = "4d3c2b1a-0f9e-4d8c-8b7a-6e5f4d3c2b1a";

    private readonly BotTestHostOptions _options;
    private readonly string? _dataFolder;
    private readonly Dictionary<string, string?> _settings;
    private WebApplicationFactory<Program> _factory;
    private readonly System.Collections.Concurrent.ConcurrentQueue<JsonElement> _invokeCards = new();
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte> _typedText = new(StringComparer.Ordinal);
    private int _nextActivity;

    private BotTestHost(BotTestHostOptions options, TestTokenIssuer issuer, FakeConnector connector)
    {
        _options = options;
        Issuer = issuer;
        Connector = connector;
        if (options.PostgresConnectionString is null)
        {
            _dataFolder = Path.Combine(Path.GetTempPath(), "workshopbot-e2e-" + Guid.NewGuid().ToString("N")[..12]);
            Directory.CreateDirectory(_dataFolder);
        }

        _settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            // A free loopback port per host, whatever appsettings.json says (tests run in parallel).
            ["Urls"] = "http://127.0.0.1:0",
            ["Storage:Provider"] = options.PostgresConnectionString is null ? "Sqlite" : "Postgres",
            ["Storage:SqlitePath"] = _dataFolder is null ? null : Path.Combine(_dataFolder, "workshopbot.db"),
            ["Storage:PostgresConnectionString"] = options.PostgresConnectionString,
            ["Bot:AllowLoopbackServiceUrls"] = "true",
            ["Bot:Connector:RetryBaseDelay"] = "00:00:00.050",
            ["Bot:Connector:RetryMaxDelay"] = "00:00:00.200",
            ["Bot:Connector:MaxRetryAfter"] = "00:00:02",
            ["Outbox:RunInBackground"] = options.BackgroundOutbox ? "true" : "false",
            ["Outbox:PollInterval"] = "00:00:00.100",
            ["Outbox:RetryDelay"] = "00:00:00",
            ["Logging:LogLevel:Default"] = "Warning",
            // An idea board's card updates at the next slot, as tests written before its quiet spell expect; the tests of the
            // quiet spell (IdeaBoardWaitsForTyping) set it.
            ["Workshop:IdeaBoardQuiet"] = "00:00:00",
            ["WorkshopBot:AllowedTenants:0"] = TenantId,
            // One outbox owner per host, the same across RestartAsync (a restarted bot takes back what it had in flight).
            ["Outbox:InstanceId"] = "test-host-" + Guid.NewGuid().ToString("N")[..12],
        };
        foreach (var (key, value) in issuer.BotSettings(AppId))
        {
            _settings[key] = value;
        }

        foreach (var (key, value) in options.Settings)
        {
            _settings[key] = value;
        }

        if (options.UseIssuerForEntra)
        {
            _settings["EntraOpenIdMetadataUrl"] = issuer.EntraMetadataUrl(TenantId);
        }

        _factory = CreateFactory();
    }

    public TestTokenIssuer Issuer { get; }

    public FakeConnector Connector { get; }

    /// <summary>The serviceUrl every test activity carries: the fake connector.</summary>
    public string ServiceUrl => Connector.BaseUrl;

    /// <summary>A real HTTP client for the bot's Kestrel server.</summary>
    public HttpClient Client { get; private set; } = null!;

    /// <summary>The running bot's root services (to read the store in assertions).</summary>
    public IServiceProvider Services => _factory.Services;

    /// <summary>The bot as an account (recipient of activities).</summary>
    public static ChannelAccount Bot => new() { Id = "28:" + AppId, Name = "WorkshopBot" };

    public static async Task<BotTestHost> StartAsync(Action<BotTestHostOptions>? configure = null)
    {
        var options = new BotTestHostOptions();
        configure?.Invoke(options);
        var issuer = await TestTokenIssuer.StartAsync(options.Time);
        var connector = await FakeConnector.StartAsync();
        var host = new BotTestHost(options, issuer, connector);
        try
        {
            host.Start();
        }
        catch
        {
            // Clean up what started, but let the start-up error (the thing under test) be what the caller sees.
            try
            {
                await host.DisposeAsync();
            }
            catch (ObjectDisposedException)
            {
            }
            catch (AggregateException)
            {
            }

            throw;
        }

        return host;
    }

    public T Get<T>()
        where T : notnull => Services.GetRequiredService<T>();

    /// <summary>
    /// Runs <paramref name="body"/> as the bot runs background work: in a fresh scope whose writes (documents, outbox
    /// messages, audit entries) commit together when it returns. For setting up state and queuing messages directly.
    /// </summary>
    public async Task<T> WorkAsync<T>(Func<IServiceProvider, Task<T>> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var done = false;
        var result = await Get<WorkshopBot.Common.Storage.WorkRunner>().RunAsync(async (services, _) =>
        {
            var value = await body(services);
            done = true;
            return value;
        }, CancellationToken.None);
        return done
            ? result!
            : throw new InvalidOperationException("The work could not be stored: others kept changing the same documents.");
    }

    /// <summary>As <see cref="WorkAsync{T}"/> for a body with no result.</summary>
    public Task WorkAsync(Func<IServiceProvider, Task> body) => WorkAsync<bool>(async services =>
    {
        await body(services);
        return true;
    });

    /// <summary>Queues one outbox message in its own unit of work; returns its dedupe key.</summary>
    public Task<string> QueueAsync(Func<IOutbox, string> queue) =>
        WorkAsync(services => Task.FromResult(queue(services.GetRequiredService<IOutbox>())));

    /// <summary>Changes one setting for the next restart (null removes it), as an operator edits the configuration.</summary>
    public void ChangeSetting(string key, string? value)
    {
        if (value is null)
        {
            _settings.Remove(key);
        }
        else
        {
            _settings[key] = value;
        }
    }

    /// <summary>Stops the bot and starts a new instance on the same database (a restart).</summary>
    public Task RestartAsync() => RestartAsync(null);

    /// <summary>As <see cref="RestartAsync()"/>, doing <paramref name="whileStopped"/> (say, moving the clock on) in between.</summary>
    public async Task RestartAsync(Action? whileStopped)
    {
        Client.Dispose();
        await _factory.DisposeAsync();
        whileStopped?.Invoke();
        _factory = CreateFactory();
        Start();
    }

    /// <summary>A user with stable ids derived from the name.</summary>
    public static TestUser User(string name)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(name));
        var aad = new Guid(hash.AsSpan(0, 16)).ToString();
        return new TestUser("29:" + Convert.ToHexStringLower(hash.AsSpan(16, 12)), aad, name);
    }

    /// <summary>The 1:1 chat of a user with the bot (the id the fake connector gives when the bot opens it too).</summary>
    public static TestConversation PersonalChat(TestUser user) => new("a:personal-" + user.Id, ConversationTypes.Personal);

    public static TestConversation Channel(string channelName = "General", string teamName = "Safeguarding Partnership")
    {
        var teamId = "19:team-" + Slug(teamName) + "@thread.tacv2";
        var channelId = channelName == "General" ? teamId : "19:" + Slug(channelName) + "@thread.tacv2";
        return new TestConversation(channelId, ConversationTypes.Channel, teamId, channelId, teamName, channelName);
    }

    public static TestConversation GroupChat(string name = "Workshop chat") =>
        new("19:group-" + Slug(name) + "@thread.v2", ConversationTypes.GroupChat);

    /// <summary>A well-formed activity from <paramref name="from"/> in <paramref name="conversation"/>.</summary>
    public Activity NewActivity(string type, TestUser from, TestConversation conversation) => new()
    {
        Type = type,
        Id = "act-" + Interlocked.Increment(ref _nextActivity).ToString(System.Globalization.CultureInfo.InvariantCulture)
            + "-" + Guid.NewGuid().ToString("N")[..8],
        Timestamp = DateTimeOffset.UtcNow,
        ServiceUrl = ServiceUrl,
        ChannelId = "msteams",
        From = from.Account,
        Recipient = Bot,
        Conversation = new ConversationAccount
        {
            Id = conversation.Id,
            ConversationType = conversation.ConversationType,
            TenantId = TenantId,
            IsGroup = conversation.IsGroup ? true : null,
        },
        ChannelData = BotJson.ToElement(new TeamsChannelData
        {
            Tenant = new TenantInfo { Id = TenantId },
            Team = conversation.TeamId is null ? null : new TeamInfo { Id = conversation.TeamId, Name = conversation.TeamName },
            Channel = conversation.ChannelId is null
                ? null
                : new ChannelInfo { Id = conversation.ChannelId, Name = conversation.ChannelName },
        }),
        Locale = "en-GB",
    };

    public Activity Message(TestUser from, TestConversation conversation, string text) =>
        NewActivity(ActivityTypes.Message, from, conversation) with
        {
            Text = conversation.IsGroup ? "<at>WorkshopBot</at> " + text : text,
            Entities = conversation.IsGroup ? [MentionOfBot()] : null,
        };

    /// <summary>An Action.Submit: a message whose value is the card data merged with inputs (with "verb").</summary>
    public Activity Submit(TestUser from, TestConversation conversation, object value, string? replyToId = null) =>
        NewActivity(ActivityTypes.Message, from, conversation) with { Value = BotJson.ToElement(value), ReplyToId = replyToId };

    /// <summary>An Action.Execute: invoke <c>adaptiveCard/action</c> with a verb and data (inputs merged into data).</summary>
    public Activity CardAction(TestUser from, TestConversation conversation, string verb, object data, string? replyToId = null,
        string trigger = "manual") =>
        NewActivity(ActivityTypes.Invoke, from, conversation) with
        {
            Name = InvokeNames.AdaptiveCardAction,
            ReplyToId = replyToId,
            Value = BotJson.ToElement(new
            {
                action = new { type = "Action.Execute", verb, data },
                trigger,
            }),
        };

    /// <summary>The bot added to a conversation (Teams' conversationUpdate with the bot in membersAdded).</summary>
    public Activity BotAdded(TestUser by, TestConversation conversation) =>
        NewActivity(ActivityTypes.ConversationUpdate, by, conversation) with { MembersAdded = [Bot] };

    public Activity BotRemoved(TestUser by, TestConversation conversation) =>
        NewActivity(ActivityTypes.ConversationUpdate, by, conversation) with { MembersRemoved = [Bot] };

    public Activity Installation(TestUser by, TestConversation conversation, string action = "add") =>
        NewActivity(ActivityTypes.InstallationUpdate, by, conversation) with { Action = action };

    /// <summary>Posts an activity with a valid signed token (or the given Authorization header value; "" for none).</summary>
    public async Task<HttpResponseMessage> PostAsync(Activity activity, string? authorization = null)
    {
        ArgumentNullException.ThrowIfNull(activity);
        RememberTypedText(activity);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = new StringContent(BotJson.Serialize(activity), Encoding.UTF8, "application/json"),
        };
        var header = authorization ?? "Bearer " + Issuer.CreateToken(AppId, activity.ServiceUrl);
        if (header.Length > 0)
        {
            request.Headers.TryAddWithoutValidation("Authorization", header);
        }

        var response = await Client.SendAsync(request);
        // The answer waits for the turn's replies only a short while (Outbox:ReplyWait); the tests read what was sent
        // right after, so they wait for the rest here, however slow the machine.
        await RepliesSentAsync();
        return response;
    }

    /// <summary>Waits until the replies of every turn answered so far are sent (or left to the outbox, e.g. throttled).</summary>
    public Task RepliesSentAsync() => Get<OutboxDispatcher>().RepliesSentAsync();

    /// <summary>Posts raw bytes as the body (malformed input tests), with a valid token for <paramref name="serviceUrl"/>.</summary>
    public async Task<HttpResponseMessage> PostRawAsync(string body, string? serviceUrl = null, string contentType = "application/json")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = new StringContent(body, Encoding.UTF8),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + Issuer.CreateToken(AppId, serviceUrl ?? ServiceUrl));
        return await Client.SendAsync(request);
    }

    /// <summary>Posts a message/submit/update and checks the bot accepted it.</summary>
    public async Task SendAsync(Activity activity)
    {
        using var response = await PostAsync(activity);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException(
                $"The bot answered {(int)response.StatusCode} to a {activity.Type}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    public Task SayAsync(TestUser from, TestConversation conversation, string text) => SendAsync(Message(from, conversation, text));

    /// <summary>Invokes a card action and returns the bot's answer.</summary>
    public async Task<InvokeResult> InvokeAsync(Activity invoke)
    {
        using var response = await PostAsync(invoke);
        var text = await response.Content.ReadAsStringAsync();
        CardSnapshots.Record(text);
        JsonElement? body = string.IsNullOrWhiteSpace(text) ? null : JsonDocument.Parse(text).RootElement.Clone();
        if (new InvokeResult(response.StatusCode, body).Card is { } card)
        {
            _invokeCards.Enqueue(card);
        }
        return new InvokeResult(response.StatusCode, body);
    }

    public Task<InvokeResult> ExecuteAsync(TestUser from, TestConversation conversation, string verb, object data,
        string? replyToId = null) =>
        InvokeAsync(CardAction(from, conversation, verb, data, replyToId));

    /// <summary>Delivers everything due in the outbox (as the background drainer would), up to a bound of rounds.</summary>
    public async Task<int> DrainOutboxAsync(int maxRounds = 50)
    {
        var dispatcher = Get<OutboxDispatcher>();
        await dispatcher.RepliesSentAsync();
        var total = 0;
        for (var round = 0; round < maxRounds; round++)
        {
            var handled = await dispatcher.DrainOnceAsync(CancellationToken.None);
            if (handled == 0)
            {
                break;
            }

            total += handled;
        }

        return total;
    }

    /// <summary>
    /// Everything the bot sent or updated, in order; optionally only in one conversation (thread ids match their channel).
    /// </summary>
    public IReadOnlyList<SentActivity> Sent(string? conversationId = null)
    {
        var sent = new List<SentActivity>();
        foreach (var request in Connector.Requests)
        {
            var segments = request.RawTarget.Split('?')[0].Trim('/').Split('/').Select(Uri.UnescapeDataString).ToArray();
            if (request.Method is not ("POST" or "PUT") || request.StatusCode is < 200 or >= 300)
            {
                continue;
            }

            Activity? activity;
            string conversation;
            string? activityId = null;
            switch (segments)
            {
                case ["v3", "conversations", var id, "activities", ..]:
                    activity = BotJson.Deserialize<Activity>(request.Body);
                    conversation = id;
                    activityId = segments.Length > 4 ? segments[4] : null;
                    break;
                case ["v3", "conversations"]:
                    var parameters = BotJson.Deserialize<ConversationParameters>(request.Body);
                    activity = parameters?.Activity;
                    conversation = parameters?.ChannelData is { ValueKind: JsonValueKind.Object } data
                        && data.TryGetProperty("channel", out var channel)
                        ? channel.GetProperty("id").GetString() ?? ""
                        : "";
                    break;
                default:
                    continue;
            }

            if (activity is null)
            {
                continue;
            }

            var baseId = conversation.Split(";messageid=")[0];
            if (conversationId is null || conversation == conversationId || baseId == conversationId)
            {
                sent.Add(new SentActivity(request.Method, conversation, activityId, activity, request.StatusCode)
                {
                    ClockAt = request.ClockAt,
                    ReceivedAt = request.ReceivedAt,
                });
            }
        }

        return sent;
    }

    /// <summary>Every card the bot sent (or updated) in a conversation, in order.</summary>
    public IReadOnlyList<JsonElement> CardsIn(string conversationId) => Sent(conversationId).SelectMany(s => s.Cards).ToList();

    /// <summary>Every card the bot answered an invoke with, in order (connector posts are in <see cref="Sent"/>).</summary>
    public IReadOnlyList<JsonElement> InvokeCards => [.. _invokeCards];

    /// <summary>
    /// Inputs on any card this host saw (invoke answers and posts) that no data record of the card's actions can receive.
    /// Checked when the host is disposed, so every end-to-end test walks every card it produced.
    /// </summary>
    public IReadOnlyList<string> UnmatchedCardInputs()
    {
        var router = Get<WorkshopBot.Protocol.Routing.ActivityRouter>();
        return InvokeCards.Concat(Sent().SelectMany(s => s.Cards))
            .SelectMany(card => CardInputCheck.Unmatched(card, router))
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>
    /// Free text people typed in this host's activities (message text and the text fields of card data) that the audit
    /// log holds: the log must hold ids, kinds and fingerprints only. Checked when the host is disposed.
    /// </summary>
    public async Task<IReadOnlyList<string>> FreeTextInAuditLogAsync()
    {
        var details = (await Get<WorkshopBot.Storage.IAuditLog>().ListRecentAsync(100_000))
            .Select(e => e.DetailJson ?? "").Where(d => d.Length > 0).ToList();
        var escaped = details.Select(d => JsonSerializer.Deserialize<JsonElement>(d).GetRawText()).ToList();
        return _typedText.Keys
            .Where(text => details.Concat(escaped).Any(d => d.Contains(text, StringComparison.Ordinal)
                || d.Contains(JsonSerializer.Serialize(text).Trim('"'), StringComparison.Ordinal)))
            .ToList();
    }

    private void RememberTypedText(Activity activity)
    {
        Remember(activity.GetTextWithoutMentions());
        if (activity.Value is { } value)
        {
            Walk(value);
        }

        void Walk(JsonElement element)
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.String:
                    Remember(element.GetString());
                    break;
                case JsonValueKind.Object:
                    foreach (var property in element.EnumerateObject())
                    {
                        Walk(property.Value);
                    }

                    break;
                case JsonValueKind.Array:
                    foreach (var item in element.EnumerateArray())
                    {
                        Walk(item);
                    }

                    break;
            }
        }

        void Remember(string? text)
        {
            // Free text, not ids, verbs, dates or choices: several words and long enough to mean something.
            var trimmed = text?.Trim() ?? "";
            if (trimmed.Length >= 16 && trimmed.Count(c => c == ' ') >= 2)
            {
                _typedText.TryAdd(trimmed, 0);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        IReadOnlyList<string> unmatched = [];
        IReadOnlyList<string> logged = [];
        if (Client is not null)
        {
            unmatched = UnmatchedCardInputs();
            try
            {
                logged = await FreeTextInAuditLogAsync();
            }
            catch (Exception ex) when (ex is InvalidOperationException or System.Data.Common.DbException or ObjectDisposedException)
            {
                // The store is gone (a test that stopped it on purpose): nothing to check.
            }
        }

        if (CardSnapshots.Enabled)
        {
            foreach (var request in Connector.Requests.Where(r => r.Body.Contains("attachments", StringComparison.Ordinal)))
            {
                CardSnapshots.Record(request.Body);
            }
        }

        Client?.Dispose();
        await _factory.DisposeAsync();
        await Connector.DisposeAsync();
        await Issuer.DisposeAsync();
        if (_dataFolder is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(_dataFolder, recursive: true);
            }
            catch (IOException)
            {
                // A file still held by a closing connection; the temp folder is cleaned by the OS later.
            }
        }

        if (unmatched.Count > 0)
        {
            throw new InvalidOperationException("Card inputs that no action's data record receives: " + string.Join("; ", unmatched));
        }

        if (logged.Count > 0)
        {
            throw new InvalidOperationException("The audit log holds text people typed: " + string.Join(" | ", logged));
        }
    }

    private static Entity MentionOfBot() => new()
    {
        Type = "mention",
        Extra = new Dictionary<string, JsonElement>
        {
            ["text"] = BotJson.ToElement("<at>WorkshopBot</at>"),
            ["mentioned"] = BotJson.ToElement(Bot),
        },
    };

    private static string Slug(string text) => new(text.ToLowerInvariant().Where(char.IsLetterOrDigit).ToArray());

    private void Start()
    {
        _factory.StartServer();
        Client = _factory.CreateClient();
    }

    private WebApplicationFactory<Program> CreateFactory()
    {
        var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            foreach (var (key, value) in _settings)
            {
                builder.UseSetting(key, value);
            }

            builder.ConfigureTestServices(services =>
            {
                // MSAL refuses http authorities, so outbound tokens come from a fake provider; everything else is real.
                services.RemoveAll<IBotTokenProvider>();
                services.AddSingleton<IBotTokenProvider>(new FakeBotTokenProvider());
                if (_options.Time is { } time)
                {
                    services.RemoveAll<TimeProvider>();
                    services.AddSingleton(time);
                }

                _options.Services?.Invoke(services);
            });
        });
        factory.UseKestrel(0);
        return factory;
    }
}
