using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using WorkshopBot.Tests.Support;

namespace WorkshopBot.Tests.Operations;

/// <summary>
/// A local OTLP/HTTP collector on loopback: accepts POST /v1/traces, /v1/metrics and /v1/logs (protobuf or JSON),
/// answers 200 and keeps every body. Protobuf keeps strings as UTF-8 bytes, so span, metric and attribute names (and
/// anything that should not be there) can be found in the bodies without the OTLP schema.
/// </summary>
internal sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<(string Path, byte[] Body)> _received = new();

    private OtlpReceiver(WebApplication app) => _app = app;

    public string BaseUrl { get; private set; } = "";

    public static async Task<OtlpReceiver> StartAsync()
    {
        var builder = LoopbackServer.SlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var receiver = new OtlpReceiver(app);
        app.Run(receiver.HandleAsync);
        await app.StartAsync();
        receiver.BaseUrl = LoopbackServer.BaseUrl(app).TrimEnd('/');
        return receiver;
    }

    /// <summary>Every body received on a path (e.g. "/v1/traces"), as text (protobuf strings stay readable).</summary>
    public string Text(string path) => string.Join("\n", _received.Where(r => r.Path == path).Select(r => Encoding.UTF8.GetString(r.Body)));

    public string AllText => string.Join("\n", _received.Select(r => Encoding.UTF8.GetString(r.Body)));

    public int Count(string path) => _received.Count(r => r.Path == path);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body);
        _received.Enqueue((context.Request.Path.Value ?? "", body.ToArray()));
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = context.Request.ContentType ?? "application/x-protobuf";
    }
}
