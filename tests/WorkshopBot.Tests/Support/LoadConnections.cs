using System.Buffers;
using System.Buffers.Text;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using WorkshopBot.Protocol.Schema;

namespace WorkshopBot.Tests.Support;

/// <summary>
/// The load client's transport for the measured steps: a fixed number of keep-alive HTTP/1.1 connections over plain
/// sockets, each sending one request at a time from a shared queue (as HttpClient does with MaxConnectionsPerServer), the
/// activity serialised by the connection that sends it, head and body in one send, the answer read into a buffer the
/// connection keeps. The client shares the machine's two cores with the bot, and HttpClient (with a task per request)
/// cost it 0.06-0.12 ms of CPU a request. Requests queue in order; the queue never refuses one (open loop).
/// </summary>
internal sealed class LoadConnections : IAsyncDisposable
{
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(150);

    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleWriter = true });
    private readonly IPEndPoint _endpoint;
    private readonly string _hostHeader;
    private readonly JsonSerializerOptions _json;
    private readonly Func<string> _token;
    private readonly Task[] _loops;

    public LoadConnections(Uri baseUrl, int connections, JsonSerializerOptions json, Func<string> token)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        _endpoint = new IPEndPoint(IPAddress.Parse(baseUrl.Host), baseUrl.Port);
        _hostHeader = baseUrl.Authority;
        _json = json;
        _token = token;
        _loops = Enumerable.Range(0, connections).Select(_ => Task.Run(RunAsync)).ToArray();
    }

    /// <summary>
    /// Queues <paramref name="activity"/> for POST /<paramref name="path"/>; <paramref name="done"/> gets whether the
    /// answer was a 2xx, on the thread of the connection that read it.
    /// </summary>
    public void Post(Activity activity, string path, Action<bool> done)
    {
        if (!_queue.Writer.TryWrite(new Pending(activity, path, done)))
        {
            throw new InvalidOperationException("The load connections are closed.");
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await Task.WhenAll(_loops).ConfigureAwait(false);
    }

    private async Task RunAsync()
    {
        var body = new ArrayBufferWriter<byte>(4096);
        await using var writer = new Utf8JsonWriter(body);
        Connection? connection = null;
        try
        {
            while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
            {
                while (_queue.Reader.TryRead(out var pending))
                {
                    var ok = false;
                    try
                    {
                        body.ResetWrittenCount();
                        writer.Reset(body);
                        JsonSerializer.Serialize(writer, pending.Activity, _json);
                        writer.Flush();
                        var head = Head(pending.Path, body.WrittenCount);
                        (ok, connection) = await ExchangeAsync(connection, head, body).ConfigureAwait(false);
                    }
                    catch (Exception e) when (e is JsonException or NotSupportedException)
                    {
                        // An activity that cannot be written fails alone; the connection stays.
                    }
                    catch (Exception e) when (e is SocketException or IOException or OperationCanceledException or InvalidDataException)
                    {
                        // A broken or timed-out connection (closed by ExchangeAsync) fails its request; the next opens anew.
                        connection = null;
                    }
                    finally
                    {
                        pending.Done(ok);
                    }
                }
            }
        }
        finally
        {
            connection?.Dispose();
        }
    }

    /// <summary>
    /// Sends the request on <paramref name="connection"/> (or a new one) and reads its answer; answers the outcome and the
    /// connection to keep, if any. A kept connection idle for a second or more is first checked for having been closed by
    /// the server (its keep-alive time out), and replaced if so: a request is never sent twice. A connection that fails
    /// is closed here.
    /// </summary>
    private async Task<(bool Ok, Connection? Kept)> ExchangeAsync(Connection? connection, string head, ArrayBufferWriter<byte> body)
    {
        if (connection is { ClosedWhileIdle: true })
        {
            connection.Dispose();
            connection = null;
        }

        connection ??= await Connection.OpenAsync(_endpoint).ConfigureAwait(false);
        try
        {
            var ok = await connection.SendAsync(head, body.WrittenSpan).ConfigureAwait(false);
            if (connection.KeepAlive)
            {
                return (ok, connection);
            }

            connection.Dispose();
            return (ok, null);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private string Head(string path, int length) =>
        $"POST /{path} HTTP/1.1\r\nHost: {_hostHeader}\r\nAuthorization: Bearer {_token()}\r\n"
        + $"Content-Type: application/json; charset=utf-8\r\nContent-Length: {length}\r\n\r\n";

    private readonly record struct Pending(Activity Activity, string Path, Action<bool> Done);

    /// <summary>One keep-alive connection and the bytes it has read ahead.</summary>
    private sealed class Connection : IDisposable
    {
        private readonly Socket _socket;
        private readonly CancellationTokenSource _timeout = new();
        private byte[] _in = new byte[32 * 1024];
        private byte[] _out = new byte[8 * 1024];
        private int _start;
        private int _end;
        private long _lastAnswer = Environment.TickCount64;

        private Connection(Socket socket) => _socket = socket;

        /// <summary>False once the server said it closes the connection after its answer.</summary>
        public bool KeepAlive { get; private set; } = true;

        /// <summary>
        /// Whether the server closed the connection since its last answer, asked only after a second idle: readable with
        /// nothing to read is the end of the stream.
        /// </summary>
        public bool ClosedWhileIdle =>
            Environment.TickCount64 - _lastAnswer >= 1000 && _socket.Poll(0, SelectMode.SelectRead) && _socket.Available == 0;

        public static async Task<Connection> OpenAsync(IPEndPoint endpoint)
        {
            var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(endpoint).ConfigureAwait(false);
                return new Connection(socket);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        /// <summary>Sends one request and reads its whole answer; true for a 2xx status.</summary>
        public Task<bool> SendAsync(string head, ReadOnlySpan<byte> body)
        {
            var length = Encoding.ASCII.GetByteCount(head) + body.Length;
            if (_out.Length < length)
            {
                _out = new byte[Math.Max(length, _out.Length * 2)];
            }

            var written = Encoding.ASCII.GetBytes(head, _out);
            body.CopyTo(_out.AsSpan(written));
            return ExchangeAsync(length);
        }

        private async Task<bool> ExchangeAsync(int length)
        {
            // A connection whose request timed out is closed (LoadConnections.ExchangeAsync), so the source is never
            // found cancelled here: resetting stops the last request's timer before this one's starts.
            _timeout.TryReset();
            _timeout.CancelAfter(RequestTimeout);
            var token = _timeout.Token;
            for (var sent = 0; sent < length;)
            {
                sent += await _socket.SendAsync(_out.AsMemory(sent, length - sent), SocketFlags.None, token).ConfigureAwait(false);
            }

            var headEnd = await ReadHeadAsync(token).ConfigureAwait(false);
            var (status, contentLength, chunked, keepAlive) = ParseHead(_in.AsSpan(_start, headEnd - _start));
            KeepAlive = keepAlive;
            _start = headEnd;
            if (chunked)
            {
                await SkipChunksAsync(token).ConfigureAwait(false);
            }
            else
            {
                await SkipAsync(contentLength, token).ConfigureAwait(false);
            }

            _lastAnswer = Environment.TickCount64;
            return status is >= 200 and < 300;
        }

        /// <summary>Reads until the head's blank line; answers the index just past it.</summary>
        private async Task<int> ReadHeadAsync(CancellationToken token)
        {
            while (true)
            {
                var found = _in.AsSpan(_start, _end - _start).IndexOf("\r\n\r\n"u8);
                if (found >= 0)
                {
                    return _start + found + 4;
                }

                await FillAsync(token).ConfigureAwait(false);
            }
        }

        private static (int Status, long ContentLength, bool Chunked, bool KeepAlive) ParseHead(ReadOnlySpan<byte> head)
        {
            // "HTTP/1.1 200 OK": the status is the three digits after the first space.
            var space = head.IndexOf((byte)' ');
            if (space < 0 || !Utf8Parser.TryParse(head.Slice(space + 1, Math.Min(3, head.Length - space - 1)), out int status, out _))
            {
                throw new InvalidDataException("The answer's status line could not be read.");
            }

            long contentLength = 0;
            var chunked = false;
            var keepAlive = true;
            foreach (var range in head.Split("\r\n"u8))
            {
                var line = head[range];
                var colon = line.IndexOf((byte)':');
                if (colon < 0)
                {
                    continue;
                }

                var name = line[..colon];
                var value = line[(colon + 1)..].Trim((byte)' ');
                if (Ascii.EqualsIgnoreCase(name, "Content-Length"u8))
                {
                    Utf8Parser.TryParse(value, out contentLength, out _);
                }
                else if (Ascii.EqualsIgnoreCase(name, "Transfer-Encoding"u8))
                {
                    chunked = value.IndexOf("chunked"u8) >= 0;
                }
                else if (Ascii.EqualsIgnoreCase(name, "Connection"u8))
                {
                    keepAlive = value.IndexOf("close"u8) < 0;
                }
            }

            return (status, contentLength, chunked, keepAlive);
        }

        private async Task SkipChunksAsync(CancellationToken token)
        {
            while (true)
            {
                var size = await ReadChunkSizeAsync(token).ConfigureAwait(false);
                // A chunk's data ends with CRLF, and so does the last (empty) chunk (no trailers from Kestrel).
                await SkipAsync(size + 2, token).ConfigureAwait(false);
                if (size == 0)
                {
                    return;
                }
            }
        }

        private async Task<long> ReadChunkSizeAsync(CancellationToken token)
        {
            while (true)
            {
                var line = _in.AsSpan(_start, _end - _start);
                var end = line.IndexOf("\r\n"u8);
                if (end >= 0)
                {
                    var digits = line[..end];
                    var extension = digits.IndexOf((byte)';');
                    if (!Utf8Parser.TryParse(extension < 0 ? digits : digits[..extension], out long size, out _, 'X'))
                    {
                        throw new InvalidDataException("A chunk's size could not be read.");
                    }

                    _start += end + 2;
                    return size;
                }

                await FillAsync(token).ConfigureAwait(false);
            }
        }

        private async Task SkipAsync(long count, CancellationToken token)
        {
            while (true)
            {
                var take = (int)Math.Min(count, _end - _start);
                _start += take;
                count -= take;
                if (count == 0)
                {
                    return;
                }

                await FillAsync(token).ConfigureAwait(false);
            }
        }

        /// <summary>Reads more bytes after those not yet consumed; an early end of the stream is an error.</summary>
        private async Task FillAsync(CancellationToken token)
        {
            if (_start == _end)
            {
                _start = _end = 0;
            }
            else if (_end == _in.Length)
            {
                var unread = _end - _start;
                var target = unread * 2 > _in.Length ? new byte[_in.Length * 2] : _in;
                Buffer.BlockCopy(_in, _start, target, 0, unread);
                (_in, _start, _end) = (target, 0, unread);
            }

            var read = await _socket.ReceiveAsync(_in.AsMemory(_end), SocketFlags.None, token).ConfigureAwait(false);
            if (read == 0)
            {
                throw new IOException("The server closed the connection in the middle of an answer.");
            }

            _end += read;
        }

        public void Dispose()
        {
            _timeout.Dispose();
            _socket.Dispose();
        }
    }
}
