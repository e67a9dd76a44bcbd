using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using WorkshopBot.Audits.Teams;
using WorkshopBot.Common.Privacy;
using WorkshopBot.Tests.Audits.EndToEnd;
using WorkshopBot.Tests.Operations;
using static WorkshopBot.Tests.Audits.EndToEnd.AuditScenario;

namespace WorkshopBot.Tests.Privacy;

/// <summary>
/// Each pattern of the identifier check has a match timeout; on a starved machine a scan can reach it. Text that could
/// not be checked is never stored, not even with a confirmation, and the author gets a card saying so, never a 500.
/// The scanner's seam throws the timeout a pattern would, for text holding <see cref="Marker"/>.
/// </summary>
public sealed class UncheckedTextIsNotKept
{
    private const string Marker = "starved";

    private static IdentifierScanner TimingOut() => new(IdentifierScannerOptions.None, text =>
    {
        if (text.Contains(Marker, StringComparison.Ordinal))
        {
            throw new RegexMatchTimeoutException(text, "pattern", TimeSpan.FromSeconds(1));
        }
    });

    [Fact]
    public void ATimedOutScanIsOneFindingThatCannotBeConfirmed()
    {
        var text = $"Typed on a {Marker} machine: NHS 943 476 5919.";

        var finding = Assert.Single(TimingOut().Scan(text));
        var check = TimingOut().Check(text);

        Assert.Equal(IdentifierKind.Unchecked, finding.Kind);
        Assert.Equal(text, finding.Text);
        Assert.False(finding.Confirmable);
        Assert.True(check.Unchecked);
        Assert.True(check.Refuses(confirmed: true));
        Assert.Equal("This text could not be checked for personal information just now. Please try again.", check.Summary);
        // The same scanner still reads other text as before.
        Assert.Equal(IdentifierKind.NhsNumber, Assert.Single(TimingOut().Scan("NHS 943 476 5919.")).Kind);
    }

    [Fact]
    public void AScanThatRanOutOfTimeOnceIsReadAgainBeforeTheAuthorIsRefused()
    {
        // A machine starved for a moment (a collection, a busy core): the first reading runs out of time, the next does not.
        var readings = 0;
        var stalledOnce = new IdentifierScanner(IdentifierScannerOptions.None, text =>
        {
            if (++readings == 1)
            {
                throw new RegexMatchTimeoutException(text, "pattern", TimeSpan.FromSeconds(1));
            }
        });

        var findings = stalledOnce.Scan("Seen with the GP letter quoting NHS 943 476 5919.");
        var clean = stalledOnce.Check("Crash poll: what worked well?");

        Assert.Equal(IdentifierKind.NhsNumber, Assert.Single(findings).Kind);
        Assert.Equal(3, readings);
        Assert.False(clean.Unchecked);
        Assert.False(clean.Refuses(confirmed: false));
        // Out of time on every reading: read twice, then refused as before.
        var always = 0;
        var starved = new IdentifierScanner(IdentifierScannerOptions.None,
            text => throw new RegexMatchTimeoutException(text, $"pattern {++always}", TimeSpan.FromSeconds(1)));
        Assert.True(starved.Check("Crash poll: what worked well?").Unchecked);
        Assert.Equal(IdentifierScanner.ScanAttempts, always);
    }

    [Fact]
    public async Task AReturnIsNotSavedAndTheAuthorIsToldEvenWhenConfirmed()
    {
        await using var s = await StartAsync(o => o.Services = services => services.AddSingleton(TimingOut()));
        await s.SetUpIssuedAsync();
        var rep = Agencies[0].Rep;
        var ret = await s.ReturnOfAsync(0);
        var question = ret.Sections[0].Questions[0].Id;
        var data = s.SaveFirstSection(ret, ReturnMoves.Next, new Dictionary<string, string>
        {
            ["a:" + question] = "yes",
            ["n:" + question] = $"Typed on a {Marker} machine, the GP letter quotes NHS 943 476 5919.",
        });

        var results = new[]
        {
            await s.AsRepAsync(rep, ReturnsScreen.SaveSection, data),
            await s.AsRepAsync(rep, ReturnsScreen.SaveSection, data with { ConfirmNotIdentifying = true }),
        };
        await s.Host.DrainOutboxAsync();

        Assert.All(results, result =>
        {
            Assert.Equal(HttpStatusCode.OK, result.Status);
            var card = CardOf(result).GetRawText();
            Assert.Contains("The text could not be checked", card, StringComparison.Ordinal);
            Assert.Contains("This text could not be checked for personal information just now. Please try again.", card,
                StringComparison.Ordinal);
            Assert.Contains("Nothing has been saved.", card, StringComparison.Ordinal);
            Assert.DoesNotContain("It is not identifying: confirm", card, StringComparison.Ordinal);
        });
        Assert.Equal(ret.Version, (await s.ReturnOfAsync(0)).Version);
        Assert.DoesNotContain("943 476 5919", await RetentionLeavesNoText.StoredTextAsync(s.Host), StringComparison.Ordinal);
    }
}
