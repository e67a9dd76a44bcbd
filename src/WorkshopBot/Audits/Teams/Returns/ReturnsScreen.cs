using System.Text.Json;
using System.Text.Json.Serialization;
using WorkshopBot.Audits.Domain;
using WorkshopBot.Audits.Storage;
using WorkshopBot.Cards;
using WorkshopBot.Common;
using WorkshopBot.Common.Privacy;
using WorkshopBot.Common.Teams;
using WorkshopBot.Protocol.Routing;
using WorkshopBot.Protocol.Schema;

namespace WorkshopBot.Audits.Teams;

/// <summary>Opens a return at a step (and page within a section's step): -1 is the overview, past the last step the review.</summary>
public sealed record ReturnRefData(Guid AuditId, Guid ReturnId, int Step = 0, int Page = 0);

/// <summary>
/// Saves one page of a section. Answers arrive as inputs named <c>a:{questionId}</c> (value) and
/// <c>n:{questionId}</c> (narrative), collected into <see cref="Inputs"/> and read only by <see cref="ReturnAnswers"/>.
/// </summary>
public sealed record SaveSectionData(
    Guid AuditId,
    Guid ReturnId,
    string SectionId,
    int Step,
    int Page,
    int Version,
    string? Move,
    bool ConfirmNotIdentifying = false)
{
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Inputs { get; init; }
}

/// <summary>
/// Saves the learning and grade, or the page of them a card shows (<see cref="Page"/>). <see cref="Fields"/>: the inputs on
/// that card (<see cref="ReturnSummaryFields"/>), so a part not on it is left as it is, while one on it and not sent (Teams
/// sends no value for an input left empty) is cleared. Cards sent before they named their inputs carry none: every part.
/// </summary>
public sealed record SaveSummaryData(
    Guid AuditId,
    Guid ReturnId,
    int Step,
    int Version,
    string? Move,
    string? GoodPractice,
    string? AreasForDevelopment,
    string? Recommendations,
    string? Grade,
    bool ConfirmNotIdentifying = false,
    int Page = 0,
    IReadOnlyList<string>? Fields = null);

public sealed record SubmitReturnData(Guid AuditId, Guid ReturnId, int Version);

public sealed record AskReopenData(Guid AuditId, Guid ReturnId, string? Reason, bool ConfirmNotIdentifying = false);

/// <summary>Where to go after saving a step.</summary>
public static class ReturnMoves
{
    public const string Next = "next";
    public const string Back = "back";
    public const string Stay = "stay";
}

/// <summary>A return opened by the representative of its agency.</summary>
public sealed record RepresentedReturn(Audit Audit, AuditReturn Return, PersonRef Representative);

