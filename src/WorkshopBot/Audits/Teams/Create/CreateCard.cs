using WorkshopBot.Audits.Domain;
using WorkshopBot.Cards;
using WorkshopBot.Common.Teams;
using static WorkshopBot.Common.Teams.CardKit;

namespace WorkshopBot.Audits.Teams;

/// <summary>The creation form: title, theme and audit tool, grade scale, dates and reminders.</summary>
public static class CreateCard
{
    public static AdaptiveCard Form(CreateAuditData? input = null, string? message = null, Tone tone = Tone.Warning) => new()
    {
        FallbackText = "Set up a new multi-agency audit",
        MsTeams = TeamsCardProperties.FullWidth,
        Body =
        [
            Heading("New multi-agency audit"),
            Subtle("Choose a theme and audit tool. You can shape the questions, add cases and agencies next."),
            .. Message(message, tone),
            new TextInput
            {
                Id = "title", Label = "Title", IsRequired = true, ErrorMessage = "Give the audit a title.",
                MaxLength = Audit.MaxTitleLength, Placeholder = "e.g. Neglect audit, spring 2026",
                Value = Clip(input?.Title, Audit.MaxTitleLength),
            },
            new ChoiceSetInput
            {
                Id = "templateKey", Label = "Theme and audit tool", IsRequired = true, ErrorMessage = "Choose an audit tool.",
                Style = ChoiceInputStyle.Compact,
                Value = input?.TemplateKey ?? QuestionTemplates.NonAccidentalInjury.Key,
                Choices = QuestionTemplates.All.Select(t => new Choice(t.Name, t.Key)).ToList(),
            },
            new TextInput
            {
                Id = "theme", Label = "Theme in your words (optional; the audit tool's theme if empty)", MaxLength = Audit.MaxTitleLength,
                Placeholder = "e.g. Bruising in non-mobile babies", Value = Clip(input?.Theme, Audit.MaxTitleLength),
            },
            new ChoiceSetInput
            {
                Id = "gradeScaleKey", Label = "Grade scale", Style = ChoiceInputStyle.Compact,
                Value = input?.GradeScaleKey ?? GradeScales.Default.Key,
                Choices = GradeScales.All.Select(s => new Choice(s.Name, s.Key)).ToList(),
            },
            new NumberInput
            {
                Id = "lookBackMonths", Label = "Look-back period (months)", Min = 1, Max = LookBackPeriod.MaxMonths,
                Value = CardInput.Number(input?.LookBackMonths) ?? 12,
            },
            new DateInput
            {
                Id = "returnsDue", Label = "Returns due", IsRequired = true, ErrorMessage = "Choose the date returns are due.",
                Value = CardInput.Date(input?.ReturnsDue),
            },
            new DateInput { Id = "workshopDate", Label = "Workshop date (optional)", Value = CardInput.Date(input?.WorkshopDate) },
            new NumberInput
            {
                Id = "reminderDays", Label = "Remind representatives this many days before the due date (0: on the due date, at 09:00)",
                Min = 0,
                Max = ReminderSettings.MaxDaysBeforeDue,
                Value = CardInput.Number(input?.ReminderDays) ?? ReminderSettings.Default.DaysBeforeDue,
            },
        ],
        Actions = [Go(CreateScreen.Create, new { }, "Create audit", ActionStyle.Positive)],
    };
}
