using System.Text;
using System.Text.Json;
using WorkshopBot.Audits.Domain;
using WorkshopBot.Audits.Storage;
using WorkshopBot.Audits.Teams;
using WorkshopBot.Common.Privacy;
using WorkshopBot.Common.Privacy.Sweep;
using WorkshopBot.Storage;
using WorkshopBot.Tests.Cards;
using WorkshopBot.Tests.Support;
using static WorkshopBot.Tests.Audits.EndToEnd.AuditScenario;

namespace WorkshopBot.Tests.Audits.EndToEnd;

/// <summary>
/// A representative types long answers on the largest page of the tool (six questions) before saving it for the first time,
/// some in Welsh or Polish or with emoji (which JSON writes longer), and one with a possible identifier: the identifier
/// warning still fits one Teams card (28 KB), and every word typed can be had back.
/// </summary>
public sealed class LongPagesWithIdentifiers : IAsyncLifetime
{
    private const string Phone = "Mother called from 07700 900123 after the visit.";

    /// <summary>A checksum-valid NHS number (the NHS's own example), never kept even with a confirmation.</summary>
    private const string NhsNumber = "NHS 943 476 5919";

    private AuditScenario _s = null!;

    public async Task InitializeAsync()
    {
        _s = await StartAsync();
        await _s.CreateAsync();
        var section = (await _s.Store.GetAuditAsync(_s.AuditId, default))!.Value.Questions.Sections[0];
        // The first section has four questions: two more make a page of six, the most a page holds.
        for (var i = section.Questions.Count; i < ReturnSteps.MaxQuestionsPerPage; i++)
        {
            var add = new SaveQuestionData(_s.AuditId, section.Id, null, $"Was the record of contact {i} complete and timely?",
                "Look at every contact in the look-back period.", null, null);
            Assert.Contains("Question saved.", CardOf(await _s.ExecuteAsync(Chair, QuestionsScreen.SaveQuestion, add)).GetRawText());
        }

        await _s.AddCasesAsync();
        await _s.AddAgenciesAsync();
        AssertHasText(await _s.IssueAsync(), "Audit issued");
        await _s.Host.DrainOutboxAsync();
    }

    public async Task DisposeAsync() => await _s.DisposeAsync();

    private static TestUser Rep => Agencies[0].Rep;

    /// <summary>
    /// An answer of <paramref name="length"/> characters: plain English, then Welsh and Polish accents and emoji (two
    /// characters each, twelve bytes in the JSON), so it is as long in the card as an answer of that length can be.
    /// </summary>
    private static string Narrative(int i, int length, string? lead = null, bool emojiOnly = false)
    {
        var start = $"{lead}Answer {i}. Records show a timely strategy discussion. ";
        var filler = emojiOnly ? "\U0001F642" : "Cofnodion ŵyr ŷd, źródło żółć łąka \U0001F642\U0001F4DD ";
        var text = new StringBuilder(start);
        while (text.Length < length)
        {
            text.Append(filler);
        }

        var cut = text.ToString(0, length);
        return (char.IsHighSurrogate(cut[^1]) ? cut[..^1] : cut).Trim();
    }

    private async Task<(AuditReturn Ret, List<string> Ids)> FirstPageAsync()
    {
        var ret = await _s.ReturnOfAsync(0);
        var ids = ret.Sections[0].Questions.Select(q => q.Id).ToList();
        Assert.Equal(ReturnSteps.MaxQuestionsPerPage, ids.Count);
        Assert.Equal(ids, ReturnSteps.Pages(ret, ret.Sections[0])[0].Select(q => q.Id));
        return (ret, ids);
    }

    private static Dictionary<string, string> Inputs(List<string> ids, Func<int, string> narrative) =>
        ids.SelectMany((id, i) => new[] { ("a:" + id, "partly"), ("n:" + id, narrative(i)) }).ToDictionary(p => p.Item1, p => p.Item2);

    /// <summary>The bytes of the answer the bot sent for the invoke, as Teams receives it.</summary>
    private static int Bytes(InvokeResult result) => Encoding.UTF8.GetByteCount(result.Body!.Value.GetRawText());

    private static void AssertFits(InvokeResult result, string what) =>
        Assert.True(Bytes(result) <= CardSizeLimit.MaxBytes, $"{what}: the answer is {Bytes(result):N0} bytes.");

