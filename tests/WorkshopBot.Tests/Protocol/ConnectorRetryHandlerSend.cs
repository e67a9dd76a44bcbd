using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using WorkshopBot.Cards;
using WorkshopBot.Protocol.Connector;
using WorkshopBot.Tests.Support;

namespace WorkshopBot.Tests.Protocol;

public sealed class ConnectorRetryHandlerSend
{
    private readonly ManualTimeProvider _time = new() { AutoAdvance = true };

    [Fact]
    public async Task HonoursRetryAfterGivenAsDate()
    {
        var answers = new Queue<HttpResponseMessage>([
            WithRetryAfter(new RetryConditionHeaderValue(_time.GetUtcNow().AddSeconds(2))),
            new HttpResponseMessage(HttpStatusCode.OK),
        ]);

        var response = await Send(answers);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([TimeSpan.FromSeconds(2)], _time.RequestedDelays);
    }

    /// <summary>
    /// A Retry-After longer than a caller may wait (<see cref="BotConnectorOptions.MaxRateLimitWait"/>) on a request to no
    /// conversation (a read such as a team's channel list during a turn) is not waited for inline: the 429 is returned at
    /// once, so no turn holds Teams' request open for it.
    /// </summary>
    [Fact]
    public async Task ARetryAfterLongerThanTheMaximumWaitIsNotWaitedForInline()
    {
        var answers = new Queue<HttpResponseMessage>([
            WithRetryAfter(new RetryConditionHeaderValue(TimeSpan.FromSeconds(30))),
            new HttpResponseMessage(HttpStatusCode.OK),
        ]);

        var response = await Send(answers);

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Empty(_time.RequestedDelays);
        Assert.Single(answers);
    }

    [Fact]
    public async Task RetriesAtOnceWhenRetryAfterDateHasPassed()
    {
        var answers = new Queue<HttpResponseMessage>([
            WithRetryAfter(new RetryConditionHeaderValue(_time.GetUtcNow().AddSeconds(-5))),
            new HttpResponseMessage(HttpStatusCode.OK),
        ]);

        var response = await Send(answers);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(_time.RequestedDelays);
    }

    [Fact]
    public async Task CapsExponentialBackoff()
    {
        var answers = new Queue<HttpResponseMessage>(Enumerable.Range(0, 10)
            .Select(_ => new HttpResponseMessage(HttpStatusCode.BadGateway)));

        var response = await Send(answers, maxAttempts: 10, jitter: 0.999999);

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal(9, _time.RequestedDelays.Count);
        Assert.All(_time.RequestedDelays, d => Assert.True(d <= TimeSpan.FromSeconds(30)));
        Assert.True(_time.RequestedDelays[^1] > TimeSpan.FromSeconds(29));
    }

    [Fact]
    public async Task RethrowsNetworkErrorAfterLastAttempt()
    {
        var handler = Handler(maxAttempts: 2, jitter: 0.5, new ThrowingHandler());
        using var invoker = new HttpMessageInvoker(handler);

        await Assert.ThrowsAsync<HttpRequestException>(() =>
            invoker.SendAsync(new HttpRequestMessage(HttpMethod.Get, "https://smba.trafficmanager.net/x"), CancellationToken.None));

        Assert.Equal([TimeSpan.FromMilliseconds(250)], _time.RequestedDelays);
    }

    private static HttpResponseMessage WithRetryAfter(RetryConditionHeaderValue value)
    {
        var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        response.Headers.RetryAfter = value;
        return response;
    }

    private async Task<HttpResponseMessage> Send(Queue<HttpResponseMessage> answers, int maxAttempts = 4, double jitter = 0.5)
    {
        using var invoker = new HttpMessageInvoker(Handler(maxAttempts, jitter, new QueueHandler(answers)));
        return await invoker.SendAsync(new HttpRequestMessage(HttpMethod.Get, "https://smba.trafficmanager.net/x"), CancellationToken.None);
    }

    private ConnectorRetryHandler Handler(int maxAttempts, double jitter, HttpMessageHandler inner) =>
        new(Options.Create(new BotConnectorOptions { MaxAttempts = maxAttempts }), new FixedJitterSource(jitter), _time,
            new ConversationRateLimiter(_time, TimeSpan.Zero), NullLogger<ConnectorRetryHandler>.Instance)
        {
            InnerHandler = inner,
        };

