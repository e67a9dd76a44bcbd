using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WorkshopBot.Cards;
using WorkshopBot.Common.Links;
using WorkshopBot.Common.Secrets;
using WorkshopBot.Hosting;
using WorkshopBot.Storage;
using WorkshopBot.Tests.Storage;

namespace WorkshopBot.Tests.Hosting;

public sealed class SignedLinksRead : IAsyncLifetime
{
    private sealed record Grant(string What, string UserKey);

    private TestStorage _storage = null!;

    public async Task InitializeAsync() => _storage = await TestStorage.CreateSqliteAsync();

    public async Task DisposeAsync() => await _storage.DisposeAsync();

    [Fact]
    public async Task ReadsBackAGenuineLinkUntilItExpires()
    {
        var links = Links(_storage.Services);
        var token = await links.SignAsync("export", new Grant("audit-1", "chair"), _storage.Clock.GetUtcNow().AddMinutes(15), default);

        var (grant, check) = await links.ReadAsync<Grant>("export", token, default);
        _storage.Clock.Advance(TimeSpan.FromMinutes(16));
        var (_, later) = await links.ReadAsync<Grant>("export", token, default);

        Assert.Equal(LinkCheck.Valid, check);
        Assert.Equal(new Grant("audit-1", "chair"), grant);
        Assert.Equal(LinkCheck.Expired, later);
    }

    [Fact]
    public async Task RefusesAlteredForgedOrMisusedLinks()
    {
        var links = Links(_storage.Services);
        var token = await links.SignAsync("export", new Grant("audit-1", "chair"), _storage.Clock.GetUtcNow().AddMinutes(15), default);
        var (payload, signature) = (token.Split('.')[0], token.Split('.')[1]);
        var otherPayload = (await links.SignAsync("export", new Grant("audit-2", "someone-else"),
            _storage.Clock.GetUtcNow().AddMinutes(15), default)).Split('.')[0];

        Assert.Equal(LinkCheck.Invalid, (await links.ReadAsync<Grant>("briefing", token, default)).Check);
        Assert.Equal(LinkCheck.Invalid, (await links.ReadAsync<Grant>("export", otherPayload + "." + signature, default)).Check);
        Assert.Equal(LinkCheck.Invalid, (await links.ReadAsync<Grant>("export", payload + "." + signature[..^3] + "AAA", default)).Check);
        Assert.Equal(LinkCheck.Invalid, (await links.ReadAsync<Grant>("export", "not-a-token", default)).Check);
        Assert.Equal(LinkCheck.Invalid, (await links.ReadAsync<Grant>("export", null, default)).Check);
    }

    [Fact]
    public async Task AGeneratedKeyIsSharedByInstancesOnTheSameStore()
    {
        var token = await Links(_storage.Services).SignAsync("export", new Grant("audit-1", "chair"),
            _storage.Clock.GetUtcNow().AddMinutes(15), default);

        var (_, check) = await Links(_storage.CreateInstance()).ReadAsync<Grant>("export", token, default);

        Assert.Equal(LinkCheck.Valid, check);
    }

    private SignedLinks Links(IServiceProvider services)
    {
        var options = Options.Create(new WorkshopBotOptions());
        return new(new DeploymentKey(services.GetRequiredService<IDocumentStore>(), options), options, _storage.Clock);
    }
}