    [Fact]
    public async Task SixLongAnswersWithAnIdentifierInOneFitOneCardAndKeepEveryWord()
    {
        var (ret, ids) = await FirstPageAsync();
        var typed = Inputs(ids, i => Narrative(i, 3990, i == 2 ? Phone + " " : null));

        var result = await _s.AsRepAsync(Rep, ReturnsScreen.SaveSection, _s.SaveFirstSection(ret, ReturnMoves.Next, typed));

        AssertFits(result, "the identifier warning");
        var card = CardOf(result);
        Assert.Contains("Possible personal information found", card.GetRawText());
        // The answer with the identifier is on the card, as typed, to change or confirm; it is not stored.
        Assert.Equal(typed["n:" + ids[2]], InputValue(card, "n:" + ids[2]));
        var now = await _s.ReturnOfAsync(0);
        Assert.Null(now.AnswerTo(ids[2]));
        Assert.Empty(now.Held);
        // The five without findings are saved in the draft, word for word, and not repeated on the card.
        foreach (var i in new[] { 0, 1, 3, 4, 5 })
        {
            Assert.Equal(typed["n:" + ids[i]], now.AnswerTo(ids[i])!.Narrative);
            Assert.Null(InputValue(card, "n:" + ids[i]));
        }

        // The identifier is shown where it was found and in the answer to change: no more.
        Assert.Equal(2, Occurrences(card.GetRawText(), "07700 900123").Count());
        var log = await _s.Host.Get<IAuditLog>().ListAsync(AuditSubjects.Return, ret.Id.ToString("D"));
        Assert.All(log, e => Assert.DoesNotContain("Records show", e.DetailJson, StringComparison.Ordinal));

        // Confirming on that card saves the last one too.
        var confirm = Read<SaveSectionData>(AllActions(card).Single(a => a.GetProperty("data").TryGetProperty("confirmNotIdentifying",
            out _)));
        var inputs = new Dictionary<string, string> { ["a:" + ids[2]] = "partly", ["n:" + ids[2]] = InputValue(card, "n:" + ids[2])! };
        CardOf(await _s.AsRepAsync(Rep, ReturnsScreen.SaveSection, confirm with { Inputs = Typed(inputs) }));
        Assert.Equal(typed["n:" + ids[2]], (await _s.ReturnOfAsync(0)).AnswerTo(ids[2])!.Narrative);
    }

    [Fact]
    public async Task SixAnswersAtTheLimitEachWithAnIdentifierAreShownInTurnsAndAllSaved()
    {
        var (ret, ids) = await FirstPageAsync();
        var typed = Inputs(ids, i => Narrative(i, 4000, Phone + " ", emojiOnly: i % 2 == 0));

        var result = await _s.AsRepAsync(Rep, ReturnsScreen.SaveSection, _s.SaveFirstSection(ret, ReturnMoves.Next, typed));
        // What is kept for the author holds no phone number: nobody confirmed it.
        Assert.NotEmpty((await _s.ReturnOfAsync(0)).Held);
        Assert.All((await _s.ReturnOfAsync(0)).Held.Values,
            h => Assert.DoesNotContain("07700 900123", h.Narrative!, StringComparison.Ordinal));
        for (var turn = 0; turn < 20 && (await _s.ReturnOfAsync(0)).Answers.Count < ids.Count; turn++)
        {
            AssertFits(result, $"card {turn + 1}");
            var card = CardOf(result);
            var now = await _s.ReturnOfAsync(0);
            // Each answer is somewhere: on this card, saved, or kept for its author without the phone number nobody confirmed.
            foreach (var id in ids)
            {
                var shown = InputValue(card, "n:" + id);
                var kept = now.HeldFor(id)?.Narrative ?? now.AnswerTo(id)?.Narrative;
                Assert.True(shown == typed["n:" + id] || kept == typed["n:" + id] || kept == WithoutPhone(typed["n:" + id]),
                    $"Question {id} is lost on card {turn + 1}.");
            }

            var confirm = AllActions(card).FirstOrDefault(a => a.GetProperty("data").TryGetProperty("confirmNotIdentifying", out _));
            var save = confirm.ValueKind == JsonValueKind.Object ? confirm : FindAction(card, ReturnsScreen.SaveSection)!.Value;
            var inputs = InputIds(card).ToDictionary(id => id, id => InputValue(card, id) ?? "partly");
            result = await _s.AsRepAsync(Rep, ReturnsScreen.SaveSection, Read<SaveSectionData>(save) with { Inputs = Typed(inputs) });
        }

        var saved = await _s.ReturnOfAsync(0);
        Assert.Empty(saved.Held);
        // Those shown were confirmed as typed; those kept were kept without the number, and saved so.
        Assert.All(ids, id => Assert.Contains(saved.AnswerTo(id)?.Narrative, new[] { typed["n:" + id], WithoutPhone(typed["n:" + id]) }));
        Assert.Contains(ids, id => saved.AnswerTo(id)?.Narrative == typed["n:" + id]);
    }

