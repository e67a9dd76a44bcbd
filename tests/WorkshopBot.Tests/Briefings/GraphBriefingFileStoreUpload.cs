using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using WorkshopBot.Briefings;
using WorkshopBot.Briefings.Domain;
using WorkshopBot.Briefings.Storage;
using WorkshopBot.Briefings.Teams;
using WorkshopBot.Protocol.Auth;
using WorkshopBot.Tests.Support;

namespace WorkshopBot.Tests.Briefings;

/// <summary>A loopback fake of the Graph calls the upload and the deletion make; failures can be queued for the next requests.</summary>
public sealed class FakeGraphServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<int> _failures = new();

    private FakeGraphServer(WebApplication app) => _app = app;

    public string BaseUrl { get; private set; } = "";

    public ConcurrentQueue<(string Method, string Path, string? Authorization, long Bytes)> Requests { get; } = new();

    public ConcurrentDictionary<string, byte[]> Files { get; } = new();

    /// <summary>The drive item id Graph gave each file name uploaded.</summary>
    public ConcurrentDictionary<string, string> ItemIds { get; } = new();

    public static async Task<FakeGraphServer> StartAsync()
    {
        var builder = LoopbackServer.SlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new FakeGraphServer(app);
        app.Run(server.HandleAsync);
        await app.StartAsync();
        server.BaseUrl = LoopbackServer.BaseUrl(app) + "v1.0";
        return server;
    }

    /// <summary>Run by each upload (PUT) before it answers: a test's step interleaved with Graph storing the file.</summary>
    public Func<Task>? OnUpload { get; set; }

    /// <summary>The next requests answer these status codes, in order.</summary>
    public void FailNext(params int[] statusCodes)
    {
        foreach (var code in statusCodes)
        {
            _failures.Enqueue(code);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var raw = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? "";
        var path = Uri.UnescapeDataString(raw.Split('?')[0]);
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body);
        Requests.Enqueue((context.Request.Method, path, context.Request.Headers.Authorization.ToString(), body.Length));
        if (_failures.TryDequeue(out var status))
        {
            context.Response.StatusCode = status;
            if (status == 429)
            {
                context.Response.Headers.RetryAfter = "3";
            }

            var code = status == 429 ? "TooManyRequests" : "generalException";
            await context.Response.WriteAsJsonAsync(new { error = new { code, message = "Injected." } });
            return;
        }

        if (context.Request.Method == "GET" && path.StartsWith("/v1.0/teams/", StringComparison.Ordinal)
            && path.EndsWith("/filesFolder", StringComparison.Ordinal))
        {
            await context.Response.WriteAsJsonAsync(
                new { id = "folder-1", name = "General", parentReference = new { driveId = "drive-1" } });
            return;
        }

        if (context.Request.Method == "GET" && path == "/v1.0/drives/drive-1/items/folder-1/children")
        {
            await context.Response.WriteAsJsonAsync(new { value = Files.Keys.Select(n => new { id = ItemIds[n], name = n }).ToList() });
            return;
        }

        const string prefix = "/v1.0/drives/drive-1/items/folder-1:/";
        if (context.Request.Method == "PUT" && path.StartsWith(prefix, StringComparison.Ordinal)
            && path.EndsWith(":/content", StringComparison.Ordinal))
        {
            var name = path[prefix.Length..^":/content".Length];
            if (OnUpload is { } hook)
            {
                // The test's step taken while Graph is storing the file (before it answers).
                await hook();
            }

            Files[name] = body.ToArray();
            context.Response.StatusCode = 201;
            var webUrl = $"https://contoso.sharepoint.com/sites/team/Shared%20Documents/General/{name}";
            // The same name keeps its item, as Graph's replace does; each new name gets the next id.
            var id = ItemIds.GetOrAdd(name, _ => $"item-{ItemIds.Count + 1}");
            await context.Response.WriteAsJsonAsync(new { id, name, webUrl, parentReference = new { driveId = "drive-1" } });
            return;
        }

        const string items = "/v1.0/drives/drive-1/items/";
        if (context.Request.Method == "DELETE" && path.StartsWith(items, StringComparison.Ordinal))
        {
            var id = path[items.Length..];
            var name = ItemIds.FirstOrDefault(p => p.Value == id).Key;
            context.Response.StatusCode = name is not null && Files.TryRemove(name, out _) ? 204 : 404;
            return;
        }

        context.Response.StatusCode = 404;
        await context.Response.WriteAsJsonAsync(new { error = new { code = "itemNotFound", message = "Unknown route." } });
    }
}

