using System.Net;
using System.Text.Json;
using WorkshopBot.Audits.Domain;
using WorkshopBot.Audits.Teams;
using WorkshopBot.Storage;
using WorkshopBot.Tests.Support;
using static WorkshopBot.Tests.Audits.EndToEnd.AuditScenario;

namespace WorkshopBot.Tests.Audits.EndToEnd;

/// <summary>Each kind of bad card data gets a clear message on the card and changes nothing.</summary>
public sealed class AuditBadInput : IAsyncLifetime
{
    private AuditScenario _s = null!;

    public async Task InitializeAsync()
    {
        _s = await StartAsync();
        await _s.SetUpIssuedAsync();
    }

    public async Task DisposeAsync() => await _s.DisposeAsync();

    private static TestUser SocialCare => Agencies[0].Rep;

    private async Task<(AuditReturn Before, string Text)> SaveAsync(TestUser who, object data, int agency = 0)
    {
        var before = await _s.ReturnOfAsync(agency);
        var card = CardOf(await _s.AsRepAsync(who, ReturnsScreen.SaveSection, data));
        return (before, card.GetRawText());
    }

    private async Task AssertUnchangedAsync(AuditReturn before, int agency = 0)
    {
        var after = await _s.ReturnOfAsync(agency);
        Assert.Equal(before.Version, after.Version);
        Assert.Equal(before.Answers.Count, after.Answers.Count);
    }

    private static string FirstQuestion(AuditReturn ret) => ret.Sections[0].Questions[0].Id;

    private static Dictionary<string, string> Answer(AuditReturn ret, string answer, string? narrative = null)
    {
        var inputs = new Dictionary<string, string> { ["a:" + FirstQuestion(ret)] = answer };
        if (narrative is not null)
        {
            inputs["n:" + FirstQuestion(ret)] = narrative;
        }

        return inputs;
    }

    [Fact]
    public async Task RefusesCardDataNamingAnotherAudit()
    {
        var ret = await _s.ReturnOfAsync(0);
        var (before, text) = await SaveAsync(SocialCare, _s.SaveFirstSection(ret, ReturnMoves.Next, Answer(ret, "yes")) with
        {
            AuditId = Guid.NewGuid(),
        });
        Assert.Contains(WorkshopBot.Common.Teams.Reply.NotAvailableTitle, text);
        await AssertUnchangedAsync(before);
    }

    [Fact]
    public async Task RefusesAnotherAgencysReturn()
    {
        var police = await _s.ReturnOfAsync(1);
        var (before, text) = await SaveAsync(SocialCare, _s.SaveFirstSection(police, ReturnMoves.Next, Answer(police, "no")), agency: 1);
        Assert.Contains(WorkshopBot.Common.Teams.Reply.NotAvailableTitle, text);
        await AssertUnchangedAsync(before, agency: 1);
        var open = CardOf(await _s.AsRepAsync(SocialCare, ReturnsScreen.OpenReturn, new ReturnRefData(_s.AuditId, police.Id, 0)));
        Assert.Contains(WorkshopBot.Common.Teams.Reply.NotAvailableTitle, open.GetRawText());
    }

    [Fact]
    public async Task RefusesAnUnknownQuestion()
    {
        var ret = await _s.ReturnOfAsync(0);
        var unknown = new Dictionary<string, string> { ["a:nai-s9-q9"] = "yes" };
        var (before, text) = await SaveAsync(SocialCare, _s.SaveFirstSection(ret, ReturnMoves.Next, unknown));
        Assert.Contains("There is no question", text);
        Assert.Contains("nai-s9-q9", text);
        await AssertUnchangedAsync(before);
    }

    [Fact]
    public async Task RefusesAnOutOfRangeGrade()
    {
        var ret = await _s.ReturnOfAsync(0);
        var summary = new SaveSummaryData(
            _s.AuditId, ret.Id, 5, ret.Version, ReturnMoves.Next, "Prompt strategy meeting.", null, null, "excellent");
        var card = CardOf(await _s.AsRepAsync(SocialCare, ReturnsScreen.SaveSummary, summary));
        Assert.Contains("is not a grade on this audit's scale", card.GetRawText());
        await AssertUnchangedAsync(ret);
    }

    [Fact]
    public async Task RefusesTextOverTheLengthLimit()
    {
        var ret = await _s.ReturnOfAsync(0);
        var tooLong = _s.SaveFirstSection(ret, ReturnMoves.Next, Answer(ret, "yes", new string('x', 4001)));
        var (before, text) = await SaveAsync(SocialCare, tooLong);
        Assert.Contains("the limit is 4,000", text);
        await AssertUnchangedAsync(before);
    }

