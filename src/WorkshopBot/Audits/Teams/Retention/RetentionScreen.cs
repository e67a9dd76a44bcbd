using Microsoft.Extensions.Options;
using WorkshopBot.Audits.Domain;
using WorkshopBot.Audits.Storage;
using WorkshopBot.Common;
using WorkshopBot.Common.Storage;
using WorkshopBot.Common.Teams;
using WorkshopBot.Hosting;
using WorkshopBot.Protocol.Routing;
using WorkshopBot.Protocol.Schema;

namespace WorkshopBot.Audits.Teams;

/// <summary>Data of <see cref="RetentionScreen.Save"/>: the months after closure typed in.</summary>
public sealed record RetentionData(Guid AuditId, string? Months);

/// <summary>Data of <see cref="RetentionScreen.Hold"/>: place (true) or release (false) the legal hold.</summary>
public sealed record LegalHoldData(Guid AuditId, bool Hold);

/// <summary>
/// The audit's retention, a section of its dashboard for the chair or a partnership admin: how many months after closure
/// its data is kept (default 72), and a legal hold that stops the purge. Editable after closure too; every change is logged.
/// The chair cannot shorten the period below the partnership's <see cref="RetentionOptions.MinimumMonths"/> nor release a
/// hold an admin placed; each such refusal is logged (<see cref="SetRefused"/>, <see cref="ReleaseRefused"/>), without text.
/// </summary>
public sealed class RetentionScreen(ChairAccess access, AuditStore store, AuditTrail trail, IOptions<RetentionOptions> options,
    Roles roles)
{
    /// <summary>Audit-log action: the chair asked for a period below the partnership's minimum.</summary>
    public const string SetRefused = "audit.retention-set-refused";

    /// <summary>Audit-log action: the chair asked to release a hold the partnership placed.</summary>
    public const string ReleaseRefused = "audit.legal-hold-release-refused";

    public const string Retention = "audit.retention";
    public const string Save = "audit.retention.save";
    public const string Hold = "audit.retention.hold";

    public static void Map(ActivityRouter router)
    {
        ArgumentNullException.ThrowIfNull(router);
        router.OnCardAction<AuditRefData>(Retention, (t, d, ct) => t.Screen<RetentionScreen>().ShowAsync(t, d, ct));
        router.OnCardAction<RetentionData>(Save, (t, d, ct) => t.Screen<RetentionScreen>().SaveAsync(t, d, ct));
        router.OnCardAction<LegalHoldData>(Hold, (t, d, ct) => t.Screen<RetentionScreen>().HoldAsync(t, d, ct));
    }

    public async Task<InvokeResponse> ShowAsync(TurnContext turn, AuditRefData data, CancellationToken ct)
    {
        var chaired = await access.AuditAsync(turn, data.AuditId, ct).ConfigureAwait(false);
        return chaired.Refused
            ? chaired.Refusal
            : Reply.Card(RetentionCard.Retention(chaired.Value, Viewer(turn)));
    }

    public async Task<InvokeResponse> SaveAsync(TurnContext turn, RetentionData data, CancellationToken ct)
    {
        var chaired = await access.AuditAsync(turn, data.AuditId, ct).ConfigureAwait(false);
        if (chaired.Refused)
        {
            return chaired.Refusal;
        }

        var months = CardInput.WholeNumber(data.Months, RetentionPolicy.MinMonths, RetentionPolicy.MaxMonths);
        var viewer = Viewer(turn);
        // The same period saved again (a double click, or Teams retrying under a new activity id) changes and logs nothing.
        var changed = await store.ChangeAuditAsync(data.AuditId, a => months is { } m
            ? a.Retention.RetainForMonthsAfterClosure == m
                ? DomainResult.Fail(DomainErrorKind.AlreadyDone, "Already kept for that period.")
                : viewer.Admin ? a.SetRetention(m) : a.SetRetention(m, viewer.MinimumMonths)
            : DomainResult.Invalid($"Retention is 1 to {RetentionPolicy.MaxMonths} months after closure."), ct).ConfigureAwait(false);
        if (changed is { Status: ChangeStatus.Refused, Result.Error.Kind: DomainErrorKind.AlreadyDone, Value: { } same })
        {
            return Reply.Card(Card(same, viewer, $"Kept for {months} months after closure.", Tone.Success));
        }

        if (changed is { Status: ChangeStatus.Refused, Result.Error.Kind: DomainErrorKind.NotAllowed })
        {
            await trail.RecordAsync(turn.Person(), SetRefused, AuditSubjects.Audit, data.AuditId,
                new { months, minimum = viewer.MinimumMonths }, ct).ConfigureAwait(false);
        }

        if (!changed.Saved)
        {
            return ChairAccess.NotSaved(changed, (a, message) => Card(a, viewer, message + " Nothing was changed.", Tone.Warning));
        }

        await trail.RecordAsync(turn.Person(), "audit.retention-set", AuditSubjects.Audit, data.AuditId, new { months }, ct)
            .ConfigureAwait(false);
        return Reply.Card(Card(changed.Value!, viewer, $"Kept for {months} months after closure.", Tone.Success));
    }

    public async Task<InvokeResponse> HoldAsync(TurnContext turn, LegalHoldData data, CancellationToken ct)
    {
        var chaired = await access.AuditAsync(turn, data.AuditId, ct).ConfigureAwait(false);
        if (chaired.Refused)
        {
            return chaired.Refusal;
        }

        var viewer = Viewer(turn);
        var changed = await store.ChangeAuditAsync(data.AuditId,
            a => data.Hold ? a.PlaceLegalHold(viewer.Admin) : a.ReleaseLegalHold(viewer.Admin), ct).ConfigureAwait(false);
        if (changed is { Status: ChangeStatus.Refused, Result.Error.Kind: DomainErrorKind.NotAllowed })
        {
            await trail.RecordAsync(turn.Person(), ReleaseRefused, AuditSubjects.Audit, data.AuditId,
                new { hold = data.Hold, heldBy = "partnership" }, ct).ConfigureAwait(false);
        }

        if (!changed.Saved)
        {
            return ChairAccess.NotSaved(changed, (a, message) => Card(a, viewer, message, Tone.Warning));
        }

        await trail.RecordAsync(turn.Person(), data.Hold ? "audit.legal-hold-placed" : "audit.legal-hold-released", AuditSubjects.Audit,
            data.AuditId, new { hold = data.Hold, byPartnership = viewer.Admin }, ct).ConfigureAwait(false);
        return Reply.Card(Card(changed.Value!, viewer,
            !data.Hold ? "Legal hold released: the audit is purged when its retention period has passed."
            : viewer.Admin ? "Legal hold placed for the partnership: nothing of this audit is purged until a partnership admin "
                + "releases it."
            : "Legal hold placed: nothing of this audit is purged until it is released.", Tone.Success));
    }

    private RetentionViewer Viewer(TurnContext turn) =>
        new(roles.IsAdmin(turn.Person()), options.Value.MinimumMonths, options.Value.KeepPublishedBriefing);

    private static Cards.AdaptiveCard Card(Audit audit, RetentionViewer viewer, string message, Tone tone) =>
        RetentionCard.Retention(audit, viewer, message, tone);
}
