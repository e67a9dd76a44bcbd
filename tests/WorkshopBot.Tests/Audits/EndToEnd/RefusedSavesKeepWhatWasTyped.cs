using System.Text;
using System.Text.Json;
using WorkshopBot.Audits.Domain;
using WorkshopBot.Audits.Teams;
using WorkshopBot.Tests.Cards;
using WorkshopBot.Tests.Support;
using static WorkshopBot.Tests.Audits.EndToEnd.AuditScenario;

namespace WorkshopBot.Tests.Audits.EndToEnd;

/// <summary>
/// A page whose save is refused (an answer pasted from Word with a hidden line break, or an answer that is not one of the
/// choices) after long answers were typed on it: the answer still fits one Teams card (28 KB) and says what is wrong, and
/// every word typed is on it or on the cards that follow it in the chat. Nothing is saved.
/// </summary>
public sealed class RefusedSavesKeepWhatWasTyped : IAsyncLifetime
{
    private AuditScenario _s = null!;

    public async Task InitializeAsync()
    {
        _s = await StartAsync();
        await _s.SetUpIssuedAsync();
    }

    public async Task DisposeAsync() => await _s.DisposeAsync();

    private static TestUser Rep => Agencies[0].Rep;

    private static string Q(AuditReturn ret, int i) => ret.Sections[0].Questions[i].Id;

    /// <summary>Emoji are two characters each and twelve bytes each in the card's JSON: the most an answer can take there.</summary>
    private static string Long(string lead) => lead + " " + string.Concat(Enumerable.Repeat("\U0001F642", 1970));

    [Fact]
    public async Task ARefusedSaveOfLongAnswersFitsSaysWhyAndKeepsEveryWord()
    {
        var ret = await _s.ReturnOfAsync(0);
        var typed = new Dictionary<string, string>();
        for (var i = 0; i < ret.Sections[0].Questions.Count; i++)
        {
            typed["a:" + Q(ret, i)] = "partly";
            // Pasted from Word: a line break Word writes as U+000B, which no answer may hold.
            typed["n:" + Q(ret, i)] = Long(i == 0 ? "Strategy discussion held.\vRecords of it" : $"Records show response {i}.");
        }

        await AssertFitsSaysAndKeepsAsync(ret, typed, "hidden control characters");
    }

    [Fact]
    public async Task AnAnswerThatIsNotAChoiceWithLongAnswersFitsSaysWhyAndKeepsEveryWord()
    {
        var ret = await _s.ReturnOfAsync(0);
        var typed = new Dictionary<string, string>();
        for (var i = 0; i < ret.Sections[0].Questions.Count; i++)
        {
            typed["a:" + Q(ret, i)] = i == 1 ? "maybe" : "yes";
            typed["n:" + Q(ret, i)] = Long($"Records show response {i}.");
        }

        await AssertFitsSaysAndKeepsAsync(ret, typed, "\"maybe\" is not an answer");
    }

    [Fact]
    public async Task AShortRefusedSaveStillShowsThePageWithWhatWasTypedInItsInputs()
    {
        var ret = await _s.ReturnOfAsync(0);
        var typed = new Dictionary<string, string>
        {
            ["a:" + Q(ret, 0)] = "partly",
            ["n:" + Q(ret, 0)] = "Strategy discussion held.\vPasted from Word.",
            ["a:" + Q(ret, 1)] = "no",
            ["n:" + Q(ret, 1)] = "A short second answer.",
        };

        var card = CardOf(await _s.AsRepAsync(Rep, ReturnsScreen.SaveSection, _s.SaveFirstSection(ret, ReturnMoves.Next, typed)));

        Assert.Contains("hidden control characters", card.GetRawText(), StringComparison.Ordinal);
        Assert.Equal("Strategy discussion held.\vPasted from Word.", InputValue(card, "n:" + Q(ret, 0)));
        Assert.Equal("A short second answer.", InputValue(card, "n:" + Q(ret, 1)));
        Assert.NotNull(FindAction(card, ReturnsScreen.SaveSection));
        Assert.Equal(ret.Version, (await _s.ReturnOfAsync(0)).Version);
    }

    private async Task AssertFitsSaysAndKeepsAsync(AuditReturn ret, Dictionary<string, string> typed, string why)
    {
        var chat = BotTestHost.PersonalChat(Rep).Id;
        var sentBefore = _s.Host.Sent(chat).Count;

        var result = await _s.AsRepAsync(Rep, ReturnsScreen.SaveSection, _s.SaveFirstSection(ret, ReturnMoves.Next, typed));

        var raw = result.Body!.Value.GetRawText();
        var bytes = Encoding.UTF8.GetByteCount(raw);
        Assert.True(bytes <= CardSizeLimit.MaxBytes, $"The answer is {bytes:N0} bytes.");
        var first = TextsOf(CardOf(result)).ToList();
        Assert.Contains(first, t => t.Contains(why, StringComparison.Ordinal));
        Assert.Contains(first, t => t.Contains("Nothing was saved.", StringComparison.Ordinal));
        await _s.Host.DrainOutboxAsync();
        var more = _s.Host.Sent(chat).Skip(sentBefore).SelectMany(x => x.Cards).ToList();
        // Too much for one card: the typed text on cards of its own, and a button to the page as saved.
        Assert.NotEmpty(more);
        Assert.NotNull(FindAction(CardOf(result), ReturnsScreen.OpenReturn));
        Assert.All(more, c => Assert.True(CardSizeLimit.Measure(c.GetRawText()) <= CardSizeLimit.MaxBytes,
            $"A further card is {CardSizeLimit.Measure(c.GetRawText()):N0} bytes."));
        var texts = new[] { CardOf(result) }.Concat(more).SelectMany(TextsOf).ToList();
        foreach (var narrative in typed.Where(t => t.Key.StartsWith("n:", StringComparison.Ordinal)).Select(t => t.Value))
        {
            Assert.Contains(narrative, texts);
        }

        Assert.Equal(ret.Version, (await _s.ReturnOfAsync(0)).Version);
    }

    /// <summary>Every string on a card, as Teams reads it (JSON escapes undone).</summary>
    private static IEnumerable<string> TextsOf(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => [e.GetString()!],
        JsonValueKind.Object => e.EnumerateObject().SelectMany(p => TextsOf(p.Value)),
        JsonValueKind.Array => e.EnumerateArray().SelectMany(TextsOf),
        _ => [],
    };
}
