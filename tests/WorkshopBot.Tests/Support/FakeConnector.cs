using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using WorkshopBot.Protocol.Auth;
using WorkshopBot.Protocol.Schema;

namespace WorkshopBot.Tests.Support;

/// <summary>One request the fake connector received.</summary>
public sealed record RecordedRequest(
    string Method,
    string RawTarget,
    string Path,
    IReadOnlyDictionary<string, string> Headers,
    string Body,
    DateTimeOffset ReceivedAt,
    int StatusCode)
{
    public string? Authorization => Headers.TryGetValue("Authorization", out var value) ? value : null;

    /// <summary>When the request came by <see cref="FakeConnector.LimitClock"/> (the test's clock when the bot runs on one).</summary>
    public DateTimeOffset ClockAt { get; init; }
}

/// <summary>
/// A failure to inject: answer <see cref="StatusCode"/> (with an error code and Retry-After) <see cref="Times"/> times;
/// with <see cref="Hang"/>, first stall that long (or until the client gives up).
/// </summary>
/// <param name="Method">Only requests of this HTTP method fail (any when null).</param>
public sealed record InjectedFailure(int StatusCode, string? ErrorCode = null, TimeSpan? RetryAfter = null, int Times = 1,
    TimeSpan? Hang = null, string? Method = null);

