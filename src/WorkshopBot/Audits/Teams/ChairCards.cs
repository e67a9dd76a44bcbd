using System.Globalization;
using WorkshopBot.Cards;
using static WorkshopBot.Audits.Teams.AuditCardKit;
using static WorkshopBot.Common.Teams.CardKit;
using WorkshopBot.Common;
using WorkshopBot.Common.Privacy;
using WorkshopBot.Common.Teams;
using WorkshopBot.Audits.Domain;

namespace WorkshopBot.Audits.Teams;

/// <summary>A member of the team, offered as a representative or named lead.</summary>
public sealed record TeamMember(string TeamsId, string UserKey, string Name);

/// <summary>Delivery of the audit tools as the outbox reports it.</summary>
public sealed record DeliverySummary(int Delivered, int Pending, IReadOnlyList<string> Unreachable)
{
    public static DeliverySummary None { get; } = new(0, 0, []);
}

/// <summary>The chair's cards: create, dashboard, question set, cases, agencies, tracker, reopen, export.</summary>
public static class ChairCards
{
    public static AdaptiveCard CreateForm(CreateAuditData? input = null, string? message = null, Tone tone = Tone.Error) => new()
    {
        FallbackText = "Set up a new multi-agency audit",
        MsTeams = TeamsCardProperties.FullWidth,
        Body =
        [
            Heading("New multi-agency audit"),
            Subtle("Choose a theme and audit tool. You can shape the questions, add cases and agencies next."),
            .. Message(message, tone),
            new TextInput { Id = "title", Label = "Title", IsRequired = true, ErrorMessage = "Give the audit a title.", MaxLength = Audit.MaxTitleLength, Placeholder = "e.g. Neglect audit, spring 2026", Value = input?.Title },
            new ChoiceSetInput
            {
                Id = "templateKey", Label = "Theme and audit tool", IsRequired = true, ErrorMessage = "Choose an audit tool.", Style = ChoiceInputStyle.Compact,
                Value = input?.TemplateKey ?? QuestionTemplates.NonAccidentalInjury.Key,
                Choices = QuestionTemplates.All.Select(t => new Choice(t.Name, t.Key)).ToList(),
            },
            new TextInput { Id = "theme", Label = "Theme in your words (optional; the audit tool's theme if empty)", MaxLength = Audit.MaxTitleLength, Placeholder = "e.g. Bruising in non-mobile babies", Value = input?.Theme },
            new ChoiceSetInput
            {
                Id = "gradeScaleKey", Label = "Grade scale", Style = ChoiceInputStyle.Compact, Value = input?.GradeScaleKey ?? GradeScales.Default.Key,
                Choices = GradeScales.All.Select(s => new Choice(s.Name, s.Key)).ToList(),
            },
            new NumberInput { Id = "lookBackMonths", Label = "Look-back period (months)", Min = 1, Max = LookBackPeriod.MaxMonths, Value = ParseDouble(input?.LookBackMonths) ?? 12 },
            new DateInput { Id = "returnsDue", Label = "Returns due", IsRequired = true, ErrorMessage = "Choose the date returns are due.", Value = ParseDate(input?.ReturnsDue) },
            new DateInput { Id = "workshopDate", Label = "Workshop date (optional)", Value = ParseDate(input?.WorkshopDate) },
            new NumberInput { Id = "reminderDays", Label = "Remind representatives this many days before the due date", Min = 0, Max = ReminderSettings.MaxDaysBeforeDue, Value = ParseDouble(input?.ReminderDays) ?? ReminderSettings.Default.DaysBeforeDue },
        ],
        Actions = [Go(AuditVerbs.Create, new { }, "Create audit", ActionStyle.Positive)],
    };

