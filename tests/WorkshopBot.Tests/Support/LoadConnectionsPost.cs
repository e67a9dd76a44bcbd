using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using WorkshopBot.Protocol.Schema;

namespace WorkshopBot.Tests.Support;

/// <summary>
/// The votes benchmark's own HTTP/1.1 client (<see cref="LoadConnections"/>) against a real Kestrel: what it sends is a
/// request ASP.NET Core reads whole, and every kind of answer it may meet is read to its end and counted once, so the
/// benchmark's answered, failed and latency figures stand on it.
/// </summary>
public sealed class LoadConnectionsPost
{
    [Fact]
    public async Task EveryRequestArrivesWholeAndEveryKindOfAnswerIsReadToItsEnd()
    {
        var received = new ConcurrentQueue<(string Path, string? Auth, string? Type, string Id, string Text)>();
        var closes = 0;
        await using var server = await StartAsync(async context =>
        {
            using var body = await JsonDocument.ParseAsync(context.Request.Body);
            var id = body.RootElement.GetProperty("id").GetString()!;
            received.Enqueue((context.Request.Path, context.Request.Headers.Authorization, context.Request.ContentType, id,
                body.RootElement.GetProperty("text").GetString()!));
            switch (context.Request.Path.Value)
            {
                case "/sized":
                    // Larger than the connection's buffer, so it grows or skips; made of what an answer's head looks like, so
                    // a body not read to its end would be taken for the next answer.
                    var bytes = Lookalike(40_000);
                    context.Response.ContentLength = bytes.Length;
                    await context.Response.Body.WriteAsync(bytes);
                    break;
                case "/chunked":
                    for (var i = 0; i < 3; i++)
                    {
                        await context.Response.Body.WriteAsync(Lookalike(0xFAB)); // a size with letters in hex
                        await context.Response.Body.FlushAsync();
                    }

                    break;
                case "/fail":
                    context.Response.StatusCode = 500;
                    await context.Response.WriteAsync("no");
                    break;
                case "/close":
                    Interlocked.Increment(ref closes);
                    context.Response.Headers.Connection = "close";
                    await context.Response.WriteAsync("bye");
                    break;
                default:
                    context.Abort();
                    break;
            }
        });

        var token = "";
        await using var load = new LoadConnections(new Uri(server.BaseUrl), 2, BotJson.Options, () => token);
        var paths = new[] { "sized", "chunked", "fail", "close", "abort" };
        var outcomes = new ConcurrentDictionary<string, bool>();
        const int Requests = 60;
        // Half the requests, then (all answered) the other half with a new token: the one of the moment each is sent.
        foreach (var (from, to) in new[] { (0, Requests / 2), (Requests / 2, Requests) })
        {
            token = from == 0 ? "first" : "second";
            var half = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            for (var i = from; i < to; i++)
            {
                var id = $"a{i}";
                var activity = new Activity { Type = ActivityTypes.Message, Id = id, Text = new string('x', i * 100) };
                load.Post(activity, paths[i % paths.Length], ok =>
                {
                    outcomes[id] = ok;
                    if (outcomes.Count == to)
                    {
                        half.TrySetResult();
                    }
                });
            }

            await half.Task.WaitAsync(TimeSpan.FromSeconds(30));
        }

        // Each request once, whole (its text as sent), with the token of the moment and the content type of a Teams post.
        var byId = received.ToDictionary(r => r.Id);
        Assert.Equal(Requests, received.Count);
        for (var i = 0; i < Requests; i++)
        {
            var request = byId[$"a{i}"];
            Assert.Equal("/" + paths[i % paths.Length], request.Path);
            Assert.Equal(new string('x', i * 100), request.Text);
            Assert.Equal(i < Requests / 2 ? "Bearer first" : "Bearer second", request.Auth);
            Assert.Equal("application/json; charset=utf-8", request.Type);
            // 2xx answers, whether sized, chunked or closing, count as answered; a 500 and a reset connection as failed.
            Assert.Equal(i % paths.Length is 0 or 1 or 3, outcomes[$"a{i}"]);
        }

        Assert.Equal(Requests / paths.Length, closes);
    }

    [Fact]
    public async Task ARequestQueuedAfterTheServerStoppedFailsInsteadOfHanging()
    {
        var server = await StartAsync(context => context.Response.WriteAsync("ok"));
        await using var load = new LoadConnections(new Uri(server.BaseUrl), 1, BotJson.Options, () => "t");
        Assert.True(await PostAsync(load, "1"));

        await server.DisposeAsync();
        Assert.False(await PostAsync(load, "2"));
    }

    [Fact]
    public async Task AConnectionTheServerClosedWhileIdleIsReplacedAndTheRequestSentOnce()
    {
        var received = 0;
        using var closed = new SemaphoreSlim(0);
        await using var server = await StartAsync(context =>
        {
            Interlocked.Increment(ref received);
            return context.Response.WriteAsync("ok");
        }, keepAlive: TimeSpan.FromSeconds(1), closed: closed);
        await using var load = new LoadConnections(new Uri(server.BaseUrl), 1, BotJson.Options, () => "t");
        Assert.True(await PostAsync(load, "1"));

        // Kestrel closes a connection idle past its keep-alive time on its once-a-second heartbeat: waited for, not timed,
        // so a slow machine cannot have the server close it just as the second request goes out.
        // The socket itself is closed by the transport just after the connection's middleware returns: a moment is left.
        Assert.True(await closed.WaitAsync(TimeSpan.FromSeconds(60)), "Kestrel did not close the idle connection");
        await Task.Delay(TimeSpan.FromSeconds(1.2));
        Assert.True(await PostAsync(load, "2"));
        Assert.Equal(2, received);
    }

    private static Task<bool> PostAsync(LoadConnections load, string id)
    {
        var done = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        load.Post(new Activity { Type = ActivityTypes.Message, Id = id }, "any", done.SetResult);
        return done.Task.WaitAsync(TimeSpan.FromSeconds(30));
    }

    private static byte[] Lookalike(int length)
    {
        const string Answer = "HTTP/1.1 500 Oops\r\n\r\n0\r\n\r\n";
        return System.Text.Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat(Answer, length / Answer.Length + 1)))[..length];
    }

    private static async Task<Server> StartAsync(RequestDelegate handle, TimeSpan? keepAlive = null, SemaphoreSlim? closed = null)
    {
        var builder = LoopbackServer.SlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o =>
        {
            // Each connection the server ends is counted on closed, when given.
            o.Listen(IPAddress.Loopback, 0, listen => listen.Use(next => async connection =>
            {
                try
                {
                    await next(connection);
                }
                finally
                {
                    closed?.Release();
                }
            }));
            o.Limits.KeepAliveTimeout = keepAlive ?? o.Limits.KeepAliveTimeout;
        });
        var app = builder.Build();
        app.Run(handle);
        await app.StartAsync();
        return new Server(app, LoopbackServer.BaseUrl(app));
    }

    private sealed record Server(WebApplication App, string BaseUrl) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await App.StopAsync();
            await App.DisposeAsync();
        }
    }
}
