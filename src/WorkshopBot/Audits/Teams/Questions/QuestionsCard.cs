using WorkshopBot.Audits.Domain;
using WorkshopBot.Cards;
using WorkshopBot.Common.Privacy;
using WorkshopBot.Common.Teams;
using static WorkshopBot.Common.Teams.CardKit;

namespace WorkshopBot.Audits.Teams;

/// <summary>The question set, one section at a time, and the form that adds or edits a question.</summary>
public static class QuestionsCard
{
    public static AdaptiveCard Questions(Audit audit, string? sectionId, string? message = null, Tone tone = Tone.Info)
    {
        var sections = audit.Questions.Sections;
        var section = audit.Questions.FindSection(sectionId) ?? sections.FirstOrDefault();
        var body = new List<CardElement>
        {
            Heading($"Audit tool: {Literal(audit.Title)}"),
            Subtle("Choose a section, then add, edit, remove or reorder its questions."),
        };
        body.AddRange(Message(message, tone));
        body.Add(SectionPicker(audit, sections, section));
        if (section is not null)
        {
            var number = sections.ToList().FindIndex(s => s.Id == section.Id) + 1;
            body.Add(Subheading($"Section {number} of {sections.Count}: {Literal(section.Title)}"));
            for (var i = 0; i < section.Questions.Count; i++)
            {
                body.Add(QuestionRow(audit, section, number, i));
            }

            var add = new EditQuestionData(audit.Id, section.Id, null);
            body.Add(Buttons(Go(QuestionsScreen.EditQuestion, add, "Add a question to this section", ActionStyle.Positive)));
        }

        body.Add(new TextInput
        {
            Id = "sectionTitle", Label = "New section title", MaxLength = QuestionSet.MaxSectionTitleLength, Separator = true,
        });
        body.Add(Buttons(Go(QuestionsScreen.AddSection, new { auditId = audit.Id }, "Add section")));
        return new AdaptiveCard
        {
            FallbackText = "Shape the audit tool",
            MsTeams = TeamsCardProperties.FullWidth,
            Body = body,
            Actions = [Go(DashboardScreen.Dashboard, new AuditRefData(audit.Id), "Back to the audit")],
        };
    }

    // A picker rather than a button per section: a card shows at most five actions in a row.
    private static ColumnSet SectionPicker(Audit audit, IReadOnlyList<QuestionSection> sections, QuestionSection? section) => new()
    {
        Columns =
        [
            new Column
            {
                Width = ColumnWidth.Stretch,
                Items =
                [
                    new ChoiceSetInput
                    {
                        Id = "sectionId", Label = "Section", Style = ChoiceInputStyle.Compact, Value = section?.Id,
                        Choices = sections.Select((s, i) => new Choice($"{i + 1}. {s.Title}", s.Id)).ToList(),
                    },
                ],
            },
            new Column
            {
                Width = ColumnWidth.Auto,
                VerticalContentAlignment = VerticalContentAlignment.Bottom,
                Items = [Buttons(Go(QuestionsScreen.Questions, new { auditId = audit.Id }, "Open section"))],
            },
        ],
    };