    public static AdaptiveCard Dashboard(Audit audit, DeliverySummary? delivery = null, string? message = null, Tone tone = Tone.Info)
    {
        var id = new AuditRefData(audit.Id);
        var facts = new List<Fact>
        {
            new("Status", audit.Status.ToString()),
            new("Theme", audit.ThemeName),
            new("Grade scale", audit.GradeScale.Name),
            new("Look-back", audit.LookBack.Describe()),
            new("Returns due", Date(audit.ReturnsDueAt)),
            new("Workshop", Date(audit.WorkshopAt)),
            new("Reminders", $"{audit.Reminders.DaysBeforeDue} day(s) before the due date"),
            new("Audit tool", $"{audit.Questions.Sections.Count} sections, {audit.Questions.AllQuestions.Count()} questions"),
            new("Cases", audit.Cases.Count == 0 ? "none yet" : string.Join(", ", audit.Cases.Select(c => $"{c.Reference} ({AgeBands.Label(c.AgeBand)})"))),
            new("Agencies", audit.Agencies.Count == 0 ? "none yet" : string.Join(", ", audit.Agencies.Select(a => a.Name))),
        };
        var body = new List<CardElement>
        {
            Heading(audit.Title),
            Subtle($"Chaired by {audit.Chair.DisplayName}"),
        };
        body.AddRange(Message(message, tone));
        body.Add(new FactSet { Facts = facts });
        if (delivery is not null && audit.Status != AuditStatus.Draft)
        {
            body.Add(DeliveryBlock(delivery));
        }

        var actions = new List<CardAction>();
        if (audit.Status == AuditStatus.Draft)
        {
            body.Add(Small("While the audit is a draft you can shape the questions, add cases and agencies. Issue it when every agency has a representative."));
            actions.Add(Go(AuditVerbs.Questions, new QuestionsData(audit.Id, null), "Questions"));
            actions.Add(Go(AuditVerbs.Cases, id, "Cases"));
            actions.Add(Go(AuditVerbs.Agencies, id, "Agencies"));
            actions.Add(Go(AuditVerbs.Issue, id, "Issue audit tools", ActionStyle.Positive));
        }
        else
        {
            actions.Add(Go(AuditVerbs.Tracker, id, "Returns tracker", ActionStyle.Positive));
            actions.Add(Go(AuditVerbs.Agencies, id, "Agencies"));
            actions.Add(Go(AuditVerbs.Export, id, "Export returns"));
        }

        return new AdaptiveCard { FallbackText = $"Audit: {audit.Title}", MsTeams = TeamsCardProperties.FullWidth, Body = body, Actions = actions };
    }

    private static Container DeliveryBlock(DeliverySummary delivery)
    {
        var items = new List<CardElement>
        {
            new TextBlock($"Audit tools: {delivery.Delivered} delivered, {delivery.Pending} on the way, {delivery.Unreachable.Count} could not be delivered") { Wrap = true, Weight = TextWeight.Bolder },
        };
        if (delivery.Unreachable.Count > 0)
        {
            items.Add(new TextBlock("Not reached: " + string.Join("; ", delivery.Unreachable.Take(20).Select(u => Shorten(u, 80)))
                + ". Ask them to install WorkshopBot (or unblock it) in Teams, then issue again: only missing tools are sent.") { Wrap = true, Color = TextColor.Attention, Size = TextSize.Small });
        }

        return new Container { Style = delivery.Unreachable.Count > 0 ? ContainerStyle.Attention : ContainerStyle.Emphasis, Items = items };
    }

