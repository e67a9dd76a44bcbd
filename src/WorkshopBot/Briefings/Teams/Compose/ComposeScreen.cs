using WorkshopBot.Audits.Domain;
using WorkshopBot.Audits.Storage;
using WorkshopBot.Briefings.Domain;
using WorkshopBot.Briefings.Storage;
using WorkshopBot.Cards;
using WorkshopBot.Common;
using WorkshopBot.Common.Teams;
using WorkshopBot.Hosting;
using WorkshopBot.Protocol.Routing;
using WorkshopBot.Protocol.Schema;

namespace WorkshopBot.Briefings.Teams;

/// <summary>Data of <see cref="ComposeScreen.Open"/>.</summary>
public sealed record OpenBriefingData(Guid AuditId);

/// <summary>Data of <see cref="ComposeScreen.EditForm"/>.</summary>
public sealed record EditFormData(Guid AuditId, int Version, BriefingBoxKind Box);

/// <summary>Inputs "lead", "points" (one per line) and "questions" (one per line) arrive merged into the data.</summary>
public sealed record EditSaveData(Guid AuditId, int Version, BriefingBoxKind Box, string? Lead, string? Points, string? Questions);

/// <summary>A null <see cref="Box"/> regenerates every box.</summary>
public sealed record RegenerateData(Guid AuditId, int Version, BriefingBoxKind? Box);

/// <summary>Data of <see cref="ComposeScreen.Approve"/>.</summary>
public sealed record ApproveData(Guid AuditId, int Version);