    private static Container QuestionRow(Audit audit, QuestionSection section, int number, int i)
    {
        var q = section.Questions[i];
        var tags = new List<string>();
        if (q.IsSafetyQuestion)
        {
            tags.Add("immediate-safety question");
        }

        tags.Add(q.AppliesToAgencyTypes.Count == 0
            ? "all agencies"
            : string.Join(", ", q.AppliesToAgencyTypes.Select(AgencyTypes.DisplayName)));
        var actions = new List<CardAction> { Go(QuestionsScreen.EditQuestion, new EditQuestionData(audit.Id, section.Id, q.Id),
            $"Edit {number}.{i + 1}") };
        if (i > 0)
        {
            actions.Add(Go(QuestionsScreen.MoveQuestion, new MoveQuestionData(audit.Id, q.Id, -1), $"Move {number}.{i + 1} up"));
        }

        if (i < section.Questions.Count - 1)
        {
            actions.Add(Go(QuestionsScreen.MoveQuestion, new MoveQuestionData(audit.Id, q.Id, 1), $"Move {number}.{i + 1} down"));
        }

        actions.Add(Go(QuestionsScreen.RemoveQuestion, new QuestionRefData(audit.Id, q.Id), $"Remove {number}.{i + 1}",
            ActionStyle.Destructive));
        return new Container
        {
            Separator = true,
            Style = q.IsSafetyQuestion ? ContainerStyle.Warning : null,
            Items =
            [
                new TextBlock($"{number}.{i + 1} {Literal(q.Text)}") { Wrap = true },
                Small(string.Join(" · ", tags)),
                new ActionSet { Actions = actions },
            ],
        };
    }

    public static AdaptiveCard Form(Audit audit, string sectionId, Question? existing, SaveQuestionData? input = null,
        IReadOnlyList<FieldFinding>? findings = null, string? message = null)
    {
        var section = audit.Questions.FindSection(sectionId);
        var data = new { auditId = audit.Id, sectionId, questionId = existing?.Id };
        var types = input?.AgencyTypes ?? string.Join(",", existing?.AppliesToAgencyTypes ?? []);
        var actions = new List<CardAction>
        {
            Go(QuestionsScreen.SaveQuestion, data, existing is null ? "Add question" : "Save question", ActionStyle.Positive),
        };
        if (findings is { Count: > 0 })
        {
            actions[0] = Go(QuestionsScreen.SaveQuestion, data, "I have removed it: save", ActionStyle.Positive);
            if (FreeTextCheck.MayConfirm(findings))
            {
                var confirm = new { auditId = audit.Id, sectionId, questionId = existing?.Id, confirmNotIdentifying = true };
                actions.Add(Go(QuestionsScreen.SaveQuestion, confirm, "It is not identifying: confirm"));
            }
        }

        actions.Add(Go(QuestionsScreen.Questions, new QuestionsData(audit.Id, sectionId), "Cancel"));
        return new AdaptiveCard
        {
            FallbackText = "Edit a question",
            MsTeams = TeamsCardProperties.FullWidth,
            Body =
            [
                Heading(existing is null ? "Add a question" : "Edit question"),
                Subtle($"Section: {Literal(section?.Title)}"),
                .. Message(message, Tone.Warning),
                .. Findings(findings),
                new TextInput
                {
                    Id = "questionText", Label = "Question", IsRequired = true, ErrorMessage = "Type the question.", IsMultiline = true,
                    MaxLength = Question.MaxTextLength, Value = Clip(input?.QuestionText, Question.MaxTextLength) ?? existing?.Text,
                },
                new TextInput
                {
                    Id = "guidance", Label = "Guidance for the representative (optional)", IsMultiline = true,
                    MaxLength = Question.MaxGuidanceLength, Value = Clip(input?.Guidance, Question.MaxGuidanceLength) ?? existing?.Guidance,
                },
                new ChoiceSetInput
                {
                    Id = "agencyTypes", Label = "Which agencies answer it? (none chosen = every agency)", IsMultiSelect = true,
                    Style = ChoiceInputStyle.Compact,
                    Value = string.IsNullOrEmpty(types) ? null : types,
                    Choices = AgencyTypes.All.Select(a => new Choice(a.DisplayName, a.Type.ToString())).ToList(),
                },
                new ToggleInput
                {
                    Id = "isSafety", Title = "This is the immediate-safety question (a yes alerts the chair at once)",
                    Value = input?.IsSafety ?? (existing?.IsSafetyQuestion == true ? "true" : "false"),
                    ValueOn = "true", ValueOff = "false", Wrap = true,
                },
            ],
            Actions = actions,
        };
    }
}