    /// <summary>
    /// The page was saved with short answers, then typed again at the limit with a phone number in each: what does not fit the
    /// warning is kept for its author while the short answers stay saved. "Continue" on the overview leads to the page of the
    /// first answer kept, though every question of the section has an answer saved, and that page shows what was kept (and
    /// its choice), not the answer saved before, so the author can check it and save it; then to the next page with one kept.
    /// While other sections have questions unanswered, the review lists those first, and "Continue" leads to them first.
    /// </summary>
    [Fact]
    public async Task ContinueLeadsToAnAnswerKeptForItsAuthorOverTheAnswerSavedBefore()
    {
        var (ret, ids) = await FirstPageAsync();
        var first = ids.SelectMany((id, i) => new[] { ("a:" + id, "yes"), ("n:" + id, $"Saved answer {i}.") })
            .ToDictionary(p => p.Item1, p => p.Item2);
        CardOf(await _s.AsRepAsync(Rep, ReturnsScreen.SaveSection, _s.SaveFirstSection(ret, ReturnMoves.Next, first)));
        ret = await _s.ReturnOfAsync(0);
        Assert.All(ids, id => Assert.Equal(AnswerValue.Yes, ret.AnswerTo(id)?.Value));
        var typed = Inputs(ids, i => Narrative(i, 4000, Phone + " ", emojiOnly: i % 2 == 0));
        CardOf(await _s.AsRepAsync(Rep, ReturnsScreen.SaveSection, _s.SaveFirstSection(ret, ReturnMoves.Next, typed)));
        var now = await _s.ReturnOfAsync(0);
        Assert.Contains(now.MissingForSubmission(), m => m.Contains("kept for you", StringComparison.Ordinal));
        Assert.StartsWith("Answer these", now.MissingForSubmission()[0], StringComparison.Ordinal);
        var before = CardOf(await _s.AsRepAsync(Rep, ReturnsScreen.OpenReturn, new ReturnRefData(_s.AuditId, ret.Id, -1)));
        var unanswered = Read<ReturnRefData>(AllActions(before).Single(a => a.GetProperty("title").GetString() == "Continue"));
        Assert.Equal((1, 0), (unanswered.Step, unanswered.Page));
        await _s.AnswerEveryQuestionAsync(0, except: ret.Sections[0].Id);
        now = await _s.ReturnOfAsync(0);
        var pages = new List<int>();
        for (var turn = 0; turn < ids.Count && now.Held.Count > 0; turn++)
        {
            var held = ids.First(id => now.HeldFor(id) is not null);
            Assert.Equal($"Saved answer {ids.IndexOf(held)}.", now.AnswerTo(held)?.Narrative);
            var overview = CardOf(await _s.AsRepAsync(Rep, ReturnsScreen.OpenReturn, new ReturnRefData(_s.AuditId, ret.Id, -1)));
            var open = Read<ReturnRefData>(AllActions(overview).Single(a => a.GetProperty("title").GetString() == "Continue"));

            var page = ReturnSteps.Pages(now, now.Sections[0]).ToList().FindIndex(p => p.Any(q => q.Id == held));
            Assert.Equal((0, page), (open.Step, open.Page));
            var card = CardOf(await _s.AsRepAsync(Rep, ReturnsScreen.OpenReturn, open));
            Assert.Contains(ReturnsCard.HeldNote, card.GetRawText(), StringComparison.Ordinal);
            Assert.Equal(now.HeldFor(held)!.Narrative, InputValue(card, "n:" + held));
            Assert.Equal("partly", InputValue(card, "a:" + held));

            // Saved as shown: what was kept on that page is saved, and Continue leads to the next page with some kept.
            pages.Add(page);
            var save = Read<SaveSectionData>(AllActions(card).Single(a => a.GetProperty("data") is var d
                && d.TryGetProperty("move", out var m) && m.GetString() == ReturnMoves.Stay));
            var inputs = InputIds(card).ToDictionary(id => id, id => InputValue(card, id) ?? string.Empty);
            CardOf(await _s.AsRepAsync(Rep, ReturnsScreen.SaveSection, save with { Inputs = Typed(inputs) }));
            now = await _s.ReturnOfAsync(0);
            Assert.Null(now.HeldFor(held));
        }

        Assert.Empty(now.Held);
        Assert.Contains(pages, p => p > 0);
    }