    public static AdaptiveCard Questions(Audit audit, string? sectionId, string? message = null, Tone tone = Tone.Info)
    {
        var sections = audit.Questions.Sections;
        var section = audit.Questions.FindSection(sectionId) ?? sections.FirstOrDefault();
        var body = new List<CardElement>
        {
            Heading($"Audit tool: {audit.Title}"),
            Subtle("Choose a section, then add, edit, remove or reorder its questions."),
        };
        body.AddRange(Message(message, tone));
        // A picker rather than a button per section: a card shows at most five actions in a row.
        body.Add(new ColumnSet
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
                new Column { Width = ColumnWidth.Auto, VerticalContentAlignment = VerticalContentAlignment.Bottom, Items = [Buttons(Go(AuditVerbs.Questions, new { auditId = audit.Id }, "Open section"))] },
            ],
        });
        if (section is not null)
        {
            var number = sections.ToList().FindIndex(s => s.Id == section.Id) + 1;
            body.Add(Subheading($"Section {number} of {sections.Count}: {section.Title}"));
            for (var i = 0; i < section.Questions.Count; i++)
            {
                var q = section.Questions[i];
                var tags = new List<string>();
                if (q.IsSafetyQuestion)
                {
                    tags.Add("immediate-safety question");
                }

                tags.Add(q.AppliesToAgencyTypes.Count == 0 ? "all agencies" : string.Join(", ", q.AppliesToAgencyTypes.Select(AgencyTypes.DisplayName)));
                var actions = new List<CardAction> { Go(AuditVerbs.EditQuestion, new EditQuestionData(audit.Id, section.Id, q.Id), "Edit") };
                if (i > 0)
                {
                    actions.Add(Go(AuditVerbs.MoveQuestion, new MoveQuestionData(audit.Id, q.Id, -1), "Move up"));
                }

                if (i < section.Questions.Count - 1)
                {
                    actions.Add(Go(AuditVerbs.MoveQuestion, new MoveQuestionData(audit.Id, q.Id, 1), "Move down"));
                }

                actions.Add(Go(AuditVerbs.RemoveQuestion, new QuestionRefData(audit.Id, q.Id), "Remove", ActionStyle.Destructive));
                body.Add(new Container
                {
                    Separator = true,
                    Style = q.IsSafetyQuestion ? ContainerStyle.Warning : null,
                    Items =
                    [
                        new TextBlock($"{number}.{i + 1} {q.Text}") { Wrap = true },
                        Small(string.Join(" · ", tags)),
                        new ActionSet { Actions = actions },
                    ],
                });
            }

            body.Add(Buttons(Go(AuditVerbs.EditQuestion, new EditQuestionData(audit.Id, section.Id, null), "Add a question to this section", ActionStyle.Positive)));
        }

        body.Add(new TextInput { Id = "sectionTitle", Label = "New section title", MaxLength = QuestionSet.MaxSectionTitleLength, Separator = true });
        body.Add(Buttons(Go(AuditVerbs.AddSection, new { auditId = audit.Id }, "Add section")));
        return new AdaptiveCard
        {
            FallbackText = "Shape the audit tool",
            MsTeams = TeamsCardProperties.FullWidth,
            Body = body,
            Actions = [Go(AuditVerbs.Dashboard, new AuditRefData(audit.Id), "Back to the audit")],
        };
    }

    public static AdaptiveCard QuestionForm(Audit audit, string sectionId, Question? existing, SaveQuestionData? input = null,
        IReadOnlyList<FieldFinding>? findings = null, string? message = null)
    {
        var section = audit.Questions.FindSection(sectionId);
        var data = new { auditId = audit.Id, sectionId, questionId = existing?.Id };
        var types = input?.AgencyTypes ?? string.Join(",", existing?.AppliesToAgencyTypes ?? []);
        var actions = new List<CardAction> { Go(AuditVerbs.SaveQuestion, data, existing is null ? "Add question" : "Save question", ActionStyle.Positive) };
        if (findings is { Count: > 0 })
        {
            actions[0] = Go(AuditVerbs.SaveQuestion, data, "I have removed it: save", ActionStyle.Positive);
            actions.Add(Go(AuditVerbs.SaveQuestion, new { auditId = audit.Id, sectionId, questionId = existing?.Id, confirmNotIdentifying = true }, "It is not identifying: confirm"));
        }

        actions.Add(Go(AuditVerbs.Questions, new QuestionsData(audit.Id, sectionId), "Cancel"));
        return new AdaptiveCard
        {
            FallbackText = "Edit a question",
            MsTeams = TeamsCardProperties.FullWidth,
            Body =
            [
                Heading(existing is null ? "Add a question" : "Edit question"),
                Subtle($"Section: {section?.Title}"),
                .. Message(message, Tone.Error),
                .. Findings(findings),
                new TextInput { Id = "questionText", Label = "Question", IsRequired = true, ErrorMessage = "Type the question.", IsMultiline = true, MaxLength = Question.MaxTextLength, Value = input?.QuestionText ?? existing?.Text },
                new TextInput { Id = "guidance", Label = "Guidance for the representative (optional)", IsMultiline = true, MaxLength = Question.MaxGuidanceLength, Value = input?.Guidance ?? existing?.Guidance },
                new ChoiceSetInput
                {
                    Id = "agencyTypes", Label = "Which agencies answer it? (none chosen = every agency)", IsMultiSelect = true, Style = ChoiceInputStyle.Compact,
                    Value = string.IsNullOrEmpty(types) ? null : types,
                    Choices = AgencyTypes.All.Select(a => new Choice(a.DisplayName, a.Type.ToString())).ToList(),
                },
                new ToggleInput { Id = "isSafety", Title = "This is the immediate-safety question (a yes alerts the chair at once)", Value = input?.IsSafety ?? (existing?.IsSafetyQuestion == true ? "true" : "false"), ValueOn = "true", ValueOff = "false", Wrap = true },
            ],
            Actions = actions,
        };
    }

    public static AdaptiveCard Cases(Audit audit, string? message = null, Tone tone = Tone.Info, AddCaseData? input = null)
    {
        var body = new List<CardElement> { Heading($"Cases: {audit.Title}"), Subtle("Pseudonymous references and age bands only. Never a name, date of birth or NHS number.") };
        body.AddRange(Message(message, tone));
        foreach (var c in audit.Cases)
        {
            body.Add(new ColumnSet
            {
                Separator = true,
                Columns =
                [
                    new Column { Width = ColumnWidth.Stretch, Items = [new TextBlock($"{c.Reference} · {AgeBands.Label(c.AgeBand)}") { Wrap = true }], VerticalContentAlignment = VerticalContentAlignment.Center },
                    new Column
                    {
                        Width = ColumnWidth.Auto,
                        Items = audit.Status == AuditStatus.Draft ? [Buttons(Go(AuditVerbs.RemoveCase, new CaseRefData(audit.Id, c.Reference.Value), "Remove", ActionStyle.Destructive))] : [new TextBlock(" ")],
                    },
                ],
            });
        }

        if (audit.Cases.Count == 0)
        {
            body.Add(Small("No cases yet."));
        }

        body.Add(new TextInput { Id = "caseReference", Label = "Case reference", Placeholder = "e.g. NAI-2026-03-C2", MaxLength = CaseReference.MaxLength, Value = input?.CaseReference, Separator = true });
        body.Add(new ChoiceSetInput { Id = "ageBand", Label = "Age band", Style = ChoiceInputStyle.Compact, Value = input?.AgeBand ?? AgeBands.All[0].Label, Choices = AgeBands.All.Select(a => new Choice(a.Label, a.Label)).ToList() });
        return new AdaptiveCard
        {
            FallbackText = "Cases in the audit",
            Body = body,
            Actions = [Go(AuditVerbs.AddCase, new { auditId = audit.Id }, "Add case", ActionStyle.Positive), Go(AuditVerbs.Dashboard, new AuditRefData(audit.Id), "Back to the audit")],
        };
    }

    public static AdaptiveCard Agencies(Audit audit, string? message = null, Tone tone = Tone.Info)
    {
        var body = new List<CardElement> { Heading($"Agencies: {audit.Title}"), Subtle("Each agency needs a representative from this team. The named lead (optional) also receives immediate-safety alerts.") };
        body.AddRange(Message(message, tone));
        foreach (var a in audit.Agencies)
        {
            var cases = a.AssignedCases is null ? "every case" : string.Join(", ", a.AssignedCases);
            var actions = new List<CardAction> { Go(AuditVerbs.AgencyPeople, new AgencyRefData(audit.Id, a.Id), "People and cases") };
            if (audit.Status == AuditStatus.Draft)
            {
                actions.Add(Go(AuditVerbs.RemoveAgency, new AgencyRefData(audit.Id, a.Id), "Remove", ActionStyle.Destructive));
            }

            body.Add(new Container
            {
                Separator = true,
                Items =
                [
                    new TextBlock($"{a.Name} ({AgencyTypes.DisplayName(a.Type)})") { Weight = TextWeight.Bolder, Wrap = true },
                    new FactSet
                    {
                        Facts =
                        [
                            new("Representative", a.Representative?.DisplayName ?? "not chosen yet"),
                            new("Named lead", a.NamedLead?.DisplayName ?? "none"),
                            new("Returns on", cases),
                        ],
                    },
                    new ActionSet { Actions = actions },
                ],
            });
        }

        var cardActions = new List<CardAction>();
        if (audit.Status == AuditStatus.Draft)
        {
            body.Add(new ChoiceSetInput { Id = "agencyType", Label = "Agency type", Separator = true, Style = ChoiceInputStyle.Compact, Value = AgencyType.ChildrensSocialCare.ToString(), Choices = AgencyTypes.All.Select(t => new Choice(t.DisplayName, t.Type.ToString())).ToList() });
            body.Add(new TextInput { Id = "agencyName", Label = "Agency name", MaxLength = AuditAgency.MaxNameLength, Placeholder = "e.g. County Police" });
            cardActions.Add(Go(AuditVerbs.AddAgency, new { auditId = audit.Id }, "Add agency", ActionStyle.Positive));
        }

        cardActions.Add(Go(AuditVerbs.Dashboard, new AuditRefData(audit.Id), "Back to the audit"));
        return new AdaptiveCard { FallbackText = "Agencies in the audit", MsTeams = TeamsCardProperties.FullWidth, Body = body, Actions = cardActions };
    }

    /// <summary>Two pickers of this many people keep the card under 28 KB; larger teams see the first ones by name.</summary>
    public const int MaxMemberChoices = 60;

    public static AdaptiveCard AgencyPeople(Audit audit, AuditAgency agency, IReadOnlyList<TeamMember> members, string? message = null)
    {
        var people = members.Take(MaxMemberChoices).Select(m => new Choice(m.Name, m.TeamsId)).ToList();
        var body = new List<CardElement>
        {
            Heading($"{agency.Name}: people and cases"),
            Subtle("Choose people from this team. They receive the audit tool in a 1:1 chat with WorkshopBot."),
        };
        body.AddRange(Message(message, Tone.Error));
        if (members.Count > MaxMemberChoices)
        {
            body.Add(Small($"Showing the first {MaxMemberChoices} of {members.Count} team members."));
        }

        body.Add(new ChoiceSetInput { Id = "representative", Label = "Representative", IsRequired = true, ErrorMessage = "Choose the representative.", Style = ChoiceInputStyle.Compact, Choices = people, Value = members.FirstOrDefault(m => agency.Representative?.IsSamePerson(new PersonRef(m.UserKey, m.Name)) == true)?.TeamsId });
        body.Add(new ChoiceSetInput { Id = "namedLead", Label = "Named safeguarding lead (optional)", Style = ChoiceInputStyle.Compact, Choices = people, Value = members.FirstOrDefault(m => agency.NamedLead?.IsSamePerson(new PersonRef(m.UserKey, m.Name)) == true)?.TeamsId });
        if (audit.Status == AuditStatus.Draft && audit.Cases.Count > 0)
        {
            body.Add(new ChoiceSetInput
            {
                Id = "assignedCases", Label = "Cases this agency returns on (none chosen = every case)", IsMultiSelect = true, Style = ChoiceInputStyle.Expanded,
                Value = agency.AssignedCases is null ? null : string.Join(",", agency.AssignedCases),
                Choices = audit.Cases.Select(c => new Choice($"{c.Reference} ({AgeBands.Label(c.AgeBand)})", c.Reference.Value)).ToList(),
            });
        }

        return new AdaptiveCard
        {
            FallbackText = $"People for {agency.Name}",
            Body = body,
            Actions =
            [
                Go(AuditVerbs.SaveAgencyPeople, new { auditId = audit.Id, agencyId = agency.Id }, "Save", ActionStyle.Positive),
                Go(AuditVerbs.Agencies, new AuditRefData(audit.Id), "Cancel"),
            ],
        };
    }

    public static AdaptiveCard Tracker(Audit audit, ReturnsTrackerView view, DeliverySummary delivery, DateTimeOffset now, string? message = null, Tone tone = Tone.Info)
    {
        var id = new AuditRefData(audit.Id);
        var body = new List<CardElement>
        {
            Heading($"Returns tracker: {audit.Title}"),
            Subtle($"Due {DateTime(audit.ReturnsDueAt)} · updated {DateTime(now)}"),
        };
        body.AddRange(Message(message, tone));
        var c = view.Counts;
        body.Add(new ColumnSet
        {
            Columns =
            [
                Count("Submitted", c.Submitted, TextColor.Good),
                Count("Draft", c.Draft, TextColor.Warning),
                Count("Not started", c.NotStarted, TextColor.Default),
                Count("Overdue", c.Overdue, TextColor.Attention),
            ],
        });
        var header = new TableRow([new TableCell(new TextBlock("Agency") { Weight = TextWeight.Bolder, Wrap = true }), .. view.Cases.Select(r => new TableCell(new TextBlock(r.Value) { Weight = TextWeight.Bolder, Wrap = true, Size = TextSize.Small }))]) { Style = ContainerStyle.Emphasis };
        // Short cell words and no per-cell styling beyond colour: a 15-case, 12-agency grid must stay under 28 KB.
        var rows = view.Rows.Select(r => new TableRow([
            new TableCell(new TextBlock(Shorten(r.AgencyName, 40)) { Wrap = true }),
            .. r.Cells.Select(cell => new TableCell(new TextBlock(CellWord(cell.Status)) { Color = StatusColor(cell.Status) is var c && c != TextColor.Default ? c : null })),
        ])).ToList();
        body.Add(new Table
        {
            FirstRowAsHeader = true,
            ShowGridLines = true,
            Columns = [new TableColumnDefinition(ColumnWidth.Weighted(2)), .. view.Cases.Select(_ => new TableColumnDefinition(ColumnWidth.Weighted(1)))],
            Rows = [header, .. rows],
        });
        body.Add(Small("Done = submitted · Draft = started · To do = not started · Late = overdue"));
        body.Add(Subheading(view.NonResponders.Count == 0 ? "Every return is in." : "Still to respond"));
        if (view.NonResponders.Count > 0)
        {
            body.Add(new FactSet
            {
                Facts = view.NonResponders.Take(30).Select(n => new Fact(Shorten(n.AgencyName, 40),
                    $"{Shorten(n.Representative?.DisplayName ?? "no representative", 40)}: {n.Outstanding} outstanding{(n.Overdue > 0 ? $", {n.Overdue} overdue" : string.Empty)}")).ToList(),
            });
        }

        body.Add(DeliveryBlock(delivery));
        var actions = new List<CardAction> { Go(AuditVerbs.Tracker, id, "Refresh") };
        if (audit.Status == AuditStatus.Issued)
        {
            actions.Add(Go(AuditVerbs.Remind, id, "Remind non-responders"));
            actions.Add(new ShowCardAction
            {
                Title = "Extend due date",
                Card = new AdaptiveCard
                {
                    Schema = null,
                    Body = [new DateInput { Id = "newDueDate", Label = "New due date", IsRequired = true, ErrorMessage = "Choose the new due date." }],
                    Actions = [Go(AuditVerbs.ExtendDue, new { auditId = audit.Id }, "Extend", ActionStyle.Positive)],
                },
            });
        }

        actions.Add(Go(AuditVerbs.ReopenForm, id, "Reopen a return"));
        actions.Add(Go(AuditVerbs.Export, id, "Export"));
        body.Add(Buttons(Go(AuditVerbs.Dashboard, id, "Back to the audit")));
        return new AdaptiveCard { FallbackText = $"Returns: {c.Submitted} of {c.Expected} submitted", MsTeams = TeamsCardProperties.FullWidth, Body = body, Actions = actions };
    }

    private static string CellWord(TrackerCellStatus status) => status switch
    {
        TrackerCellStatus.Submitted => "Done",
        TrackerCellStatus.Draft => "Draft",
        TrackerCellStatus.NotStarted => "To do",
        TrackerCellStatus.Overdue => "Late",
        _ => "-",
    };

    private static Column Count(string label, int value, TextColor color) => new()
    {
        Width = ColumnWidth.Stretch,
        Items =
        [
            new TextBlock(value.ToString(CultureInfo.InvariantCulture)) { Size = TextSize.ExtraLarge, Weight = TextWeight.Bolder, Color = color, HorizontalAlignment = HorizontalAlignment.Center },
            new TextBlock(label) { Size = TextSize.Small, HorizontalAlignment = HorizontalAlignment.Center, Spacing = Spacing.None, Wrap = true },
        ],
    };

    public static AdaptiveCard ReopenForm(Audit audit, IReadOnlyList<AuditReturn> submitted, string? message = null)
    {
        var body = new List<CardElement> { Heading("Reopen a submitted return"), Subtle("The representative is told, and the reason is kept with the return and in the audit log.") };
        body.AddRange(Message(message, Tone.Error));
        var actions = new List<CardAction>();
        if (submitted.Count == 0)
        {
            body.Add(Small("No return has been submitted yet."));
        }
        else
        {
            body.Add(new ChoiceSetInput { Id = "returnId", Label = "Return", IsRequired = true, ErrorMessage = "Choose a return.", Style = ChoiceInputStyle.Compact, Choices = submitted.Select(r => new Choice($"{r.AgencyName} · {r.CaseReference}", r.Id.ToString("D"))).ToList() });
            body.Add(new TextInput { Id = "reason", Label = "Reason", IsRequired = true, ErrorMessage = "Give a reason.", IsMultiline = true, MaxLength = 1000 });
            actions.Add(Go(AuditVerbs.Reopen, new { auditId = audit.Id }, "Reopen", ActionStyle.Destructive));
        }

        actions.Add(Go(AuditVerbs.Tracker, new AuditRefData(audit.Id), "Back to the tracker"));
        return new AdaptiveCard { FallbackText = "Reopen a return", Body = body, Actions = actions };
    }

    public static AdaptiveCard Export(Audit audit, Uri csv, Uri json, DateTimeOffset expiresAt) => new()
    {
        FallbackText = "Export of audit returns",
        Body =
        [
            Heading($"Export: {audit.Title}"),
            Subtle($"These links work for you only and expire at {DateTime(expiresAt)}. The files contain special-category data: store them only in your agency's secure systems."),
        ],
        Actions =
        [
            new OpenUrlAction(csv, "Download CSV"),
            new OpenUrlAction(json, "Download JSON"),
            Go(AuditVerbs.Tracker, new AuditRefData(audit.Id), "Back to the tracker"),
        ],
    };

    /// <summary>A short notice (reminder, reopen, delivery problem), sent on its own as a card.</summary>
    public static AdaptiveCard Notice(string title, string text, Tone tone, params CardAction[] actions) => new()
    {
        FallbackText = title,
        Body = [Heading(title), Banner(text, tone)],
        Actions = actions.Length == 0 ? null : actions,
    };

    public static AdaptiveCard List(string title, IReadOnlyList<Audit> audits) => new()
    {
        FallbackText = title,
        Body =
        [
            Heading(title),
            .. audits.Count == 0 ? [Subtle("No audits yet. Type **new audit** to set one up.")] : Array.Empty<CardElement>(),
            .. audits.Take(20).Select(a => new Container
            {
                Separator = true,
                Items =
                [
                    new TextBlock(a.Title) { Weight = TextWeight.Bolder, Wrap = true },
                    Subtle($"{a.Status} · returns due {Date(a.ReturnsDueAt)}"),
                    Buttons(Go(AuditVerbs.Dashboard, new AuditRefData(a.Id), "Open")),
                ],
            }),
        ],
    };

    internal static DateOnly? ParseDate(string? text) =>
        DateOnly.TryParseExact(text?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    internal static double? ParseDouble(string? text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : null;
}
