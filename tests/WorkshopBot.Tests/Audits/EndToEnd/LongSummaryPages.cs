using System.Text;
using System.Text.Json;
using WorkshopBot.Audits.Domain;
using WorkshopBot.Audits.Teams;
using WorkshopBot.Common.Privacy;
using WorkshopBot.Tests.Cards;
using WorkshopBot.Tests.Support;
using static WorkshopBot.Tests.Audits.EndToEnd.AuditScenario;

namespace WorkshopBot.Tests.Audits.EndToEnd;

/// <summary>
/// A representative fills the learning and grade with every text at its 4,000-character limit, in plain English or in emoji
/// (twelve bytes each in the card's JSON): every card of it stays within one Teams card (28 KB), a card that shows only some
/// of the texts saves those and leaves the others as they were, and every word typed can be had back.
/// </summary>
public sealed class LongSummaryPages : IAsyncLifetime
{
    private const string Phone = "Mother called from 07700 900123 after the visit. ";

    private AuditScenario _s = null!;

    public async Task InitializeAsync()
    {
        _s = await StartAsync();
        await _s.SetUpIssuedAsync();
    }

    public async Task DisposeAsync() => await _s.DisposeAsync();

    private static TestUser Rep => Agencies[0].Rep;

    private static readonly string[] Texts = ["goodPractice", "areasForDevelopment", "recommendations"];

    /// <summary>A text of exactly the limit: plain words, or emoji (two characters each) after a short lead.</summary>
    private static string AtLimit(string lead, bool emoji)
    {
        var text = new StringBuilder(lead);
        while (text.Length < FreeText.DefaultMaxLength)
        {
            text.Append(emoji ? "\U0001F642" : "Plain words. ");
        }

        var cut = text.ToString(0, FreeText.DefaultMaxLength);
        return (char.IsHighSurrogate(cut[^1]) ? cut[..^1] : cut).Trim();
    }

    private static Dictionary<string, string> Typed(bool emoji, string? lead = null) => Texts.ToDictionary(f => f,
        f => AtLimit($"{lead}{f} of the case. ", emoji));

    private async Task<int> SummaryStepAsync() => ReturnSteps.Build(await _s.ReturnOfAsync(0)).First(s => s.IsSummary).Index;

    private async Task<InvokeResult> OpenAsync(int page = 0)
    {
        var ret = await _s.ReturnOfAsync(0);
        return await _s.AsRepAsync(Rep, ReturnsScreen.OpenReturn, new ReturnRefData(_s.AuditId, ret.Id, await SummaryStepAsync(), page));
    }

    /// <summary>The data the card's save button with this move sends, with what is typed into its inputs merged in.</summary>
    private static SaveSummaryData SaveFrom(JsonElement card, string move, IReadOnlyDictionary<string, string?> inputs)
    {
        var data = Read<SaveSummaryData>(AllActions(card).First(a => a.GetProperty("data") is var d
            && d.TryGetProperty("move", out var m) && m.GetString() == move && !d.TryGetProperty("confirmNotIdentifying", out _)));
        return Merge(data, inputs);
    }

    /// <summary>Inputs as Teams merges them: an input left empty is not sent at all.</summary>
    private static SaveSummaryData Merge(SaveSummaryData data, IReadOnlyDictionary<string, string?> inputs)
    {
        string? In(string id) => inputs.TryGetValue(id, out var v) && !string.IsNullOrEmpty(v) ? v : null;
        return data with
        {
            GoodPractice = In("goodPractice"), AreasForDevelopment = In("areasForDevelopment"),
            Recommendations = In("recommendations"), Grade = In("grade"),
        };
    }

    /// <summary>What each input of the card holds as shown.</summary>
    private static Dictionary<string, string?> AsShown(JsonElement card) =>
        InputIds(card).ToDictionary(id => id, id => InputValue(card, id));

    private static int Bytes(InvokeResult result) => Encoding.UTF8.GetByteCount(result.Body!.Value.GetRawText());

    private static void AssertFits(InvokeResult result, string what) =>
        Assert.True(Bytes(result) <= CardSizeLimit.MaxBytes, $"{what}: the answer is {Bytes(result):N0} bytes.");