    /// <summary>An answer as kept for its author: the phone number nobody confirmed shown as removed.</summary>
    internal static string WithoutPhone(string typed) =>
        AsKept(typed.Replace("07700 900123", "[phone number removed]", StringComparison.Ordinal));

    /// <summary>
    /// Every long answer starts with an NHS number, which no confirmation keeps: the answers that do not fit on the warning are
    /// kept for their author with the number replaced by its marker, and the warning says so, so it is never stored.
    /// </summary>
    [Fact]
    public async Task AnswersKeptForTheirAuthorNeverKeepAnNhsNumber()
    {
        var (ret, ids) = await FirstPageAsync();
        var typed = Inputs(ids, i => Narrative(i, 4000, NhsNumber + " "));

        var result = await _s.AsRepAsync(Rep, ReturnsScreen.SaveSection, _s.SaveFirstSection(ret, ReturnMoves.Next, typed));

        AssertFits(result, "the identifier warning");
        var now = await _s.ReturnOfAsync(0);
        Assert.NotEmpty(now.Held);
        Assert.All(ids, id => Assert.Null(now.AnswerTo(id)));
        Assert.All(now.Held, h =>
        {
            Assert.DoesNotContain("943 476 5919", h.Value.Narrative!, StringComparison.Ordinal);
            // Only the number is taken out (and, as the marker is longer, the end that no longer fits the limit).
            Assert.Equal(AsKept(typed["n:" + h.Key].Replace("943 476 5919", IdentifierRedaction.NhsNumberMarker, StringComparison.Ordinal)),
                h.Value.Narrative);
        });
        Assert.Contains("dates of birth are never kept", CardOf(result).GetRawText(), StringComparison.Ordinal);
        var stored = (await _s.Host.Get<IDocumentStore>().GetAsync(AuditStore.Returns, AuditStore.Key(now.Id), default))!.Json;
        Assert.DoesNotContain("9434765919", stored.Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    /// <summary>
    /// What was kept for a representative is theirs alone: when the chair names another representative for the agency, it is
    /// forgotten in that same save (logged by id), and the new representative opening the return sees none of it.
    /// </summary>
    [Fact]
    public async Task TextKeptForARepresentativeIsForgottenWhenAnotherTakesOver()
    {
        var (ret, ids) = await FirstPageAsync();
        var typed = Inputs(ids, i => Narrative(i, 3990, Phone + " "));
        await _s.AsRepAsync(Rep, ReturnsScreen.SaveSection, _s.SaveFirstSection(ret, ReturnMoves.Next, typed));
        Assert.NotEmpty((await _s.ReturnOfAsync(0)).Held);

        AssertHasText(await _s.ExecuteAsync(Chair, AgenciesScreen.SaveAgencyPeople,
            new AgencyPeopleData(_s.AuditId, "agency-1", Outsider.Id, null, null)), "people and cases saved");

        var now = await _s.ReturnOfAsync(0);
        Assert.Empty(now.Held);
        Assert.Empty(now.HeldLearning);
        var opened = CardOf(await _s.AsRepAsync(Outsider, ReturnsScreen.OpenReturn, new ReturnRefData(_s.AuditId, ret.Id, 0))).GetRawText();
        Assert.DoesNotContain(ReturnsCard.HeldNote, opened, StringComparison.Ordinal);
        Assert.DoesNotContain("Records show", opened, StringComparison.Ordinal);
        var log = await _s.Host.Get<IAuditLog>().ListAsync(AuditSubjects.Return, ret.Id.ToString("D"));
        var forgotten = Assert.Single(log, e => e.Action == "return.held-forgotten");
        Assert.DoesNotContain("Records show", forgotten.DetailJson, StringComparison.Ordinal);
    }

    /// <summary>A text as kept: cut to the limit, never between the halves of an emoji.</summary>
    internal static string AsKept(string text) => text.Length <= FreeText.DefaultMaxLength ? text
        : text[..(char.IsHighSurrogate(text[FreeText.DefaultMaxLength - 1]) ? FreeText.DefaultMaxLength - 1 : FreeText.DefaultMaxLength)];

    private static Dictionary<string, JsonElement> Typed(Dictionary<string, string> inputs) =>
        inputs.ToDictionary(i => i.Key, i => JsonSerializer.SerializeToElement(i.Value));

    private static IEnumerable<int> Occurrences(string raw, string text)
    {
        for (var at = raw.IndexOf(text, StringComparison.Ordinal); at >= 0; at = raw.IndexOf(text, at + 1, StringComparison.Ordinal))
        {
            yield return at;
        }
    }
}
