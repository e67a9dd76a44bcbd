using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace WorkshopBot.Tests.Playground;

/// <summary>
/// One of the Playground's websockets, read in the background into a list a test can wait on.
/// <para>
/// <c>/_ws_conversation/v1/conversations/stream</c> pushes what the bot creates or updates through the mock connector:
/// <c>{"action":"createMessage"|"updateMessage"|"typing","actionConversationId":"...","message":{"messageId":"...",
/// "from":{"id":"&lt;bot id&gt;"},"text":...,"attachments":[{"contentType":"application/vnd.microsoft.card.adaptive",
/// "content":{card}}]}}</c>. Messages typed by the user are not pushed. While no client is connected the Playground
/// buffers pushes and hands them all to the first client that connects, so connect before anything is sent.
/// </para>
/// <para>
/// <c>/_ws/log/stream</c> carries every exchange with the bot: <c>{"logAction":"appendLog","log":{"activityName":
/// "invoke","conversationId":"...","request":{"body":{activity}},"response":{"statusCode":200,"body":{invoke
/// response as the bot sent it}}}}</c>.
/// </para>
/// </summary>
public sealed class PlaygroundStream : IAsyncDisposable
{
    private readonly ClientWebSocket _socket;
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _gate = new();
    private readonly List<JsonElement> _received = [];
    private readonly Task _reader;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Exception? _failure;

    private PlaygroundStream(string name, ClientWebSocket socket)
    {
        Name = name;
        _socket = socket;
        _reader = Task.Run(ReadAsync);
    }

    public string Name { get; }

    /// <summary>Everything received so far, as raw JSON, for failure messages.</summary>
    public string Transcript
    {
        get
        {
            lock (_gate)
            {
                return string.Join('\n', _received.Select(e => e.GetRawText()));
            }
        }
    }

    public static async Task<PlaygroundStream> ConnectAsync(Uri playground, string path, CancellationToken cancellationToken)
    {
        var socket = new ClientWebSocket();
        var url = new UriBuilder(playground) { Scheme = "ws", Path = path }.Uri;
        await socket.ConnectAsync(url, cancellationToken).ConfigureAwait(false);
        return new PlaygroundStream(path, socket);
    }

    /// <summary>Waits for a received message matching <paramref name="predicate"/>; messages already received count.</summary>
    public async Task<JsonElement> WaitForAsync(Func<JsonElement, bool> predicate, string description, TimeSpan timeout,
        CancellationToken cancellationToken)
    {
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                foreach (var message in _received)
                {
                    if (predicate(message))
                    {
                        return message;
                    }
                }

                if (_failure is not null)
                {
                    throw new InvalidOperationException($"The websocket {Name} failed before {description} arrived.", _failure);
                }

                changed = _changed.Task;
            }

            try
            {
                await changed.WaitAsync(timeoutSource.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new InvalidOperationException(
                    $"No {description} arrived on {Name} within {timeout.TotalSeconds:0} s (see its transcript).");
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _reader.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopped on purpose.
        }

        _socket.Dispose();
        _stop.Dispose();
    }

    private async Task ReadAsync()
    {
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var result = await _socket.ReceiveAsync(buffer, _stop.Token).ConfigureAwait(false);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    throw new WebSocketException($"The Playground closed {Name}: {result.CloseStatus} {result.CloseStatusDescription}");
                }

                message.Write(buffer, 0, result.Count);
                if (!result.EndOfMessage)
                {
                    continue;
                }

                var json = JsonDocument.Parse(Encoding.UTF8.GetString(message.GetBuffer(), 0, (int)message.Length)).RootElement.Clone();
                message.SetLength(0);
                Publish(json, failure: null);
            }
        }
        catch (Exception e) when (e is WebSocketException or JsonException)
        {
            Publish(null, e);
        }
    }

    private void Publish(JsonElement? message, Exception? failure)
    {
        TaskCompletionSource changed;
        lock (_gate)
        {
            if (message is { } received)
            {
                _received.Add(received);
            }

            _failure ??= failure;
            changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        changed.TrySetResult();
    }
}
