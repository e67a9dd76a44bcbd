using Microsoft.Extensions.DependencyInjection;
using WorkshopBot.Briefings.Domain;
using WorkshopBot.Briefings.Storage;
using WorkshopBot.Briefings.Teams;
using WorkshopBot.Common;
using WorkshopBot.Protocol.Schema;
using WorkshopBot.Storage;
using WorkshopBot.Workshop.Domain;

namespace WorkshopBot.Tests.Briefings;

/// <summary>The chair composes, edits, regenerates and approves the briefing (the Compose screen).</summary>
public sealed class BriefingComposeAndApprove : IAsyncLifetime
{
    private BriefingFlowHarness _h = null!;

    private Guid AuditId => _h.Audit.Id;

    public async Task InitializeAsync() => _h = await BriefingFlowHarness.StartAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task ComposesOnOpenFromReturnsAndWorkshop()
    {
        _h.Workshop.Outcome = new WorkshopOutcome(AuditId,
            [new RankedIdea("Health visitors shared concerns the same day", IdeaBoardKind.WorkedWell, 7, 1, "Health visiting", null, null)],
            [
                new MultiAgencyJudgement(AuditId, "NAI-2026-03-C1", "good", "Good", "r", "chair-oid", "QA Chair", DateTimeOffset.UnixEpoch),
                new MultiAgencyJudgement(AuditId, "NAI-2026-03-C2", "inadequate", "Inadequate", "r", "chair-oid", "QA Chair",
                    DateTimeOffset.UnixEpoch),
            ]);

        var json = await _h.PostAsync(BriefingFlowHarness.Chair, ComposeScreen.Open, new OpenBriefingData(AuditId));

        Assert.Contains("Of 2 cases: 0 outstanding, 1 good, 0 requires improvement, 1 inadequate.", json, StringComparison.Ordinal);
        Assert.Contains("Health visitors shared concerns the same day (Health visiting).", json, StringComparison.Ordinal);
        // Two agencies said the same about strategy meetings: merged, both named.
        Assert.Contains("Strategy meetings were timely, with the right agencies present "
            + "(noted by 2 agencies: Children's Social Care and Police).", json, StringComparison.Ordinal);
        var record = await _h.RecordAsync();
        Assert.Single(record.Versions);
    }

    [Fact]
    public async Task RefusesSomeoneWhoIsNotTheChair()
    {
        var json = await _h.PostAsync(new PersonRef("someone-oid", "Someone"), ComposeScreen.Open, new OpenBriefingData(AuditId));

        Assert.Contains(WorkshopBot.Common.Teams.Reply.NotAvailableTitle, json, StringComparison.Ordinal);
        using var scope = _h.Services.CreateScope();
        Assert.Null(await scope.ServiceProvider.GetRequiredService<BriefingStore>().GetAsync(AuditId, default));
    }

    [Fact]
    public async Task KeepsEveryVersionThroughEditRegenerateAndApprove()
    {
        var chair = BriefingFlowHarness.Chair;
        await _h.PostAsync(chair, ComposeScreen.Open, new OpenBriefingData(AuditId));

        var edited = await _h.PostAsync(chair, ComposeScreen.EditSave,
            new EditSaveData(AuditId, 1, BriefingBoxKind.WhyItMatters, "Our local reason.", "See the local protocol.", null));
        var stale = await _h.PostAsync(chair, ComposeScreen.EditSave,
            new EditSaveData(AuditId, 1, BriefingBoxKind.WhyItMatters, "Lost edit.", null, null));
        await _h.PostAsync(chair, ComposeScreen.Regenerate, new RegenerateData(AuditId, 2, BriefingBoxKind.WorkedWell));
        await _h.PostAsync(chair, ComposeScreen.Regenerate, new RegenerateData(AuditId, 3, null));
        var approved = await _h.PostAsync(chair, ComposeScreen.Approve, new ApproveData(AuditId, 4));

        Assert.Contains("Saved as version 2.", edited, StringComparison.Ordinal);
        Assert.Contains("has changed since you opened it", stale, StringComparison.Ordinal);
        Assert.Contains("Version 4 is approved", approved, StringComparison.Ordinal);
        var record = await _h.RecordAsync();
        Assert.Equal([1, 2, 3, 4], record.Versions.Select(v => v.Number));
        Assert.Equal("Our local reason.", record.Version(2)!.Content.Box(BriefingBoxKind.WhyItMatters).Lead);
        Assert.True(record.Version(2)!.Content.Box(BriefingBoxKind.WhyItMatters).EditedByChair);
        Assert.Equal("Our local reason.", record.Version(3)!.Content.Box(BriefingBoxKind.WhyItMatters).Lead);
        Assert.NotEqual("Our local reason.", record.Version(4)!.Content.Box(BriefingBoxKind.WhyItMatters).Lead);
        Assert.Equal(4, record.ApprovedVersion);
        var log = await _h.Services.GetRequiredService<IAuditLog>().ListAsync("briefing", AuditId.ToString("D"));
        Assert.Equal(["briefing.composed", "briefing.edited", "briefing.regenerated", "briefing.regenerated", "briefing.approved"],
            log.Select(e => e.Action));
    }

