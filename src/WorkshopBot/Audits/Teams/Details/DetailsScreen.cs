using WorkshopBot.Audits.Domain;
using WorkshopBot.Audits.Storage;
using WorkshopBot.Common;
using WorkshopBot.Common.Storage;
using WorkshopBot.Common.Teams;
using WorkshopBot.Protocol.Routing;
using WorkshopBot.Protocol.Schema;

namespace WorkshopBot.Audits.Teams;

/// <summary>The "Edit details" form as Teams posts it: every input a string, absent when the form did not carry it.</summary>
public sealed record AuditDetailsData(
    Guid AuditId,
    string? Title = null,
    string? Theme = null,
    string? GradeScaleKey = null,
    string? LookBackMonths = null,
    string? ReturnsDue = null,
    string? ReminderDays = null,
    string? LawfulBasis = null,
    string? DpiaReference = null,
    string? DataSharingAgreement = null);

/// <summary>
/// "Edit details" on the dashboard: the chair (or an admin) corrects the title, theme and, while a draft, the settings the
/// creation form set (a returns due date that has passed among them, which would otherwise keep a draft from being issued),
/// and records the audit's lawful basis, DPIA and data-sharing agreement references until it is closed. Each save is logged
/// as <c>audit.details-changed</c> with the names of the fields changed, never their text; the title and references are
/// refused when they may carry an identifier, as at creation. A new title is shown on the channel's tracker at once.
/// </summary>
public sealed class DetailsScreen(
    ChairAccess access, AuditStore store, AuditTrail trail, ToolDelivery delivery, TrackerService tracker, TimeProvider time)
{
    public const string Details = "audit.details";
    public const string Save = "audit.details.save";

    /// <summary>Audit-log action of a saved change of details.</summary>
    public const string Changed = "audit.details-changed";

    public static void Map(ActivityRouter router)
    {
        ArgumentNullException.ThrowIfNull(router);
        router.OnCardAction<AuditRefData>(Details, (t, d, ct) => t.Screen<DetailsScreen>().ShowAsync(t, d, ct));
        router.OnCardAction<AuditDetailsData>(Save, (t, d, ct) => t.Screen<DetailsScreen>().SaveAsync(t, d, ct));
    }

    public async Task<InvokeResponse> ShowAsync(TurnContext turn, AuditRefData data, CancellationToken ct)
    {
        var chaired = await access.AuditAsync(turn, data.AuditId, ct).ConfigureAwait(false);
        if (chaired.Refused)
        {
            return chaired.Refusal;
        }

        return chaired.Value.Status == AuditStatus.Closed
            ? await DashboardAsync(chaired.Value, "This audit is closed, so its details can no longer be changed.", Tone.Info, ct)
                .ConfigureAwait(false)
            : Reply.Card(DetailsCard.Form(chaired.Value));
    }

    public async Task<InvokeResponse> SaveAsync(TurnContext turn, AuditDetailsData data, CancellationToken ct)
    {
        var chaired = await access.AuditAsync(turn, data.AuditId, ct).ConfigureAwait(false);
        if (chaired.Refused)
        {
            return chaired.Refusal;
        }

        var parsed = Parse(data);
        if (parsed.Error is { } error)
        {
            return Reply.Card(DetailsCard.Form(chaired.Value, data, error + " Nothing was changed."));
        }

        // The same details saved again (a double click, or Teams retrying under a new activity id) change and log nothing.
        var now = time.GetUtcNow();
        var changed = await store.ChangeAuditAsync(data.AuditId, a => a.ChangeDetails(WithReferences(parsed.Change!, a, data), now), ct)
            .ConfigureAwait(false);
        if (changed is { Status: ChangeStatus.Refused, Result.Error.Kind: DomainErrorKind.AlreadyDone, Value: { } same })
        {
            return await DashboardAsync(same, "These details are saved.", Tone.Success, ct).ConfigureAwait(false);
        }

        if (changed.Status == ChangeStatus.Refused)
        {
            // The refusal may come after part of the change was made in memory: the form is shown over the audit as stored.
            var stored = (await store.GetAuditAsync(data.AuditId, ct).ConfigureAwait(false))?.Value ?? chaired.Value;
            return stored.Status == AuditStatus.Closed
                ? await DashboardAsync(stored, changed.Message + " Nothing was changed.", Tone.Warning, ct).ConfigureAwait(false)
                : Reply.Card(DetailsCard.Form(stored, data, changed.Message + " Nothing was changed."));
        }

        if (!changed.Saved)
        {
            return ChairAccess.NotSaved(changed, (a, message) => DetailsCard.Form(a, data, message));
        }

        var audit = changed.Value!;
        var fields = changed.Result.Value!;
        await trail.RecordAsync(turn.Person(), Changed, AuditSubjects.Audit, audit.Id,
            new { fields, returnsDueAt = fields.Contains(Audit.DetailFields.ReturnsDue) ? audit.ReturnsDueAt : null }, ct)
            .ConfigureAwait(false);
        var shown = fields.Contains(Audit.DetailFields.Title) || fields.Contains(Audit.DetailFields.Theme);
        var reached = !shown || await tracker.RefreshAsync(audit.Id, ct).ConfigureAwait(false);
        var message = TrackerService.WithChannelNote($"Details saved: {DetailsCard.Describe(fields)}.", reached);
        return await DashboardAsync(audit, message, reached ? Tone.Success : Tone.Warning, ct).ConfigureAwait(false);
    }

    /// <summary>The change the form asks for, or what is wrong with its numbers and date (text is the domain's to check).</summary>
    private static (AuditDetailsChange? Change, string? Error) Parse(AuditDetailsData data)
    {
        DateOnly? due = null;
        if (!string.IsNullOrWhiteSpace(data.ReturnsDue))
        {
            if (CardInput.Date(data.ReturnsDue) is not { } date)
            {
                return (null, "The returns due date is not a date.");
            }

            due = date;
        }

        int? months = null;
        if (!string.IsNullOrWhiteSpace(data.LookBackMonths))
        {
            months = CardInput.WholeNumber(data.LookBackMonths, 1, LookBackPeriod.MaxMonths);
            if (months is null)
            {
                return (null, $"The look-back period is a whole number of months, 1 to {LookBackPeriod.MaxMonths}.");
            }
        }

        int? days = null;
        if (!string.IsNullOrWhiteSpace(data.ReminderDays))
        {
            days = CardInput.WholeNumber(data.ReminderDays, 0, ReminderSettings.MaxDaysBeforeDue);
            if (days is null)
            {
                return (null, $"Reminders are sent 0 to {ReminderSettings.MaxDaysBeforeDue} days before the due date.");
            }
        }

        var scale = string.IsNullOrWhiteSpace(data.GradeScaleKey) ? null : data.GradeScaleKey.Trim();
        return (new AuditDetailsChange(data.Title, data.Theme, scale, months, due, days), null);
    }

    /// <summary>The references the form carries, over the audit's as read in this attempt: one the form left out is kept.</summary>
    private static AuditDetailsChange WithReferences(AuditDetailsChange change, Audit audit, AuditDetailsData data) =>
        data.LawfulBasis is null && data.DpiaReference is null && data.DataSharingAgreement is null
            ? change
            : change with
            {
                DataProtection = new DataProtectionRecord(
                    data.LawfulBasis ?? audit.DataProtection.LawfulBasis,
                    data.DpiaReference ?? audit.DataProtection.DpiaReference,
                    data.DataSharingAgreement ?? audit.DataProtection.DataSharingAgreementReference),
            };

    private async Task<InvokeResponse> DashboardAsync(Audit audit, string message, Tone tone, CancellationToken ct)
    {
        var channel = (await store.GetChannelAsync(audit.Id, ct).ConfigureAwait(false))?.Value;
        var delivered = channel is null ? null : await delivery.SummaryAsync(audit, channel, ct).ConfigureAwait(false);
        return Reply.Card(DashboardCard.Dashboard(audit, delivered, message, tone, time.GetUtcNow()));
    }
}