/// <summary>
/// The representative's audit tool, in their 1:1 chat: each section step by step, the learning-and-grade summary,
/// review, submit (once), and asking the chair to reopen a submitted return. "my audits" lists their tools.
/// </summary>
public sealed partial class ReturnsScreen(
    AuditStore store,
    AuditTrail trail,
    FreeTextCheck privacy,
    AuditMessenger messenger,
    TrackerService tracker,
    SafetyAlerts safety,
    TimeProvider time)
{
    public const string OpenReturn = "return.open";
    public const string SaveSection = "return.section.save";
    public const string SaveSummary = "return.summary.save";
    public const string ConfirmSubmit = "return.submit.confirm";
    public const string Submit = "return.submit";
    public const string AskReopen = "return.reopen.ask";

    public static void Map(ActivityRouter router)
    {
        ArgumentNullException.ThrowIfNull(router);
        router.OnCommand("my audits", (turn, _, ct) => turn.Screen<ReturnsScreen>().MyAuditsAsync(turn, ct));
        router.OnCardAction<ReturnRefData>(OpenReturn, (t, d, ct) => t.Screen<ReturnsScreen>().OpenAsync(t, d, ct));
        router.OnCardAction<SaveSectionData>(SaveSection, (t, d, ct) => t.Screen<ReturnsScreen>().SaveSectionAsync(t, d, ct));
        router.OnCardAction<SaveSummaryData>(SaveSummary, (t, d, ct) => t.Screen<ReturnsScreen>().SaveSummaryAsync(t, d, ct));
        router.OnCardAction<SubmitReturnData>(ConfirmSubmit, (t, d, ct) => t.Screen<ReturnsScreen>().ConfirmSubmitAsync(t, d, ct));
        router.OnCardAction<SubmitReturnData>(Submit, (t, d, ct) => t.Screen<ReturnsScreen>().SubmitAsync(t, d, ct));
        router.OnCardAction<AskReopenData>(AskReopen, (t, d, ct) => t.Screen<ReturnsScreen>().AskReopenAsync(t, d, ct));
    }

    /// <summary>"my audits": every audit tool assigned to this person.</summary>
    public async Task MyAuditsAsync(TurnContext turn, CancellationToken ct)
    {
        if (!await PersonalLists.InPersonalChatAsync(turn, "my audits", ct).ConfigureAwait(false))
        {
            return;
        }

        var mine = await store.ListReturnsRepresentedByAsync(turn.Person(), ct).ConfigureAwait(false);
        await turn.SendCardAsync(AdaptiveCardJson.ToJsonElement(ReturnsCard.MyAudits(mine)), ct).ConfigureAwait(false);
    }

    public async Task<InvokeResponse> OpenAsync(TurnContext turn, ReturnRefData data, CancellationToken ct)
    {
        var represented = await RepresentedAsync(turn, data.AuditId, data.ReturnId, ct).ConfigureAwait(false);
        if (represented.Refused)
        {
            return represented.Refusal;
        }

        var (audit, ret, _) = represented.Value;
        return ret.IsReadOnly || data.Step < 0
            ? Reply.Card(ReturnsCard.Overview(audit, ret))
            : Reply.Card(StepCard(audit, ret, data.Step, data.Page, ReturnSteps.Build(ret)));
    }

    /// <summary>The card of a step: a page of a section, the summary, or (past the last step) the review.</summary>
    private static AdaptiveCard StepCard(Audit audit, AuditReturn ret, int step, int page, IReadOnlyList<ReturnStep> steps,
        string? message = null, Tone tone = Tone.Warning)
    {
        if (step >= steps.Count)
        {
            return ReturnsCard.Review(audit, ret, message, tone);
        }

        var s = steps[Math.Max(0, step)];
        return s.IsSummary
            ? ReturnsCard.Summary(audit, ret, s.Index, message: message, tone: tone, page: page)
            : ReturnsCard.Section(audit, ret, s.Index, page, message: message, tone: tone);
    }

    /// <summary>The one guard of this screen: the return, for the current representative of its agency only.</summary>
    private async Task<Guarded<RepresentedReturn>> RepresentedAsync(TurnContext turn, Guid auditId, Guid returnId, CancellationToken ct)
    {
        var ret = (await store.GetReturnAsync(returnId, ct).ConfigureAwait(false))?.Value;
        // Held, not only read: a close (or a change of representative) that lands before this turn's commit sends the turn
        // round again, to the refusal, so no return changes once its audit is closed.
        var audit = ret is null ? null : (await store.HoldAuditAsync(ret.AuditId, ct).ConfigureAwait(false))?.Value;
        if (ret is null || audit is null)
        {
            return Guarded<RepresentedReturn>.Refuse(Reply.NotAvailable());
        }

        // Not there, another audit's, or another agency's: one answer that names nothing.
        var me = turn.Person();
        if (ret.AuditId != auditId || audit.FindAgency(ret.AgencyId)?.Representative?.IsSamePerson(me) != true)
        {
            return Guarded<RepresentedReturn>.Refuse(Reply.NotAvailable());
        }

        return audit.Status == AuditStatus.Closed
            ? Deny("Audit closed", "This audit is closed; its returns can no longer be changed.")
            : Guarded<RepresentedReturn>.Allow(new RepresentedReturn(audit, ret, me));
    }

    private static Guarded<RepresentedReturn> Deny(string title, string text) =>
        Guarded<RepresentedReturn>.Refuse(Reply.Refusal(title, text));
}