    [Fact]
    public async Task RefusesToSaveIdentifiersOrOver900WordsAndGivesTheChairTheirTextBack()
    {
        var chair = BriefingFlowHarness.Chair;
        await _h.PostAsync(chair, ComposeScreen.Open, new OpenBriefingData(AuditId));
        const string typed = "Jayden Smith, DOB 03/04/2015, NHS 943 476 5919, was seen late.\nMum rang from 07700 900123";
        var tooLongText = string.Join(' ', Enumerable.Repeat("a", 950));

        var refused = await _h.PostAsync(chair, ComposeScreen.EditSave,
            new EditSaveData(AuditId, 1, BriefingBoxKind.WorkedWell, "Our lead.", typed, null));
        var tooLong = await _h.PostAsync(chair, ComposeScreen.EditSave,
            new EditSaveData(AuditId, 1, BriefingBoxKind.NextSteps, null, tooLongText, null));

        Assert.Contains("Not saved. Found 4 possible identifiers: an NHS number, a date of birth, a phone number and a name.",
            refused, StringComparison.Ordinal);
        Assert.Contains(JsonText("\"Jayden Smith\""), refused, StringComparison.Ordinal);
        // The edit form again, holding what the chair typed, to correct and save.
        Assert.Contains(ComposeScreen.EditSave, refused, StringComparison.Ordinal);
        Assert.Contains(JsonText(typed), refused, StringComparison.Ordinal);
        Assert.Contains(JsonText("Our lead."), refused, StringComparison.Ordinal);
        Assert.Contains("the limit is 900", tooLong, StringComparison.Ordinal);
        Assert.Contains(tooLongText, tooLong, StringComparison.Ordinal);
        var record = await _h.RecordAsync();
        Assert.Equal([1], record.Versions.Select(v => v.Number));
        Assert.DoesNotContain("943 476 5919", record.Latest.Content.FullText(), StringComparison.Ordinal);
        var log = await _h.Services.GetRequiredService<IAuditLog>().ListAsync("briefing", AuditId.ToString("D"));
        Assert.Equal(["briefing.composed"], log.Select(e => e.Action));
    }

    [Fact]
    public async Task SaveRefusesACaseReferenceTheChairTypedIntoABox()
    {
        await _h.PostAsync(BriefingFlowHarness.Chair, ComposeScreen.Open, new OpenBriefingData(AuditId));

        var json = await _h.PostAsync(BriefingFlowHarness.Chair, ComposeScreen.EditSave, new EditSaveData(AuditId, 1,
            BriefingBoxKind.WorkedWell, null, "In NAI-2026-03-C2 the GP was told the same day.\nIn case NAI-2026-03-C9 records were clear.",
            null));

        Assert.Contains("Not saved: it contains a case reference, which must not reach team channels.", json, StringComparison.Ordinal);
        Assert.Contains(JsonText("Found: \"NAI-2026-03-C2\", \"NAI-2026-03-C9\"."), json, StringComparison.Ordinal);
        Assert.Single((await _h.RecordAsync()).Versions);
    }

    [Fact]
    public async Task ApproveRefusesIdentifiersComposedFromTheWorkshop()
    {
        // An idea whose author confirmed the identifier warning reaches the outcome, and composing does not scan it.
        _h.Workshop.Outcome = new WorkshopOutcome(AuditId,
            [new RankedIdea("Jayden Smith, DOB 03/04/2015, was seen the same day", IdeaBoardKind.WorkedWell, 7, 1, "Police", null, null)],
            []);
        var preview = await _h.PostAsync(BriefingFlowHarness.Chair, ComposeScreen.Open, new OpenBriefingData(AuditId));

        var json = await _h.PostAsync(BriefingFlowHarness.Chair, ComposeScreen.Approve, new ApproveData(AuditId, 1));

        Assert.Contains("Check for personal information: Found", preview, StringComparison.Ordinal);
        Assert.Contains("The briefing cannot be approved yet. Found 2 possible identifiers", json, StringComparison.Ordinal);
        Assert.Null((await _h.RecordAsync()).ApprovedVersion);
    }

    /// <summary>A text as the card's JSON carries it (quotes and line breaks escaped).</summary>
    private static string JsonText(string text) => System.Text.Json.JsonSerializer.Serialize(text, BotJson.Options)[1..^1];
}
