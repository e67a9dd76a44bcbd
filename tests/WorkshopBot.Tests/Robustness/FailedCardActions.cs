using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WorkshopBot.Audits.Teams;
using WorkshopBot.Common.Privacy;
using WorkshopBot.Protocol.Hosting;
using WorkshopBot.Tests.Audits.EndToEnd;
using WorkshopBot.Tests.Operations;
using static WorkshopBot.Tests.Audits.EndToEnd.AuditScenario;

namespace WorkshopBot.Tests.Robustness;

/// <summary>
/// A turn that fails on the bot's side (here the identifier check throws, as any fault inside a handler would) stores
/// nothing. A card's button is not pressed again by Teams, so the person who pressed it is told in words, with HTTP 200,
/// not given a 500; the failure is still logged as an error.
/// </summary>
public sealed class FailedCardActions
{
    private const string Marker = "faulty";

    [Fact]
    public async Task APressThatFailsIsAnsweredWithAMessageAndNothingIsStored()
    {
        var scanner = new IdentifierScanner(IdentifierScannerOptions.None, text =>
        {
            if (text.Contains(Marker, StringComparison.Ordinal))
            {
                throw new InvalidOperationException("A fault inside a handler.");
            }
        });
        var logs = new HandlerErrors();
        await using var s = await StartAsync(o => o.Services = services =>
        {
            services.AddSingleton(scanner);
            services.AddSingleton<ILoggerProvider>(logs);
        });
        await s.SetUpIssuedAsync();
        var rep = Agencies[0].Rep;
        var ret = await s.ReturnOfAsync(0);
        var question = ret.Sections[0].Questions[0].Id;
        var data = s.SaveFirstSection(ret, ReturnMoves.Next, new Dictionary<string, string>
        {
            ["a:" + question] = "yes",
            ["n:" + question] = $"Typed while the check was {Marker}: the GP letter arrived late.",
        });

        var result = await s.AsRepAsync(rep, ReturnsScreen.SaveSection, data);

        Assert.Equal(HttpStatusCode.OK, result.Status);
        var body = result.Body ?? throw new InvalidOperationException("No body.");
        Assert.Equal("application/vnd.microsoft.activity.message", body.GetProperty("type").GetString());
        Assert.Equal(BotEndpoint.NothingDone, body.GetProperty("value").GetString());
        Assert.Equal(ret.Version, (await s.ReturnOfAsync(0)).Version);
        Assert.DoesNotContain("the GP letter arrived late", await RetentionLeavesNoText.StoredTextAsync(s.Host), StringComparison.Ordinal);
        Assert.Contains(logs.Entries, e => e.Contains("A fault inside a handler.", StringComparison.Ordinal));
    }
}