internal sealed class FixedGraphToken : IGraphTokenSource
{
    public Task<string> GetTokenAsync(CancellationToken cancellationToken) => Task.FromResult("test-graph-token");
}

public sealed class GraphBriefingFileStoreUpload : IAsyncLifetime
{
    private const string TeamGroup = "3f1a0c52-0000-4000-8000-000000000001";
    private const string Channel = "19:abc@thread.tacv2";
    private FakeGraphServer _graph = null!;
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        _graph = await FakeGraphServer.StartAsync();
        var services = new ServiceCollection();
        services.AddHttpClient(GraphBriefingFileStore.HttpClientName);
        _services = services.BuildServiceProvider();
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _graph.DisposeAsync();
    }

    private GraphBriefingFileStore Store() => new(
        _services.GetRequiredService<IHttpClientFactory>(),
        new FixedGraphToken(),
        Options.Create(new GraphOptions { Enabled = true, BaseUrl = _graph.BaseUrl }),
        NullLogger<GraphBriefingFileStore>.Instance);

    [Fact]
    public async Task UploadsTheDocxIntoTheChannelFilesFolder()
    {
        var docx = BriefingDocx.Render(BriefingFixtures.Composer.Compose(BriefingFixtures.Merton(), BriefingFixtures.PublicationDate),
            BriefingDates.PublishedOn(BriefingFixtures.PublicationDate));

        var result = await Store().UploadToChannelAsync(TeamGroup, Channel, "briefing.docx", docx, CancellationToken.None);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal("https://contoso.sharepoint.com/sites/team/Shared%20Documents/General/briefing.docx", result.WebUrl);
        Assert.Equal(docx, _graph.Files["briefing.docx"]);
        var requests = _graph.Requests.ToList();
        Assert.Equal(("GET", $"/v1.0/teams/{TeamGroup}/channels/{Channel}/filesFolder"), (requests[0].Method, requests[0].Path));
        Assert.All(requests, r => Assert.Equal("Bearer test-graph-token", r.Authorization));
    }

    [Theory]
    [InlineData(429, "throttling")]
    [InlineData(500, "failed (500)")]
    public async Task ReportsThrottlingAndServerErrorsWithoutRetryingOrThrowing(int status, string expected)
    {
        _graph.FailNext(status);

        var result = await Store().UploadToChannelAsync(TeamGroup, Channel, "briefing.docx", [1, 2, 3], CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
        Assert.Single(_graph.Requests);
        Assert.Empty(_graph.Files);
    }
}

public sealed class GraphBriefingFileStoreMisconfigured
{
    [Fact]
    public async Task ReportsAFailureInsteadOfThrowingWhenTheTokenCannotBeMade()
    {
        var services = new ServiceCollection();
        services.AddHttpClient(GraphBriefingFileStore.HttpClientName);
        await using var provider = services.BuildServiceProvider();
        var store = new GraphBriefingFileStore(
            provider.GetRequiredService<IHttpClientFactory>(),
            new ThrowingGraphToken(),
            Options.Create(new GraphOptions { Enabled = true, BaseUrl = "http://127.0.0.1:9/v1.0" }),
            NullLogger<GraphBriefingFileStore>.Instance);

        var result = await store.UploadToChannelAsync("3f1a0c52-0000-4000-8000-000000000001", "19:abc@thread.tacv2", "briefing.docx",
            [1, 2, 3], CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.NotNull(result.Error);
    }

    private sealed class ThrowingGraphToken : IGraphTokenSource
    {
        // What MSAL's builder does when the bot has no client secret configured.
        public Task<string> GetTokenAsync(CancellationToken cancellationToken) => throw new ArgumentNullException("clientSecret");
    }
}