    [Fact]
    public async Task RefusesAStaleCardAndKeepsTheNewerAnswers()
    {
        var ret = await _s.ReturnOfAsync(0);
        var q = FirstQuestion(ret);
        SaveSectionData Save(string answer, string narrative) => _s.SaveFirstSection(ret, ReturnMoves.Stay, Answer(ret, answer, narrative));
        CardOf(await _s.AsRepAsync(SocialCare, ReturnsScreen.SaveSection, Save("yes", "Newer answer from the first card.")));
        var (before, text) = await SaveAsync(SocialCare, Save("no", "Older card overwriting."));
        Assert.Contains("has changed since you opened it", text);
        Assert.Contains("Newer answer from the first card.", text);
        await AssertUnchangedAsync(before);
        Assert.Equal(AnswerValue.Yes, (await _s.ReturnOfAsync(0)).AnswerTo(q)!.Value);
    }

    [Fact]
    public async Task SubmitsExactlyOnce()
    {
        await _s.FillAndSubmitAsync(0, 0);
        var ret = await _s.ReturnOfAsync(0);
        var again = CardOf(await _s.AsRepAsync(SocialCare, ReturnsScreen.Submit,
            new SubmitReturnData(_s.AuditId, ret.Id, ret.Version - 1)));
        Assert.Contains("already submitted", again.GetRawText());
        Assert.Equal(ret.Version, (await _s.ReturnOfAsync(0)).Version);
        var events = await _s.Host.Get<IAuditLog>().ListAsync(AuditSubjects.Return, ret.Id.ToString("D"));
        Assert.Single(events, e => e.Action == "return.submitted");
    }

    [Fact]
    public async Task RefusesChairActionsFromSomeoneWithoutTheRole()
    {
        var before = (await _s.Store.GetAuditAsync(_s.AuditId, default))!;
        var verbs = new[]
        {
            DashboardScreen.Issue, ExportScreen.Export, TrackerScreen.Remind, TrackerScreen.Tracker, TrackerScreen.ReopenForm,
        };
        foreach (var verb in verbs)
        {
            var card = CardOf(await _s.ExecuteAsync(Outsider, verb, new AuditRefData(_s.AuditId)));
            Assert.Contains(WorkshopBot.Common.Teams.Reply.NotAvailableTitle, card.GetRawText());
        }

        var returnId = (await _s.ReturnOfAsync(0)).Id.ToString();
        var reopen = CardOf(await _s.ExecuteAsync(SocialCare, TrackerScreen.Reopen,
            new ReopenData(_s.AuditId, returnId, "I want to change it.")));
        Assert.Contains(WorkshopBot.Common.Teams.Reply.NotAvailableTitle, reopen.GetRawText());
        Assert.Equal(before.Version, (await _s.Store.GetAuditAsync(_s.AuditId, default))!.Version);
    }

    [Fact]
    public async Task AForgedGradeIsRefusedWithoutBeingEchoedIntoTheCard()
    {
        var ret = await _s.ReturnOfAsync(0);
        var forged = new string('g', 100_000);
        var data = new SaveSummaryData(_s.AuditId, ret.Id, 0, ret.Version, ReturnMoves.Next, "Prompt strategy meeting.", null, null,
            forged);

        var card = CardOf(await _s.AsRepAsync(SocialCare, ReturnsScreen.SaveSummary, data)).GetRawText();

        Assert.Contains("is not a grade on this audit's scale", card, StringComparison.Ordinal);
        Assert.Contains("Prompt strategy meeting.", card, StringComparison.Ordinal);
        Assert.True(card.Length < 28_000, $"The card is {card.Length:N0} characters long.");
        await AssertUnchangedAsync(ret);
    }

    /// <summary>
    /// A forged grade is quoted in the refusal cut after 37 characters: an emoji there is left out whole, never split, so the
    /// card Teams is sent carries no half emoji (shown as a replacement mark, U+FFFD, if at all).
    /// </summary>
    [Fact]
    public async Task AForgedGradeIsQuotedCutBetweenEmojiNeverWithinOne()
    {
        var ret = await _s.ReturnOfAsync(0);
        // 36 letters, then emoji: the first starts at the 37th character, where the quote is cut.
        var forged = new string('g', 36) + string.Concat(Enumerable.Repeat("\U0001F642", 10));
        var data = new SaveSummaryData(_s.AuditId, ret.Id, 0, ret.Version, ReturnMoves.Next, "Prompt strategy meeting.", null, null,
            forged);

        var result = await _s.AsRepAsync(SocialCare, ReturnsScreen.SaveSummary, data);

        var refusal = Assert.Single(Strings(CardOf(result)),
            t => t.Contains("is not a grade on this audit's scale", StringComparison.Ordinal));
        Assert.Contains($"\"{new string('g', 36)}...\" is not a grade", refusal, StringComparison.Ordinal);
        Assert.DoesNotContain('\uFFFD', refusal);
        Assert.All(Enumerable.Range(0, refusal.Length), i => Assert.False(
            char.IsHighSurrogate(refusal[i]) ? i + 1 == refusal.Length || !char.IsLowSurrogate(refusal[i + 1])
                : char.IsLowSurrogate(refusal[i]) && (i == 0 || !char.IsHighSurrogate(refusal[i - 1])),
            $"Half an emoji at {i}."));
        await AssertUnchangedAsync(ret);
    }