    /// <summary>
    /// A 429 with Retry-After on a send to a conversation is remembered for that conversation: a later send there, from
    /// another request (another turn, the outbox), waits for it too instead of calling Teams again at once.
    /// </summary>
    [Fact]
    public async Task RetryAfterOnAConversationHoldsBackTheNextRequestThere()
    {
        var limiter = new ConversationRateLimiter(_time, TimeSpan.Zero);
        var options = Options.Create(new BotConnectorOptions { MaxAttempts = 1, MaxRateLimitWait = TimeSpan.FromSeconds(5) });
        var answers = new Queue<HttpResponseMessage>([
            WithRetryAfter(new RetryConditionHeaderValue(TimeSpan.FromSeconds(2))),
            new HttpResponseMessage(HttpStatusCode.OK),
        ]);
        using var invoker = new HttpMessageInvoker(new ConnectorRetryHandler(options, new FixedJitterSource(0.5), _time, limiter,
            NullLogger<ConnectorRetryHandler>.Instance)
        {
            InnerHandler = new ConversationRateLimitHandler(limiter, options) { InnerHandler = new QueueHandler(answers) },
        });

        var start = _time.GetUtcNow();
        using var first = await invoker.SendAsync(ToConversation("a:1"), CancellationToken.None);
        var deferredUntil = limiter.FreeAt("a:1");
        using var second = await invoker.SendAsync(ToConversation("a:1"), CancellationToken.None);

        Assert.Equal(HttpStatusCode.TooManyRequests, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(start + TimeSpan.FromSeconds(2), deferredUntil);
        Assert.Equal([TimeSpan.FromSeconds(2)], _time.RequestedDelays);
        Assert.Equal(_time.GetUtcNow(), limiter.FreeAt("a:2"));
    }

    /// <summary>A conversation held back for longer than a caller may wait fails at once, saying when to come back.</summary>
    [Fact]
    public async Task ARememberedRetryAfterLongerThanTheMaximumWaitFailsAtOnceWithItsTime()
    {
        var limiter = new ConversationRateLimiter(_time, TimeSpan.Zero);
        var options = Options.Create(new BotConnectorOptions { MaxRateLimitWait = TimeSpan.FromSeconds(3) });
        limiter.Defer("a:1", _time.GetUtcNow().AddSeconds(30));
        var answers = new Queue<HttpResponseMessage>([new HttpResponseMessage(HttpStatusCode.OK)]);
        using var invoker = new HttpMessageInvoker(
            new ConversationRateLimitHandler(limiter, options) { InnerHandler = new QueueHandler(answers) });

        var refused = await Assert.ThrowsAsync<RateLimitedException>(() =>
            invoker.SendAsync(ToConversation("a:1"), CancellationToken.None));

        Assert.Equal(_time.GetUtcNow().AddSeconds(30), refused.RetryAt);
        Assert.Single(answers);
        Assert.Empty(_time.RequestedDelays);
    }

    /// <summary>
    /// Within a send's deadline (the outbox's, a margin before its lease ends) no retry starts unless it can end by the
    /// deadline, bounded by AttemptTimeout: the last answer is returned instead. Read on the clock: no timer is added.
    /// </summary>
    [Fact]
    public async Task WithinASendDeadlineNoRetryStartsThatCouldNotEndByIt()
    {
        var options = Options.Create(new BotConnectorOptions
        {
            MaxAttempts = 4, RetryBaseDelay = TimeSpan.FromSeconds(10), RetryMaxDelay = TimeSpan.FromSeconds(30),
            AttemptTimeout = TimeSpan.FromSeconds(30),
        });
        var deadline = new SendDeadline(_time, options);
        var answers = new Queue<HttpResponseMessage>([
            new HttpResponseMessage(HttpStatusCode.ServiceUnavailable),
            new HttpResponseMessage(HttpStatusCode.ServiceUnavailable),
            new HttpResponseMessage(HttpStatusCode.ServiceUnavailable),
            new HttpResponseMessage(HttpStatusCode.OK),
        ]);
        using var invoker = new HttpMessageInvoker(new ConnectorRetryHandler(options, new FixedJitterSource(1), _time,
            new ConversationRateLimiter(_time, TimeSpan.Zero), NullLogger<ConnectorRetryHandler>.Instance, deadline)
        {
            InnerHandler = new QueueHandler(answers),
        });

        HttpResponseMessage response;
        using (deadline.Begin(_time.GetUtcNow() + TimeSpan.FromSeconds(70)))
        {
            response = await invoker.SendAsync(ToConversation("a:1"), CancellationToken.None);
        }

        // Attempts at 0 s and 10 s could end by 70 s; the one at 30 s + 30 s pause could not.
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal([TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(20)], _time.RequestedDelays);
        Assert.Single(answers);
        Assert.Null(deadline.Current);
        response.Dispose();
    }

    /// <summary>When not even a first attempt could end by the send's deadline, nothing is sent, and the caller is told.</summary>
    [Fact]
    public async Task WithinASendDeadlineWithNoRoomForAnAttemptNothingIsSent()
    {
        var options = Options.Create(new BotConnectorOptions { AttemptTimeout = TimeSpan.FromSeconds(30) });
        var deadline = new SendDeadline(_time, options);
        var answers = new Queue<HttpResponseMessage>([new HttpResponseMessage(HttpStatusCode.OK)]);
        using var invoker = new HttpMessageInvoker(new ConnectorRetryHandler(options, new FixedJitterSource(0.5), _time,
            new ConversationRateLimiter(_time, TimeSpan.Zero), NullLogger<ConnectorRetryHandler>.Instance, deadline)
        {
            InnerHandler = new QueueHandler(answers),
        });
        var until = _time.GetUtcNow() + TimeSpan.FromSeconds(29);

        using var scope = deadline.Begin(until);
        var refused = await Assert.ThrowsAsync<SendDeadlineReachedException>(() =>
            invoker.SendAsync(ToConversation("a:1"), CancellationToken.None));

        Assert.Equal((until, false), (refused.Deadline, refused.WasCutOff));
        Assert.Single(answers);
    }

    /// <summary>
    /// Within a send's deadline a conversation's rate-limit wait is cut short so that the attempt after it can still end by
    /// the deadline: past that, nothing is sent and the caller is told when the conversation is free (no attempt spent).
    /// </summary>
    [Fact]
    public async Task WithinASendDeadlineARateLimitWaitThatLeavesNoTimeForTheAttemptIsNotWaited()
    {
        var limiter = new ConversationRateLimiter(_time, TimeSpan.Zero);
        var options = Options.Create(new BotConnectorOptions
        {
            MaxRateLimitWait = TimeSpan.FromSeconds(10), AttemptTimeout = TimeSpan.FromSeconds(30),
        });
        var deadline = new SendDeadline(_time, options);
        limiter.Defer("a:1", _time.GetUtcNow().AddSeconds(5));
        var answers = new Queue<HttpResponseMessage>([new HttpResponseMessage(HttpStatusCode.OK)]);
        using var invoker = new HttpMessageInvoker(
            new ConversationRateLimitHandler(limiter, options, deadline) { InnerHandler = new QueueHandler(answers) });

        using (deadline.Begin(_time.GetUtcNow() + TimeSpan.FromSeconds(33)))
        {
            var refused = await Assert.ThrowsAsync<RateLimitedException>(() =>
                invoker.SendAsync(ToConversation("a:1"), CancellationToken.None));
            Assert.Equal(_time.GetUtcNow().AddSeconds(5), refused.RetryAt);
        }

        // Without a deadline the same wait fits in MaxRateLimitWait and the request goes.
        using var sent = await invoker.SendAsync(ToConversation("a:1"), CancellationToken.None);
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        Assert.Equal([TimeSpan.FromSeconds(5)], _time.RequestedDelays);
    }

    private static HttpRequestMessage ToConversation(string conversationId)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "https://smba.trafficmanager.net/v3/conversations/x/activities");
        request.Options.Set(ConnectorRequest.RateLimitedConversation, conversationId);
        return request;
    }

    private sealed class QueueHandler(Queue<HttpResponseMessage> answers) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(answers.Dequeue());
    }

    private sealed class ThrowingHandler : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            throw new HttpRequestException("connection refused");
    }
}
