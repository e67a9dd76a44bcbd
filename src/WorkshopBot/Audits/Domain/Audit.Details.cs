using WorkshopBot.Common;
using WorkshopBot.Common.Privacy;

namespace WorkshopBot.Audits.Domain;

/// <summary>
/// The audit's details as the chair edits them after creation (the "Edit details" form). Each value is null when the form
/// did not carry it, which leaves it as it is.
/// </summary>
public sealed record AuditDetailsChange(
    string? Title = null,
    string? ThemeName = null,
    string? GradeScaleKey = null,
    int? LookBackMonths = null,
    DateOnly? ReturnsDueOn = null,
    int? ReminderDays = null,
    DataProtectionRecord? DataProtection = null);

/// <summary>
/// Editing the audit's details after creation. What may change depends on the stage: the grade scale, look-back period and
/// returns due date only while a draft (after issue the tool fixes them, and Extend on the tracker gives more time);
/// reminders until the returns are released (they stop then); the title, theme and data-protection record until the audit
/// is closed.
/// </summary>
public sealed partial class Audit
{
    /// <summary>Audit-log names of the fields <see cref="ChangeDetails"/> reports.</summary>
    public static class DetailFields
    {
        public const string Title = "title";
        public const string Theme = "theme";
        public const string GradeScale = "gradeScale";
        public const string LookBack = "lookBack";
        public const string ReturnsDue = "returnsDue";
        public const string Reminders = "reminders";
        public const string LawfulBasis = "lawfulBasis";
        public const string DpiaReference = "dpiaReference";
        public const string DataSharingAgreement = "dataSharingAgreement";
    }

    /// <summary>The grade scale, look-back period and returns due date can be changed (a draft).</summary>
    public bool SettingsEditable => Status == AuditStatus.Draft;

    /// <summary>Reminders can be changed: until the returns are released, when they stop.</summary>
    public bool RemindersEditable => Status is AuditStatus.Draft or AuditStatus.Issued;

    /// <summary>
    /// Applies every value of <paramref name="change"/> that differs from the audit's through the domain's own rules (the
    /// title's and references' identifier check among them), and gives the names of the fields changed
    /// (<see cref="DetailFields"/>). Refused as already done when nothing differs; refused as a whole at the first value
    /// refused (the store then keeps nothing). A blank theme is the audit tool's theme again.
    /// </summary>
    public DomainResult<IReadOnlyList<string>> ChangeDetails(AuditDetailsChange change, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (Status == AuditStatus.Closed)
        {
            return DomainResult<IReadOnlyList<string>>.Fail(DomainErrorKind.NotAllowed, ClosedRefusal.Message);
        }

        var changed = new List<string>();
        var steps = new List<Func<DomainResult>>();
        var title = change.Title is null ? Title : FreeText.Normalise(change.Title);
        var theme = change.ThemeName is null ? ThemeName
            : string.IsNullOrWhiteSpace(change.ThemeName) ? QuestionTemplates.Find(TemplateKey)?.Name ?? ThemeName
            : FreeText.Normalise(change.ThemeName);
        if (title != Title || theme != ThemeName)
        {
            changed.AddRange(new[] { (title != Title, DetailFields.Title), (theme != ThemeName, DetailFields.Theme) }
                .Where(f => f.Item1).Select(f => f.Item2));
            steps.Add(() => Rename(title, theme));
        }

        if (change.GradeScaleKey is { } scale && scale != GradeScale.Key)
        {
            changed.Add(DetailFields.GradeScale);
            steps.Add(() => ChooseGradeScale(scale));
        }

        if (change.LookBackMonths is { } months && months != LookBack.Months)
        {
            changed.Add(DetailFields.LookBack);
            steps.Add(() => LookBackPeriod.OfMonths(months) is { Succeeded: true } period
                ? SetLookBack(period.Value!)
                : DomainResult.Invalid($"The look-back period is 1 to {LookBackPeriod.MaxMonths} months."));
        }

        if (change.ReturnsDueOn is { } due && !AuditDates.SameDay(ReturnsDueAt, due))
        {
            changed.Add(DetailFields.ReturnsDue);
            steps.Add(() => ScheduleReturnsDue(AuditDates.ReturnsDueOn(due), now));
        }

        if (change.ReminderDays is { } days && days != Reminders.DaysBeforeDue)
        {
            changed.Add(DetailFields.Reminders);
            steps.Add(() => RemindersEditable ? SetReminders(days, now)
                : DomainResult.NotAllowed("Reminders stop once the returns are released, so they can no longer be changed."));
        }

        if (change.DataProtection is { } record && Normalised(record) is var dp && dp != DataProtection)
        {
            changed.AddRange(new[]
            {
                (dp.LawfulBasis != DataProtection.LawfulBasis, DetailFields.LawfulBasis),
                (dp.DpiaReference != DataProtection.DpiaReference, DetailFields.DpiaReference),
                (dp.DataSharingAgreementReference != DataProtection.DataSharingAgreementReference, DetailFields.DataSharingAgreement),
            }.Where(f => f.Item1).Select(f => f.Item2));
            steps.Add(() => RecordDataProtection(record.LawfulBasis, record.DpiaReference, record.DataSharingAgreementReference));
        }

        if (changed.Count == 0)
        {
            return DomainResult<IReadOnlyList<string>>.Fail(DomainErrorKind.AlreadyDone, "These details are already saved.");
        }

        foreach (var step in steps)
        {
            var result = step();
            if (!result.Succeeded)
            {
                return DomainResult<IReadOnlyList<string>>.From(result.Error!);
            }
        }

        return DomainResult<IReadOnlyList<string>>.Ok(changed);
    }

    private static DataProtectionRecord Normalised(DataProtectionRecord record) =>
        new(NullIfBlank(record.LawfulBasis), NullIfBlank(record.DpiaReference), NullIfBlank(record.DataSharingAgreementReference));
}
