using System.Text.Json;
using WorkshopBot.Audits.Domain;
using WorkshopBot.Audits.Teams;
using WorkshopBot.Tests.Cards;
using WorkshopBot.Tests.Support;
using static WorkshopBot.Tests.Audits.EndToEnd.AuditScenario;

namespace WorkshopBot.Tests.Audits.EndToEnd;

/// <summary>
/// A representative with the tool open in two Teams windows (a laptop and a phone), or pressing Save on an old card after
/// submitting: the older card is never saved over newer answers, and what was typed on it is shown back, not dropped.
/// </summary>
public sealed class StaleCardsKeepWhatWasTyped : IAsyncLifetime
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

    [Fact]
    public async Task AnOlderSectionCardShowsTheNewerAnswersAndWhatWasTypedOnIt()
    {
        var ret = await _s.ReturnOfAsync(0);
        var phone = new Dictionary<string, string> { ["a:" + Q(ret, 0)] = "yes", ["n:" + Q(ret, 0)] = "Saved from the phone first." };
        CardOf(await _s.AsRepAsync(Rep, ReturnsScreen.SaveSection, _s.SaveFirstSection(ret, ReturnMoves.Stay, phone)));

        var laptop = new Dictionary<string, string>
        {
            ["a:" + Q(ret, 0)] = "partly",
            ["n:" + Q(ret, 0)] = "Typed on the laptop about the referral, never saved.",
            ["a:" + Q(ret, 1)] = "no",
            ["n:" + Q(ret, 1)] = "Second narrative typed on the laptop.",
        };
        var text = CardOf(await _s.AsRepAsync(Rep, ReturnsScreen.SaveSection, _s.SaveFirstSection(ret, ReturnMoves.Next, laptop)))
            .GetRawText();

        Assert.Contains("has changed since you opened it", text);
        Assert.Contains("Saved from the phone first.", text);
        Assert.Contains("Typed on the laptop about the referral, never saved.", text);
        Assert.Contains("Second narrative typed on the laptop.", text);
        var now = await _s.ReturnOfAsync(0);
        Assert.Equal(ret.Version + 1, now.Version);
        Assert.Equal("Saved from the phone first.", now.AnswerTo(Q(ret, 0))!.Narrative);
        Assert.Null(now.AnswerTo(Q(ret, 1)));
    }

    [Fact]
    public async Task AnOlderSectionCardWithLongNarrativesStillFitsOneCardAndKeepsEveryWord()
    {
        var ret = await _s.ReturnOfAsync(0);
        var phone = Enumerable.Range(0, 3).ToDictionary(i => "n:" + Q(ret, i), i => $"Phone {i} " + new string('p', 3990));
        CardOf(await _s.AsRepAsync(Rep, ReturnsScreen.SaveSection, _s.SaveFirstSection(ret, ReturnMoves.Stay, phone)));

        var questions = ret.Sections[0].Questions.Count;
        var laptop = Enumerable.Range(0, questions).ToDictionary(i => "n:" + Q(ret, i), i => $"Laptop{i} " + new string('l', 3990));
        var result = await _s.AsRepAsync(Rep, ReturnsScreen.SaveSection, _s.SaveFirstSection(ret, ReturnMoves.Stay, laptop));
        var card = CardOf(result);

        Assert.True(CardSizeLimit.Measure(card.GetRawText()) <= CardSizeLimit.MaxBytes,
            $"The stale card is {CardSizeLimit.Measure(card.GetRawText())} bytes.");
        for (var i = 0; i < questions; i++)
        {
            Assert.Contains(laptop["n:" + Q(ret, i)], card.GetRawText());
        }

        // Too much for one card with the page's inputs too: the typed text, and a button to the answers as saved now.
        Assert.NotNull(FindAction(card, ReturnsScreen.OpenReturn));
        Assert.Null(FindAction(card, ReturnsScreen.SaveSection));
        Assert.Equal(ret.Version + 1, (await _s.ReturnOfAsync(0)).Version);
    }

    [Fact]
    public async Task AnOlderCardWithEveryAnswerAtTheLimitInEmojiKeepsEveryWordOnCardsThatEachFit()
    {
        var ret = await _s.ReturnOfAsync(0);
        CardOf(await _s.AsRepAsync(Rep, ReturnsScreen.SaveSection,
            _s.SaveFirstSection(ret, ReturnMoves.Stay, new Dictionary<string, string> { ["a:" + Q(ret, 0)] = "yes" })));
        var sentBefore = _s.Host.Sent(BotTestHost.PersonalChat(Rep).Id).Count;

        // Emoji are two characters each and twelve bytes each in the card's JSON: the most an answer can take there.
        var questions = ret.Sections[0].Questions.Count;
        var older = Enumerable.Range(0, questions).ToDictionary(i => "n:" + Q(ret, i),
            i => $"Older {i} " + string.Concat(Enumerable.Repeat("\U0001F642", 1995)));
        var result = await _s.AsRepAsync(Rep, ReturnsScreen.SaveSection, _s.SaveFirstSection(ret, ReturnMoves.Stay, older));

        var answer = System.Text.Encoding.UTF8.GetByteCount(result.Body!.Value.GetRawText());
        Assert.True(answer <= CardSizeLimit.MaxBytes, $"The answer is {answer:N0} bytes.");
        await _s.Host.DrainOutboxAsync();
        var more = _s.Host.Sent(BotTestHost.PersonalChat(Rep).Id).Skip(sentBefore).SelectMany(x => x.Cards).ToList();
        Assert.NotEmpty(more);
        Assert.All(more, c => Assert.True(CardSizeLimit.Measure(c.GetRawText()) <= CardSizeLimit.MaxBytes,
            $"A further card is {CardSizeLimit.Measure(c.GetRawText()):N0} bytes."));
        var texts = new[] { CardOf(result) }.Concat(more).SelectMany(TextsOf).ToList();
        for (var i = 0; i < questions; i++)
        {
            Assert.Contains(older["n:" + Q(ret, i)], texts);
        }
    }

    /// <summary>Every string on a card, as Teams reads it (JSON escapes undone).</summary>
    private static IEnumerable<string> TextsOf(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => [e.GetString()!],
        JsonValueKind.Object => e.EnumerateObject().SelectMany(p => TextsOf(p.Value)),
        JsonValueKind.Array => e.EnumerateArray().SelectMany(TextsOf),
        _ => [],
    };

    [Fact]
    public async Task AnOlderSummaryCardShowsWhatWasTypedOnIt()
    {
        var ret = await _s.ReturnOfAsync(0);
        var step = ReturnSteps.Build(ret).First(s => s.IsSummary).Index;
        var first = new SaveSummaryData(_s.AuditId, ret.Id, step, ret.Version, ReturnMoves.Stay,
            "Good practice saved first.", null, null, "good");
        CardOf(await _s.AsRepAsync(Rep, ReturnsScreen.SaveSummary, first));

        var older = first with
        {
            GoodPractice = "Good practice typed on the older card.",
            AreasForDevelopment = "Development typed on the older card.",
            Recommendations = "Recommendation typed on the older card.",
            Grade = "inadequate",
        };
        var text = CardOf(await _s.AsRepAsync(Rep, ReturnsScreen.SaveSummary, older)).GetRawText();

        Assert.Contains("has changed since you opened it", text);
        Assert.Contains("Good practice saved first.", text);
        Assert.Contains("Good practice typed on the older card.", text);
        Assert.Contains("Development typed on the older card.", text);
        Assert.Contains("Recommendation typed on the older card.", text);
        var now = await _s.ReturnOfAsync(0);
        Assert.Equal("Good practice saved first.", now.GoodPractice);
        Assert.Equal("good", now.GradeKey);
    }

    /// <summary>
    /// Save pressed twice on the learning-and-grade page, one press after the other: the second press carries the first's
    /// texts and grade on a card now one version old. It is answered as the save it repeats (the next step), not as a card
    /// made stale; nothing is saved or logged again.
    /// </summary>
    [Fact]
    public async Task TheSecondPressOfSaveOnTheSummaryIsAnsweredAsTheSaveItRepeats()
    {
        var ret = await _s.ReturnOfAsync(0);
        var step = ReturnSteps.Build(ret).First(s => s.IsSummary).Index;
        var save = new SaveSummaryData(_s.AuditId, ret.Id, step, ret.Version, ReturnMoves.Next,
            "Strategy meeting held promptly.", "Fathers were not seen.", null, "good", Fields: ["goodPractice",
                "areasForDevelopment", "recommendations", "grade"]);

        var first = CardOf(await _s.AsRepAsync(Rep, ReturnsScreen.SaveSummary, save)).GetRawText();
        var second = CardOf(await _s.AsRepAsync(Rep, ReturnsScreen.SaveSummary, save)).GetRawText();

        Assert.DoesNotContain("has changed since you opened it", second, StringComparison.Ordinal);
        Assert.DoesNotContain(ReturnsCard.NotSavedTitle, second, StringComparison.Ordinal);
        Assert.Equal(first, second);
        Assert.Contains("Immediate safety", second, StringComparison.Ordinal);
        var now = await _s.ReturnOfAsync(0);
        Assert.Equal(ret.Version + 1, now.Version);
        Assert.Equal("good", now.GradeKey);
        var log = await _s.Host.Get<WorkshopBot.Storage.IAuditLog>().ListAsync(AuditSubjects.Return, ret.Id.ToString("D"));
        Assert.Single(log, e => e.Action == "return.summary-saved");
    }

    [Fact]
    public async Task SavingAnOldCardAfterSubmittingShowsWhatWasTypedAndLeavesTheReturnSubmitted()
    {
        var ret = await _s.ReturnOfAsync(0);
        await _s.FillAndSubmitAsync(0, 0);
        var submitted = await _s.ReturnOfAsync(0);

        var typed = new Dictionary<string, string>
        {
            ["a:" + Q(ret, 0)] = "no", ["n:" + Q(ret, 0)] = "A late thought typed on the old card.",
        };
        var section = CardOf(await _s.AsRepAsync(Rep, ReturnsScreen.SaveSection, _s.SaveFirstSection(ret, ReturnMoves.Stay, typed)));
        Assert.Contains("read-only", section.GetRawText());
        Assert.Contains("A late thought typed on the old card.", section.GetRawText());

        var summary = new SaveSummaryData(_s.AuditId, ret.Id, 5, ret.Version, ReturnMoves.Stay,
            "A late good practice typed on the old card.", null, null, "good");
        var text = CardOf(await _s.AsRepAsync(Rep, ReturnsScreen.SaveSummary, summary)).GetRawText();
        Assert.Contains("A late good practice typed on the old card.", text);

        var after = await _s.ReturnOfAsync(0);
        Assert.True(after.IsReadOnly);
        Assert.Equal(submitted.Version, after.Version);
    }

    [Fact]
    public async Task AnOlderCardTypedTheSameAsTheNewerAnswersShowsNothingMore()
    {
        var ret = await _s.ReturnOfAsync(0);
        var same = new Dictionary<string, string> { ["a:" + Q(ret, 0)] = "yes", ["n:" + Q(ret, 0)] = "The same words twice." };
        CardOf(await _s.AsRepAsync(Rep, ReturnsScreen.SaveSection, _s.SaveFirstSection(ret, ReturnMoves.Stay, same)));
        var card = CardOf(await _s.AsRepAsync(Rep, ReturnsScreen.SaveSection, _s.SaveFirstSection(ret, ReturnMoves.Stay, same)));

        Assert.DoesNotContain("Not saved", card.GetRawText());
        Assert.Single(Occurrences(card, "The same words twice."));
    }

    private static IEnumerable<int> Occurrences(JsonElement card, string text)
    {
        var raw = card.GetRawText();
        for (var at = raw.IndexOf(text, StringComparison.Ordinal); at >= 0; at = raw.IndexOf(text, at + 1, StringComparison.Ordinal))
        {
            yield return at;
        }
    }
}
