using System.Net;
using Microsoft.Extensions.Options;
using WorkshopBot.Protocol.Connector;
using WorkshopBot.Tests.Support;

namespace WorkshopBot.Tests.Protocol;

/// <summary>
/// A conversation's next request waits for Teams' answer to the one before, so that its slot is reckoned from a time no
/// earlier than the one Teams counted (on a loaded machine a request can spend longer on its way than the safety margin).
/// </summary>
public sealed class ConversationTurnsOneAtATime
{
    private readonly ManualTimeProvider _time = new();

    [Fact]
    public async Task TheNextRequestToAConversationWaitsForTheAnswerToTheOneBefore()
    {
        var turns = new ConversationTurns(_time);
        var inner = new HeldHandler();
        using var invoker = Invoker(turns, inner, TimeSpan.FromSeconds(3));

        var first = invoker.SendAsync(ToConversation("a:1"), CancellationToken.None);
        await inner.Arrived("a:1", 1);
        var second = invoker.SendAsync(ToConversation("a:1"), CancellationToken.None);
        var other = invoker.SendAsync(ToConversation("a:2"), CancellationToken.None);
        await inner.Arrived("a:2", 1);

        Assert.Equal(1, inner.Count("a:1"));
        Assert.False(second.IsCompleted);

        inner.Release("a:1");
        (await first).Dispose();
        await inner.Arrived("a:1", 2);
        inner.Release("a:1");
        inner.Release("a:2");
        (await second).Dispose();
        (await other).Dispose();

        Assert.Equal(0, turns.Held);
    }

    [Fact]
    public async Task AWaitLongerThanTheMostAllowedSendsNothingAndSaysWhenToComeBack()
    {
        var turns = new ConversationTurns(_time);
        var inner = new HeldHandler();
        using var invoker = Invoker(turns, inner, TimeSpan.FromSeconds(3));

        var first = invoker.SendAsync(ToConversation("a:1"), CancellationToken.None);
        await inner.Arrived("a:1", 1);
        var second = invoker.SendAsync(ToConversation("a:1"), CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(3));

        var refused = await Assert.ThrowsAsync<RateLimitedException>(() => second);
        Assert.True(refused.RetryAt > _time.GetUtcNow());
        Assert.Equal(1, inner.Count("a:1"));

        inner.Release("a:1");
        (await first).Dispose();
        Assert.Equal(0, turns.Held);
    }

    private HttpMessageInvoker Invoker(ConversationTurns turns, HttpMessageHandler inner, TimeSpan maxWait)
    {
        var options = Options.Create(new BotConnectorOptions { MaxRateLimitWait = maxWait });
        return new HttpMessageInvoker(new ConversationRateLimitHandler(new ConversationRateLimiter(_time, TimeSpan.Zero), turns,
            options, _time) { InnerHandler = inner });
    }

    private static HttpRequestMessage ToConversation(string conversationId)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "https://smba.trafficmanager.net/v3/conversations/x/activities");
        request.Options.Set(ConnectorRequest.RateLimitedConversation, conversationId);
        return request;
    }

    /// <summary>Answers each conversation's requests only when the test releases them, and counts their arrivals.</summary>
    private sealed class HeldHandler : HttpMessageHandler
    {
        private readonly Lock _gate = new();
        private readonly Dictionary<string, int> _arrived = new(StringComparer.Ordinal);
        private readonly Dictionary<string, SemaphoreSlim> _answers = new(StringComparer.Ordinal);

        public int Count(string conversationId)
        {
            lock (_gate)
            {
                return _arrived.GetValueOrDefault(conversationId);
            }
        }

        public async Task Arrived(string conversationId, int count)
        {
            using var waited = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            while (Count(conversationId) < count)
            {
                await Task.Delay(5, waited.Token);
            }
        }

        public void Release(string conversationId) => Answers(conversationId).Release();

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Options.TryGetValue(ConnectorRequest.RateLimitedConversation, out var conversationId);
            lock (_gate)
            {
                _arrived[conversationId!] = _arrived.GetValueOrDefault(conversationId!) + 1;
            }

            await Answers(conversationId!).WaitAsync(cancellationToken);
            return new HttpResponseMessage(HttpStatusCode.OK);
        }

        private SemaphoreSlim Answers(string conversationId)
        {
            lock (_gate)
            {
                if (!_answers.TryGetValue(conversationId, out var answers))
                {
                    answers = new SemaphoreSlim(0);
                    _answers[conversationId] = answers;
                }

                return answers;
            }
        }
    }
}