/// <summary>
/// A recording Bot Connector on a real loopback Kestrel server. Answers sends/replies (201 {id}), updates (200 {id}),
/// deletes (200), create conversation ({id, activityId}), paged members (from <see cref="Roster"/>, or a conversation's
/// own in <see cref="Rosters"/>, with continuation tokens), single members and team channels (<see cref="TeamChannels"/>).
/// Enforces Teams' per-conversation limits on sends/updates (429 with Retry-After when exceeded) and can inject failures
/// for paths containing a given text.
/// </summary>
public sealed class FakeConnector : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly Lock _gate = new();
    private readonly List<(string PathContains, InjectedFailure Failure, int Remaining)> _failures = [];
    private readonly Dictionary<string, List<DateTimeOffset>> _writes = new(StringComparer.Ordinal);
    private int _nextId;

    private FakeConnector(WebApplication app)
    {
        _app = app;
    }

    /// <summary>http://127.0.0.1:{port}/ (use as the serviceUrl).</summary>
    public string BaseUrl { get; private set; } = "";

    /// <summary>The same server as http://localhost:{port}/ (a different host name for allow-list tests).</summary>
    public string LocalhostBaseUrl => BaseUrl.Replace("127.0.0.1", "localhost", StringComparison.Ordinal);

    /// <summary>Per-conversation write limits enforced on POST/PUT to activities. Empty disables enforcement.</summary>
    public IReadOnlyList<(int Limit, TimeSpan Window)> WriteLimits { get; set; } =
    [
        (7, TimeSpan.FromSeconds(1)),
        (8, TimeSpan.FromSeconds(2)),
        (60, TimeSpan.FromSeconds(30)),
    ];

    /// <summary>
    /// The clock the write limits count on: real time, or the test's clock when the bot runs on one (the bot's own limiter
    /// counts on the bot's clock; a fake Teams counting on another would throttle what the bot rightly sent).
    /// </summary>
    public TimeProvider LimitClock { get; set; } = TimeProvider.System;

    public List<TeamsChannelAccount> Roster { get; } = [];

    /// <summary>
    /// The members of one conversation, by its id: a 1:1 chat lists only its person while the team's channel lists
    /// everyone. A conversation not named here lists <see cref="Roster"/>.
    /// </summary>
    public Dictionary<string, List<TeamsChannelAccount>> Rosters { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, List<ChannelInfo>> TeamChannels { get; } = new(StringComparer.Ordinal);

    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    public int ThrottledCount => _requests.Count(r => r.StatusCode == 429);

    /// <summary>
    /// Run for each request before anything else, as if it were still on its way: Teams counts it (in the write limits) and
    /// answers it only after.
    /// </summary>
    public Func<Task>? Arriving { get; set; }

    /// <summary>Run for each request once it is recorded, before it is answered: the bot waits for its answer meanwhile.</summary>
    public Func<RecordedRequest, Task>? Answering { get; set; }

    public static async Task<FakeConnector> StartAsync()
    {
        var builder = LoopbackServer.SlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var connector = new FakeConnector(app);
        app.Run(connector.HandleAsync);
        await app.StartAsync();
        connector.BaseUrl = LoopbackServer.BaseUrl(app);
        return connector;
    }

    /// <summary>Answers requests whose raw path contains <paramref name="pathContains"/> with the failure, as often as it says.</summary>
    public void Inject(string pathContains, InjectedFailure failure)
    {
        lock (_gate)
        {
            _failures.Add((pathContains, failure, failure.Times));
        }
    }

    /// <summary>Forgets the injected failures not yet used up (an outage of Teams is over).</summary>
    public void ClearInjected()
    {
        lock (_gate)
        {
            _failures.Clear();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        if (Arriving is { } arriving)
        {
            await arriving();
        }

        var request = context.Request;
        var rawTarget = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? request.Path.Value ?? "";
        using var reader = new StreamReader(request.Body);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        var headers = request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var receivedAt = DateTimeOffset.UtcNow;
        var clockAt = LimitClock.GetUtcNow();

        var rawPath = rawTarget.Split('?')[0];
        var segments = rawPath.Trim('/').Split('/').Select(Uri.UnescapeDataString).ToArray();
        var (status, json, retryAfter, hang) = Answer(request.Method, rawPath, segments, request.Query, clockAt, body);
        if (hang is { } stall)
        {
            try
            {
                await Task.Delay(stall, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                // The client timed out: record it as a request that got no answer.
                _requests.Enqueue(new RecordedRequest(request.Method, rawTarget, request.Path.Value ?? "", headers, body, receivedAt, 0)
                    { ClockAt = clockAt });
                return;
            }
        }

        var recorded = new RecordedRequest(request.Method, rawTarget, request.Path.Value ?? "", headers, body, receivedAt, status)
        {
            ClockAt = clockAt,
        };
        _requests.Enqueue(recorded);
        if (Answering is { } answering)
        {
            await answering(recorded);
        }

        context.Response.StatusCode = status;
        if (retryAfter is { } wait)
        {
            context.Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }

        if (json is not null)
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(JsonSerializer.Serialize(json, BotJson.Options), context.RequestAborted);
        }
    }

    private (int Status, object? Json, TimeSpan? RetryAfter, TimeSpan? Hang) Answer(string method, string rawPath, string[] segments,
        IQueryCollection query, DateTimeOffset now, string body)
    {
        if (TakeFailure(rawPath, method) is { } failure)
        {
            var error = failure.ErrorCode is null
                ? null
                : new { error = new { code = failure.ErrorCode, message = "Injected by the fake connector." } };
            return (failure.StatusCode, error, failure.RetryAfter, failure.Hang);
        }

        // v3/conversations/{id}/activities[/{activityId}]
        if (segments is ["v3", "conversations", var conversationId, "activities", ..] && method is "POST" or "PUT")
        {
            if (!TryRecordWrite(conversationId, now))
            {
                return (429, new { error = new { code = "TooManyRequests", message = "Conversation rate limit exceeded." } },
                    TimeSpan.FromSeconds(1), null);
            }
        }

        var (status, json, retryAfter) = (method, segments) switch
        {
            ("POST", ["v3", "conversations"]) => (200, CreateConversation(body), null),
            ("POST", ["v3", "conversations", _, "activities"]) => (201, new { id = "fake-message-" + Next() }, null),
            ("POST", ["v3", "conversations", _, "activities", _]) => (201, new { id = "fake-message-" + Next() }, null),
            ("PUT", ["v3", "conversations", _, "activities", var activityId]) => (200, new { id = activityId }, null),
            ("DELETE", ["v3", "conversations", _, "activities", _]) => (200, null, null),
            ("GET", ["v3", "conversations", var listed, "pagedmembers"]) => (200, Page(RosterOf(listed), query), null),
            ("GET", ["v3", "conversations", var asked, "members", var userId]) => Member(RosterOf(asked), userId),
            ("GET", ["v3", "teams", var teamId, "conversations"]) => TeamChannels.TryGetValue(teamId, out var channels)
                ? (200, new ConversationList { Conversations = channels }, null)
                : (404, new { error = new { code = "NotFound", message = "Unknown team." } }, null),
            _ => (404, new { error = new { code = "BadSyntax", message = "Unknown route." } }, (TimeSpan?)null),
        };
        return (status, json, retryAfter, null);
    }

    /// <summary>
    /// Like Teams: a 1:1 conversation with the same user always has the same id; a new channel thread's id is the
    /// channel id with <c>;messageid=</c> and the id of its first message.
    /// </summary>
    private static object CreateConversation(string body, Func<int> next)
    {
        var parameters = JsonSerializer.Deserialize<ConversationParameters>(body, BotJson.Options);
        var activityId = "fake-activity-" + next();
        if (parameters is { IsGroup: false, Members: [var member, ..] })
        {
            return new { id = "a:personal-" + member.Id, activityId };
        }

        var channelId = parameters?.ChannelData is { ValueKind: JsonValueKind.Object } data
            && data.TryGetProperty("channel", out var channel)
            && channel.TryGetProperty("id", out var id)
                ? id.GetString()
                : null;
        return channelId is null
            ? new { id = "a:fake-conversation-" + next(), activityId }
            : new { id = channelId + ";messageid=" + activityId, activityId };
    }

    private object CreateConversation(string body) => CreateConversation(body, Next);

    private List<TeamsChannelAccount> RosterOf(string conversationId) =>
        Rosters.TryGetValue(conversationId, out var own) ? own : Roster;

    private static (int, object?, TimeSpan?) Member(List<TeamsChannelAccount> roster, string userId)
    {
        var member = roster.FirstOrDefault(m => m.Id == userId);
        return member is null
            ? (404, new { error = new { code = "MemberNotFoundInConversation", message = "Unknown member." } }, null)
            : (200, member, null);
    }

    private static PagedMembersResult Page(List<TeamsChannelAccount> roster, IQueryCollection query)
    {
        var size = int.TryParse(query["pageSize"], CultureInfo.InvariantCulture, out var requested) && requested > 0 ? requested : 200;
        var start = int.TryParse(query["continuationToken"], CultureInfo.InvariantCulture, out var token) ? token : 0;
        var members = roster.Skip(start).Take(size).ToList();
        var next = start + members.Count;
        return new PagedMembersResult
        {
            Members = members,
            ContinuationToken = next < roster.Count ? next.ToString(CultureInfo.InvariantCulture) : null,
        };
    }

    private InjectedFailure? TakeFailure(string rawPath, string method)
    {
        lock (_gate)
        {
            for (var i = 0; i < _failures.Count; i++)
            {
                var (pathContains, failure, remaining) = _failures[i];
                if (rawPath.Contains(pathContains, StringComparison.Ordinal)
                    && (failure.Method is null || string.Equals(failure.Method, method, StringComparison.OrdinalIgnoreCase)))
                {
                    if (remaining <= 1)
                    {
                        _failures.RemoveAt(i);
                    }
                    else
                    {
                        _failures[i] = (pathContains, failure, remaining - 1);
                    }

                    return failure;
                }
            }
        }

        return null;
    }

    private bool TryRecordWrite(string conversationId, DateTimeOffset now)
    {
        lock (_gate)
        {
            if (!_writes.TryGetValue(conversationId, out var writes))
            {
                writes = [];
                _writes[conversationId] = writes;
            }

            foreach (var (limit, window) in WriteLimits)
            {
                if (writes.Count(t => t > now - window) >= limit)
                {
                    return false;
                }
            }

            writes.Add(now);
            return true;
        }
    }

    private int Next() => Interlocked.Increment(ref _nextId);
}
