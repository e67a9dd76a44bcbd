using WorkshopBot.Audits.Domain;
using WorkshopBot.Cards;
using WorkshopBot.Common;
using WorkshopBot.Common.Teams;
using static WorkshopBot.Common.Teams.CardKit;

namespace WorkshopBot.Audits.Teams;

/// <summary>
/// The "Edit details" form: the audit's title and theme, its settings while a draft, its reminders until the returns are
/// released, and its data-protection record, each prefilled with the audit's value (or with what was typed, when a save
/// was refused).
/// </summary>
public static class DetailsCard
{
    public static AdaptiveCard Form(Audit audit, AuditDetailsData? typed = null, string? message = null)
    {
        ArgumentNullException.ThrowIfNull(audit);
        var dp = audit.DataProtection;
        var body = new List<CardElement>
        {
            Heading($"Edit details: {Literal(audit.Title)}"),
            Subtle(audit.SettingsEditable
                ? "While the audit is a draft you can change any of these."
                : "The audit has been issued, so its grade scale, look-back period and returns due date are fixed. To give agencies "
                    + "more time, use Extend due date on the returns tracker."),
        };
        body.AddRange(Message(message, Tone.Warning));
        body.Add(new TextInput
        {
            Id = "title", Label = "Title (shown in channel posts)", IsRequired = true, ErrorMessage = "Give the audit a title.",
            MaxLength = Audit.MaxTitleLength, Value = Clip(typed?.Title, Audit.MaxTitleLength) ?? audit.Title,
        });
        body.Add(new TextInput
        {
            Id = "theme", Label = "Theme in your words (the audit tool's theme if empty)", MaxLength = Audit.MaxTitleLength,
            Value = Clip(typed?.Theme, Audit.MaxTitleLength) ?? audit.ThemeName,
        });
        if (audit.SettingsEditable)
        {
            body.Add(new ChoiceSetInput
            {
                Id = "gradeScaleKey", Label = "Grade scale", Style = ChoiceInputStyle.Compact,
                Value = typed?.GradeScaleKey ?? audit.GradeScale.Key,
                Choices = GradeScales.All.Select(s => new Choice(s.Name, s.Key)).ToList(),
            });
            body.Add(new NumberInput
            {
                Id = "lookBackMonths", Label = "Look-back period (months)", Min = 1, Max = LookBackPeriod.MaxMonths,
                Value = CardInput.Number(typed?.LookBackMonths) ?? audit.LookBack.Months,
            });
            body.Add(new DateInput
            {
                Id = "returnsDue", Label = "Returns due", IsRequired = true, ErrorMessage = "Choose the date returns are due.",
                Value = CardInput.Date(typed?.ReturnsDue) ?? (audit.ReturnsDueAt is { } due ? EnglandTime.DateOf(due) : null),
            });
        }

        if (audit.RemindersEditable)
        {
            body.Add(new NumberInput
            {
                Id = "reminderDays", Label = "Remind representatives this many days before the due date", Min = 0,
                Max = ReminderSettings.MaxDaysBeforeDue, Value = CardInput.Number(typed?.ReminderDays) ?? audit.Reminders.DaysBeforeDue,
            });
        }

        body.Add(Subheading("Data protection"));
        body.Add(Small("References only: never a child's or family member's details."));
        body.Add(Reference("lawfulBasis", "Lawful basis (e.g. UK GDPR Article 6(1)(e) and 9(2)(h))", typed?.LawfulBasis ?? dp.LawfulBasis));
        body.Add(Reference("dpiaReference", "DPIA reference", typed?.DpiaReference ?? dp.DpiaReference));
        body.Add(Reference("dataSharingAgreement", "Data-sharing agreement reference",
            typed?.DataSharingAgreement ?? dp.DataSharingAgreementReference));
        return new AdaptiveCard
        {
            FallbackText = $"Edit details: {audit.Title}",
            Body = body,
            Actions =
            [
                Go(DetailsScreen.Save, new AuditRefData(audit.Id), "Save details", ActionStyle.Positive),
                Go(DashboardScreen.Dashboard, new AuditRefData(audit.Id), "Back to the audit"),
            ],
        };
    }

    /// <summary>The fields changed, in words, for the chair's message: "title and DPIA reference".</summary>
    public static string Describe(IReadOnlyList<string> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var words = fields.Select(f => f switch
        {
            Audit.DetailFields.Title => "title",
            Audit.DetailFields.Theme => "theme",
            Audit.DetailFields.GradeScale => "grade scale",
            Audit.DetailFields.LookBack => "look-back period",
            Audit.DetailFields.ReturnsDue => "returns due date",
            Audit.DetailFields.Reminders => "reminders",
            Audit.DetailFields.LawfulBasis => "lawful basis",
            Audit.DetailFields.DpiaReference => "DPIA reference",
            _ => "data-sharing agreement reference",
        }).ToList();
        return words.Count == 1 ? words[0] : $"{string.Join(", ", words.Take(words.Count - 1))} and {words[^1]}";
    }

    private static TextInput Reference(string id, string label, string? value) =>
        new() { Id = id, Label = label, MaxLength = DataProtectionRecord.MaxLength, Value = Clip(value, DataProtectionRecord.MaxLength) };
}