    private async Task SaveAllAsync(Dictionary<string, string> typed)
    {
        var card = CardOf(await OpenAsync());
        var inputs = typed.ToDictionary(t => t.Key, t => (string?)t.Value);
        inputs["grade"] = "good";
        var saved = await _s.AsRepAsync(Rep, ReturnsScreen.SaveSummary, SaveFrom(card, ReturnMoves.Stay, inputs));
        AssertFits(saved, "the summary saved");
        var ret = await _s.ReturnOfAsync(0);
        Assert.Equal(typed["goodPractice"], ret.GoodPractice);
        Assert.Equal(typed["areasForDevelopment"], ret.AreasForDevelopment);
        Assert.Equal(typed["recommendations"], ret.Recommendations);
        Assert.Equal("good", ret.GradeKey);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task EveryTextAtTheLimitIsShownOnPagesThatFitAndSavingThemThroughKeepsEveryWord(bool emoji)
    {
        var typed = Typed(emoji);
        await SaveAllAsync(typed);

        // Page by page with "Save and continue", changing nothing: each card fits, each text is on one, none is erased.
        var result = await OpenAsync();
        var step = await SummaryStepAsync();
        var seen = new List<string>();
        for (var guard = 0; guard < 6 && FindAction(CardOf(result), ReturnsScreen.SaveSummary) is not null; guard++)
        {
            AssertFits(result, $"summary card {guard + 1}");
            var card = CardOf(result);
            seen.AddRange(InputIds(card));
            result = await _s.AsRepAsync(Rep, ReturnsScreen.SaveSummary, SaveFrom(card, ReturnMoves.Next, AsShown(card)));
        }

        string[] all = [.. Texts, "grade"];
        Assert.Equal(all, seen.Distinct().OrderBy(id => Array.IndexOf(all, id)));
        Assert.DoesNotContain(ReturnsScreen.SaveSummary, CardOf(result).GetRawText());
        var ret = await _s.ReturnOfAsync(0);
        Assert.Equal(typed["goodPractice"], ret.GoodPractice);
        Assert.Equal(typed["areasForDevelopment"], ret.AreasForDevelopment);
        Assert.Equal(typed["recommendations"], ret.Recommendations);
        Assert.Equal("good", ret.GradeKey);
        Assert.True(step < ReturnSteps.Build(ret).Count);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task EveryTextAtTheLimitWithAnIdentifierGivesWarningsThatFitAndLosesNothing(bool emoji)
    {
        var typed = Typed(emoji, Phone);
        var card = CardOf(await OpenAsync());
        var inputs = typed.ToDictionary(t => t.Key, t => (string?)t.Value);
        inputs["grade"] = "good";
        var result = await _s.AsRepAsync(Rep, ReturnsScreen.SaveSummary, SaveFrom(card, ReturnMoves.Next, inputs));

        for (var turn = 0; turn < 10 && !AllSaved(await _s.ReturnOfAsync(0), typed); turn++)
        {
            AssertFits(result, $"warning {turn + 1}");
            card = CardOf(result);
            var now = await _s.ReturnOfAsync(0);
            // Each text is somewhere: on this card, saved, or kept for its author without the phone number nobody confirmed.
            foreach (var (field, text) in typed)
            {
                var without = LongPagesWithIdentifiers.WithoutPhone(text);
                Assert.True(InputValue(card, field) == text || Kept(now, field) == without || Saved(now, field) == text
                    || Saved(now, field) == without, $"{field} is lost on card {turn + 1}.");
            }

            var confirm = AllActions(card).FirstOrDefault(a => a.GetProperty("data").TryGetProperty("confirmNotIdentifying", out _));
            var data = confirm.ValueKind == JsonValueKind.Object
                ? Merge(Read<SaveSummaryData>(confirm), AsShown(card))
                : SaveFrom(card, ReturnMoves.Stay, AsShown(card));
            result = await _s.AsRepAsync(Rep, ReturnsScreen.SaveSummary, data);
        }

        var saved = await _s.ReturnOfAsync(0);
        Assert.True(AllSaved(saved, typed), "Not every text was saved in the end.");
        Assert.Empty(saved.HeldLearning);
        Assert.Equal("good", saved.GradeKey);
        var log = await _s.Host.Get<WorkshopBot.Storage.IAuditLog>().ListAsync(AuditSubjects.Return, saved.Id.ToString("D"));
        Assert.All(log, e => Assert.DoesNotContain("of the case", e.DetailJson, StringComparison.Ordinal));
    }

    /// <summary>
    /// Every learning text at the limit starts with a full postcode, which no confirmation keeps: the texts kept for their
    /// author have it replaced by its marker, and the warning says so.
    /// </summary>
    [Fact]
    public async Task LearningKeptForItsAuthorNeverKeepsAPostcode()
    {
        const string postcode = "Seen at SW1A 1AA. ";
        var typed = Typed(emoji: true, postcode);
        var card = CardOf(await OpenAsync());
        var inputs = typed.ToDictionary(t => t.Key, t => (string?)t.Value);

        var result = await _s.AsRepAsync(Rep, ReturnsScreen.SaveSummary, SaveFrom(card, ReturnMoves.Next, inputs));

        AssertFits(result, "the warning");
        var now = await _s.ReturnOfAsync(0);
        Assert.NotEmpty(now.HeldLearning);
        Assert.All(now.HeldLearning, h =>
        {
            Assert.DoesNotContain("SW1A", h.Value, StringComparison.Ordinal);
            Assert.Equal(LongPagesWithIdentifiers.AsKept(typed[h.Key].Replace("SW1A 1AA",
                WorkshopBot.Common.Privacy.Sweep.IdentifierRedaction.PostcodeMarker, StringComparison.Ordinal)), h.Value);
        });
        Assert.Contains("dates of birth are never kept", CardOf(result).GetRawText(), StringComparison.Ordinal);
    }

    /// <summary>
    /// Every question answered, then the learning typed at the limit in emoji with a phone number in each text: what does not
    /// fit the warning is kept for its author. "Continue" on the overview leads to the page of the summary with the first text
    /// kept, not to its first page, and that page shows the text kept.
    /// </summary>
    [Fact]
    public async Task ContinueLeadsToThePageOfLearningKeptForItsAuthor()
    {
        await _s.AnswerEveryQuestionAsync(0);
        var card = CardOf(await OpenAsync());
        var inputs = Typed(emoji: true, Phone).ToDictionary(t => t.Key, t => (string?)t.Value);
        inputs["grade"] = "good";
        CardOf(await _s.AsRepAsync(Rep, ReturnsScreen.SaveSummary, SaveFrom(card, ReturnMoves.Next, inputs)));
        var ret = await _s.ReturnOfAsync(0);
        var kept = Texts.First(ret.HeldLearning.ContainsKey);
        var page = ReturnSteps.SummaryPages(ret).ToList().FindIndex(p => p.Contains(kept));
        Assert.True(page > 0, "The first text kept is on the first page: this test would not tell the pages apart.");

        var overview = CardOf(await _s.AsRepAsync(Rep, ReturnsScreen.OpenReturn, new ReturnRefData(_s.AuditId, ret.Id, -1)));
        var open = Read<ReturnRefData>(AllActions(overview).Single(a => a.GetProperty("title").GetString() == "Continue"));

        Assert.Equal((await SummaryStepAsync(), page), (open.Step, open.Page));
        var opened = CardOf(await _s.AsRepAsync(Rep, ReturnsScreen.OpenReturn, open));
        Assert.Contains(ReturnsCard.HeldNote, opened.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(ret.HeldLearning[kept], InputValue(opened, kept));
    }

    /// <summary>
    /// Every question answered and every learning text saved at the limit, but no grade: the grade is on the last page of the
    /// summary, and "Continue" on the overview leads to that page, not to the first, and the page opened has the grade on it.
    /// </summary>
    [Fact]
    public async Task ContinueLeadsToThePageOfTheGradeWhenTheGradeIsMissing()
    {
        var (ret, page) = await AllButTheGradeAsync();

        var overview = CardOf(await _s.AsRepAsync(Rep, ReturnsScreen.OpenReturn, new ReturnRefData(_s.AuditId, ret.Id, -1)));
        var open = Read<ReturnRefData>(AllActions(overview).Single(a => a.GetProperty("title").GetString() == "Continue"));

        Assert.Equal((await SummaryStepAsync(), page), (open.Step, open.Page));
        Assert.Contains("grade", InputIds(CardOf(await _s.AsRepAsync(Rep, ReturnsScreen.OpenReturn, open))));
    }

    /// <summary>
    /// The same return on the review, which lists the grade as missing: its "Go to the first thing missing" opens the page of
    /// the summary with the grade (as "Continue" does), through the verb that opens a step.
    /// </summary>
    [Fact]
    public async Task TheReviewLeadsToTheFirstThingMissing()
    {
        var (ret, page) = await AllButTheGradeAsync();
        var steps = ReturnSteps.Build(ret);

        var review = CardOf(await _s.AsRepAsync(Rep, ReturnsScreen.OpenReturn, new ReturnRefData(_s.AuditId, ret.Id, steps.Count)));

        Assert.Contains("Before you can submit", review.GetRawText(), StringComparison.Ordinal);
        Assert.Contains("Choose a single-agency grade", review.GetRawText(), StringComparison.Ordinal);
        var go = AllActions(review).Single(a => a.GetProperty("title").GetString() == "Go to the first thing missing");
        Assert.Equal(ReturnsScreen.OpenReturn, go.GetProperty("verb").GetString());
        var open = Read<ReturnRefData>(go);
        Assert.Equal((_s.AuditId, ret.Id, await SummaryStepAsync(), page), (open.AuditId, open.ReturnId, open.Step, open.Page));
        Assert.Contains("grade", InputIds(CardOf(await _s.AsRepAsync(Rep, ReturnsScreen.OpenReturn, open))));
    }

    /// <summary>
    /// Every question answered and every learning text saved at the limit in emoji, no grade: only the grade is missing, and
    /// it is on a page of the summary after the first.
    /// </summary>
    private async Task<(AuditReturn Ret, int GradePage)> AllButTheGradeAsync()
    {
        await _s.AnswerEveryQuestionAsync(0);
        var typed = Typed(emoji: true);
        var card = CardOf(await OpenAsync());
        CardOf(await _s.AsRepAsync(Rep, ReturnsScreen.SaveSummary,
            SaveFrom(card, ReturnMoves.Stay, typed.ToDictionary(t => t.Key, t => (string?)t.Value))));
        var ret = await _s.ReturnOfAsync(0);
        Assert.Equal(typed["goodPractice"], ret.GoodPractice);
        Assert.Null(ret.GradeKey);
        Assert.StartsWith("Choose a single-agency grade", Assert.Single(ret.MissingForSubmission()), StringComparison.Ordinal);
        var page = ReturnSteps.SummaryPages(ret).ToList().FindIndex(p => p.Contains("grade"));
        Assert.True(page > 0, "The grade is on the first page: this test would not tell the pages apart.");
        return (ret, page);
    }

    private static string? Saved(AuditReturn ret, string field) => field switch
    {
        "goodPractice" => ret.GoodPractice,
        "areasForDevelopment" => ret.AreasForDevelopment,
        _ => ret.Recommendations,
    };

    private static string? Kept(AuditReturn ret, string field) => ret.HeldLearning.GetValueOrDefault(field);

    /// <summary>Every text saved: as typed, or as kept for its author (without the phone number nobody confirmed).</summary>
    private static bool AllSaved(AuditReturn ret, Dictionary<string, string> typed) =>
        typed.All(t => Saved(ret, t.Key) == t.Value || Saved(ret, t.Key) == LongPagesWithIdentifiers.WithoutPhone(t.Value));

    [Fact]
    public async Task ClearingATextOnACardThatShowsOnlySomeClearsThatTextAlone()
    {
        var typed = Typed(emoji: true);
        await SaveAllAsync(typed);
        var card = CardOf(await OpenAsync());
        Assert.Equal(["goodPractice"], InputIds(card));

        // The text is emptied: Teams then sends no value for it, and nothing for what is not on the card.
        var inputs = AsShown(card);
        inputs["goodPractice"] = string.Empty;
        AssertFits(await _s.AsRepAsync(Rep, ReturnsScreen.SaveSummary, SaveFrom(card, ReturnMoves.Stay, inputs)), "saved");

        var ret = await _s.ReturnOfAsync(0);
        Assert.Null(ret.GoodPractice);
        Assert.Equal(typed["areasForDevelopment"], ret.AreasForDevelopment);
        Assert.Equal(typed["recommendations"], ret.Recommendations);
        Assert.Equal("good", ret.GradeKey);
    }

    [Fact]
    public async Task ATextClearedOnACardStaysClearedOnItsIdentifierWarning()
    {
        await SaveAllAsync(new Dictionary<string, string>
        {
            ["goodPractice"] = "Good practice.", ["areasForDevelopment"] = "Development.", ["recommendations"] = "Recommendation.",
        });
        var card = CardOf(await OpenAsync());
        var inputs = AsShown(card);
        inputs["goodPractice"] = string.Empty;
        inputs["areasForDevelopment"] = Phone;

        var warning = CardOf(await _s.AsRepAsync(Rep, ReturnsScreen.SaveSummary, SaveFrom(card, ReturnMoves.Stay, inputs)));

        Assert.Contains("07700 900123", warning.GetRawText(), StringComparison.Ordinal);
        Assert.True(string.IsNullOrEmpty(InputValue(warning, "goodPractice")), "The cleared text came back on the warning.");
        Assert.Equal("Recommendation.", InputValue(warning, "recommendations"));
        Assert.Equal("Good practice.", (await _s.ReturnOfAsync(0)).GoodPractice);
    }

    [Fact]
    public async Task AFullCardPostedBeforeSavesEveryTextAsBefore()
    {
        var ret = await _s.ReturnOfAsync(0);
        var step = await SummaryStepAsync();
        var first = new SaveSummaryData(_s.AuditId, ret.Id, step, ret.Version, ReturnMoves.Stay,
            "Good practice.", "Development.", "Recommendation.", "good");
        CardOf(await _s.AsRepAsync(Rep, ReturnsScreen.SaveSummary, first));

        // A card sent before cards named their texts: what it does not carry was emptied on it, so it is cleared.
        var old = first with { Version = ret.Version + 1, GoodPractice = "Good practice, changed.", Recommendations = null };
        CardOf(await _s.AsRepAsync(Rep, ReturnsScreen.SaveSummary, old));

        var now = await _s.ReturnOfAsync(0);
        Assert.Equal("Good practice, changed.", now.GoodPractice);
        Assert.Equal("Development.", now.AreasForDevelopment);
        Assert.Null(now.Recommendations);
        Assert.Equal("good", now.GradeKey);
    }
}