/// <summary>
/// The chair composes the briefing in their personal chat: picks an audit, reviews the composed briefing, edits or
/// regenerates a box, and approves a version. Every change is a new version; nothing changes on bad input.
/// </summary>
public sealed class ComposeScreen(
    BriefingAccess access,
    BriefingInputs inputs,
    BriefingStore store,
    BriefingComposer composer,
    BriefingPrivacy privacy,
    AuditTrail trail,
    AuditStages stages,
    Roles roles,
    TimeProvider time)
{
    public const string Open = "briefing.open";
    public const string EditForm = "briefing.edit.form";
    public const string EditSave = "briefing.edit.save";
    public const string Regenerate = "briefing.regenerate";
    public const string Approve = "briefing.approve";

    private DateOnly Today => EnglandTime.Today(time);

    public static void Map(ActivityRouter router)
    {
        ArgumentNullException.ThrowIfNull(router);
        router.OnCommand("briefing", (turn, _, ct) => turn.Screen<ComposeScreen>().SendPickerAsync(turn, ct));
        router.OnCardAction<OpenBriefingData>(Open, (turn, d, ct) => turn.Screen<ComposeScreen>().OpenAsync(turn, d, ct));
        router.OnCardAction<EditFormData>(EditForm, (turn, d, ct) => turn.Screen<ComposeScreen>().EditFormAsync(turn, d, ct));
        router.OnCardAction<EditSaveData>(EditSave, (turn, d, ct) => turn.Screen<ComposeScreen>().EditSaveAsync(turn, d, ct));
        router.OnCardAction<RegenerateData>(Regenerate, (turn, d, ct) => turn.Screen<ComposeScreen>().RegenerateAsync(turn, d, ct));
        router.OnCardAction<ApproveData>(Approve, (turn, d, ct) => turn.Screen<ComposeScreen>().ApproveAsync(turn, d, ct));
    }

    public async Task SendPickerAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        if (!turn.IsPersonal)
        {
            await turn.SendTextAsync("Briefings are prepared in private: open your personal chat with me and type **briefing**.",
                cancellationToken).ConfigureAwait(false);
            return;
        }

        var audits = await inputs.ListBriefableAsync(turn.Person(), roles.IsAdmin(turn.Person()), cancellationToken).ConfigureAwait(false);
        await turn.SendCardAsync(AdaptiveCardJson.ToJsonElement(ComposeCard.AuditPicker(audits)), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The preview of the latest version; the first open composes version 1.</summary>
    public async Task<InvokeResponse> OpenAsync(TurnContext turn, OpenBriefingData data, CancellationToken cancellationToken)
    {
        // Held: the first open composes version 1, which a close landing before the commit must stop.
        var audit = await access.ChairAuditHeldAsync(turn, data.AuditId, cancellationToken).ConfigureAwait(false);
        if (audit.Refused)
        {
            return audit.Refusal;
        }

        var record = await store.GetAsync(audit.Value.Id, cancellationToken).ConfigureAwait(false);
        if (!BriefingAccess.IsUnderWay(audit.Value) && (record is null || audit.Value.Status == AuditStatus.Draft))
        {
            // Nothing is composed for a draft or a closed audit; a closed audit's briefing can still be read.
            return BriefingAccess.NotUnderWay();
        }

        if (record is null)
        {
            var source = await inputs.LoadSourceAsync(audit.Value, cancellationToken).ConfigureAwait(false);
            var composed = BriefingRecord.Start(composer.Compose(source, Today), turn.Person(), time.GetUtcNow());
            if (await store.TryInsertAsync(composed, cancellationToken).ConfigureAwait(false))
            {
                await trail.RecordAsync(turn.Person(), "briefing.composed", "briefing", audit.Value.Id, new { version = 1 },
                    cancellationToken).ConfigureAwait(false);
            }

            record = await store.GetAsync(audit.Value.Id, cancellationToken).ConfigureAwait(false);
        }

        return Preview(record!);
    }

    public async Task<InvokeResponse> EditFormAsync(TurnContext turn, EditFormData data, CancellationToken cancellationToken)
    {
        var briefing = await access.ChairBriefingUnderWayAsync(turn, data.AuditId, cancellationToken).ConfigureAwait(false);
        if (briefing.Refused)
        {
            return briefing.Refusal;
        }

        if (!Enum.IsDefined(data.Box))
        {
            return UnknownBox(data.AuditId);
        }

        var record = briefing.Value.Record;
        return data.Version != record.Latest.Number
            ? Preview(record, $"The briefing has changed since that card was shown; this is version {record.Latest.Number}.")
            : Reply.Card(ComposeCard.EditForm(record.Latest.Content, data.Version, data.Box));
    }

    public async Task<InvokeResponse> EditSaveAsync(TurnContext turn, EditSaveData data, CancellationToken cancellationToken)
    {
        var briefing = await access.ChairBriefingUnderWayAsync(turn, data.AuditId, cancellationToken).ConfigureAwait(false);
        if (briefing.Refused)
        {
            return briefing.Refusal;
        }

        if (!Enum.IsDefined(data.Box))
        {
            return UnknownBox(data.AuditId);
        }

        var current = briefing.Value.Record.Latest.Content;
        var edited = current.EditBox(data.Box, data.Lead, data.Points, data.Questions);
        if (!edited.Succeeded)
        {
            return EditAgain(current, data, edited.Message);
        }

        // Checked before it is kept, as approval checks it: only the edited box, so a chair can clear a briefing that was
        // composed with a finding box by box. Refused outright (no confirming), since the text goes to team channels.
        var box = edited.Value!.Box(data.Box);
        var refusal = privacy.Screen(string.Join("\n", box.AllText()), briefing.Value.CaseReferences)
            .Refusal("Not saved", "Remove it and save again; your text is below.");
        return refusal is not null
            ? EditAgain(current, data, refusal)
            : await AddVersionAsync(turn, data.AuditId, edited.Value!, $"Edited \"{box.Title}\"", data.Version, "briefing.edited",
                new { box = data.Box.ToString() }, message => EditAgain(current, data, message), cancellationToken).ConfigureAwait(false);
    }

    public async Task<InvokeResponse> RegenerateAsync(TurnContext turn, RegenerateData data, CancellationToken cancellationToken)
    {
        var briefing = await access.ChairBriefingUnderWayAsync(turn, data.AuditId, cancellationToken).ConfigureAwait(false);
        if (briefing.Refused)
        {
            return briefing.Refusal;
        }

        if (data.Box is { } kind && !Enum.IsDefined(kind))
        {
            return UnknownBox(data.AuditId);
        }

        var source = await inputs.LoadSourceAsync(briefing.Value.Audit, cancellationToken).ConfigureAwait(false);
        var regenerated = composer.Regenerate(briefing.Value.Record.Latest.Content, source, Today, data.Box);
        var change = data.Box is { } box ? $"Regenerated \"{BriefingComposer.TitleOf(box)}\"" : "Regenerated every box";
        return await AddVersionAsync(turn, data.AuditId, regenerated, change, data.Version, "briefing.regenerated",
            new { box = data.Box?.ToString() ?? "all" }, message => BriefingReply.Refusal("Not saved", message, data.AuditId),
            cancellationToken).ConfigureAwait(false);
    }

    public async Task<InvokeResponse> ApproveAsync(TurnContext turn, ApproveData data, CancellationToken cancellationToken)
    {
        var briefing = await access.ChairBriefingUnderWayAsync(turn, data.AuditId, cancellationToken).ConfigureAwait(false);
        if (briefing.Refused)
        {
            return briefing.Refusal;
        }

        var caseReferences = briefing.Value.CaseReferences;
        var approved = await store.ChangeAsync(data.AuditId,
            record => record.Approve(data.Version, turn.Person(), time.GetUtcNow(), privacy.Identifiers, caseReferences,
                DiscussionCard.TooLargeToPost),
            cancellationToken).ConfigureAwait(false);
        if (approved.Value is null)
        {
            return BriefingAccess.NoBriefingYet(data.AuditId);
        }

        if (!approved.Saved)
        {
            return Preview(approved.Value, approved.Message);
        }

        await trail.RecordAsync(turn.Person(), "briefing.approved", "briefing", data.AuditId, new { version = data.Version },
            cancellationToken).ConfigureAwait(false);
        // The chair's first approval moves the audit on to the briefing stage (through the workshop's, when no poll did).
        await stages.ReachedAsync(data.AuditId, AuditStatus.Briefing, turn.Person(), briefing.Value.Audit, cancellationToken)
            .ConfigureAwait(false);
        return Preview(approved.Value, $"Version {data.Version} is approved. Choose Publish to post it to team channels.");
    }

    /// <summary>
    /// Keeps a new version, unless someone saved another since the chair's card was shown (then the latest is shown) or it
    /// is refused (then <paramref name="notSaved"/> answers with why).
    /// </summary>
    private async Task<InvokeResponse> AddVersionAsync(TurnContext turn, Guid auditId, Briefing content, string change, int basedOn,
        string action, object detail, Func<string, InvokeResponse> notSaved, CancellationToken cancellationToken)
    {
        var person = turn.Person();
        var added = await store.ChangeAsync(auditId, record => record.AddVersion(content, change, basedOn, person, time.GetUtcNow()),
            cancellationToken).ConfigureAwait(false);
        if (added.Value is null)
        {
            return BriefingAccess.NoBriefingYet(auditId);
        }

        if (!added.Saved)
        {
            // Stale: the chair worked from an older version (or others kept saving); show the latest one.
            return added.Result.Error!.Kind == DomainErrorKind.Stale
                ? Preview(added.Value, added.Message)
                : notSaved(added.Message);
        }

        var number = added.Result.Value!.Number;
        await trail.RecordAsync(person, action, "briefing", auditId, new { version = number, detail }, cancellationToken)
            .ConfigureAwait(false);
        // Kept, so nothing the chair typed is lost, but they are told at once why it cannot be approved as it stands.
        return Preview(added.Value, GradeChart.Disagreement(content) is { } disagreement
            ? $"Saved as version {number}. {disagreement} It cannot be approved until then."
            : $"Saved as version {number}.");
    }

    private InvokeResponse Preview(BriefingRecord record, string? notice = null) =>
        Reply.Card(ComposeCard.Preview(record, notice, privacy.CheckLatest(record)));

    /// <summary>The edit form again with what the chair typed and why it was not saved, so nothing typed is lost.</summary>
    private static InvokeResponse EditAgain(Briefing current, EditSaveData typed, string whyNotSaved) =>
        Reply.Card(ComposeCard.EditForm(current, typed.Version, typed.Box, typed, whyNotSaved));

    private static InvokeResponse UnknownBox(Guid auditId) =>
        BriefingReply.Refusal("Unknown box", "That box is not part of the briefing.", auditId);
}