    /// <summary>Every string in the card's JSON, as Teams reads it back.</summary>
    private static IEnumerable<string> Strings(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => [element.GetString()!],
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p => Strings(p.Value)),
        JsonValueKind.Array => element.EnumerateArray().SelectMany(Strings),
        _ => [],
    };

    [Fact]
    public async Task AnswersMalformedDataPolitely()
    {
        // Data no record can hold (a forged card, or one from an older version), so it is written out by hand.
        var ret = await _s.ReturnOfAsync(0);
        foreach (var (verb, data) in new (string, object)[]
        {
            (ReturnsScreen.SaveSection, new { auditId = "not-a-guid", returnId = ret.Id }),
            (DashboardScreen.Dashboard, new { auditId = 42 }),
            (ReturnsScreen.Submit, new { auditId = _s.AuditId, returnId = ret.Id, version = "one" }),
        })
        {
            var result = await _s.AsRepAsync(SocialCare, verb, data);
            Assert.Equal(HttpStatusCode.OK, result.Status);
            Assert.Contains("could not read this card", CardOf(result).GetRawText());
        }

        Assert.Equal(ret.Version, (await _s.ReturnOfAsync(0)).Version);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public async Task AnswersASectionSaveWithoutASectionIdPolitely(int versionOffset)
    {
        // The section id is missing, so the data is written out by hand; the record would always carry one.
        var ret = await _s.ReturnOfAsync(0);
        var q = ret.Sections[0].Questions[0].Id;
        var result = await _s.AsRepAsync(SocialCare, ReturnsScreen.SaveSection, new Dictionary<string, object?>
        {
            ["auditId"] = _s.AuditId,
            ["returnId"] = ret.Id,
            ["step"] = 0,
            ["page"] = 0,
            ["version"] = ret.Version + versionOffset,
            ["move"] = ReturnMoves.Next,
            ["a:" + q] = "yes",
        });
        Assert.Equal(HttpStatusCode.OK, result.Status);
        Assert.NotNull(result.Card);
        Assert.Equal(ret.Version, (await _s.ReturnOfAsync(0)).Version);
    }

    [Fact]
    public async Task ChecksFreeTextForIdentifiersAndLogsTheConfirmation()
    {
        var ret = await _s.ReturnOfAsync(0);
        var data = _s.SaveFirstSection(ret, ReturnMoves.Stay, Answer(ret, "yes", "Mother called from 07700 900123 after the visit."));
        var warned = CardOf(await _s.AsRepAsync(SocialCare, ReturnsScreen.SaveSection, data)).GetRawText();
        Assert.Contains("Possible personal information found", warned);
        Assert.Contains("It is not identifying: confirm", warned);
        await AssertUnchangedAsync(ret);

        CardOf(await _s.AsRepAsync(SocialCare, ReturnsScreen.SaveSection, data with { ConfirmNotIdentifying = true }));
        Assert.Equal(ret.Version + 1, (await _s.ReturnOfAsync(0)).Version);
        var events = await _s.Host.Get<IAuditLog>().ListAsync(AuditSubjects.Return, ret.Id.ToString("D"));
        var saved = Assert.Single(events, e => e.Action == "return.section-saved");
        Assert.Contains("PhoneNumber", saved.DetailJson);
        Assert.DoesNotContain("07700", saved.DetailJson);
    }

    [Fact]
    public async Task RefusesCaseReferencesThatLookLikeNames()
    {
        var other = await _s.CreateAsync("Neglect audit, summer 2026");
        var card = CardOf(await _s.ExecuteAsync(Chair, CasesScreen.AddCase, new AddCaseData(other, "SMITH-JAYDEN", "1-4")));
        Assert.Contains("must not contain a name", card.GetRawText());
        Assert.Empty((await _s.Store.GetAuditAsync(other, default))!.Value.Cases);
    }
}
