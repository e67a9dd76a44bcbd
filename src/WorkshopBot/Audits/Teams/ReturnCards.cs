using WorkshopBot.Cards;
using static WorkshopBot.Audits.Teams.AuditCardKit;
using static WorkshopBot.Common.Teams.CardKit;
using WorkshopBot.Common.Privacy;
using WorkshopBot.Common.Teams;
using WorkshopBot.Audits.Domain;

namespace WorkshopBot.Audits.Teams;

/// <summary>The representative's cards: the audit tool step by step, review, confirmation and the read-only view.</summary>
public static class ReturnCards
{
    /// <summary>Typed answers carried back to a section card after a refused save, so nothing typed is lost.</summary>
    public sealed record TypedAnswers(IReadOnlyDictionary<string, (string? Value, string? Narrative)> ByQuestion);

    public static AdaptiveCard Overview(Audit audit, AuditReturn ret, string? message = null, Tone tone = Tone.Info)
    {
        if (ret.IsReadOnly)
        {
            return ReadOnly(audit, ret, message, tone);
        }

        var steps = ReturnSteps.Build(ret);
        var next = ReturnSteps.FirstIncomplete(ret, steps);
        var answered = ret.RequiredQuestions.Count(q => ret.AnswerTo(q.Id)?.IsAnswered == true);
        var required = ret.RequiredQuestions.Count();
        var body = new List<CardElement>
        {
            Heading($"Audit tool: {audit.Title}"),
            Subtle($"{ret.AgencyName} · case {ret.CaseReference}"),
        };
        body.AddRange(Message(message, tone));
        body.Add(Facts(audit, ret));
        body.Add(new FactSet { Facts = [new("Progress", $"{answered} of {required} questions answered"), new("Status", ret.Status == ReturnStatus.NotStarted ? "Not started" : $"Draft (saved {DateTime(ret.LastSavedAt)})")] });
        body.Add(Small("Each step saves your draft. You can stop at any time and continue from this card or by typing **my audits**."));
        var actions = new List<CardAction>
        {
            Go(AuditVerbs.OpenReturn, new ReturnRefData(audit.Id, ret.Id, Math.Min(next, steps.Count - 1)), ret.Status == ReturnStatus.NotStarted ? "Start" : "Continue", ActionStyle.Positive),
            Go(AuditVerbs.OpenReturn, new ReturnRefData(audit.Id, ret.Id, steps.Count), "Review and submit"),
        };
        return new AdaptiveCard { FallbackText = $"Audit tool for case {ret.CaseReference}", MsTeams = TeamsCardProperties.FullWidth, Body = body, Actions = actions };
    }

    private static FactSet Facts(Audit audit, AuditReturn ret) => new()
    {
        Facts =
        [
            new("Case", $"{ret.CaseReference} ({AgeBands.Label(audit.FindCase(ret.CaseReference)?.AgeBand ?? AgeBand.Under1)})"),
            new("Your agency", ret.AgencyName),
            new("Look-back", audit.LookBack.Describe()),
            new("Due", DateTime(audit.ReturnsDueAt)),
            new("Chair", audit.Chair.DisplayName),
        ],
    };

    public static AdaptiveCard Section(Audit audit, AuditReturn ret, int stepIndex, int page, TypedAnswers? typed = null,
        IReadOnlyList<FieldFinding>? findings = null, string? message = null, Tone tone = Tone.Error)
    {
        var steps = ReturnSteps.Build(ret);
        var step = steps[stepIndex];
        var section = step.Section!;
        var pages = ReturnSteps.Pages(ret, section);
        page = Math.Clamp(page, 0, pages.Count - 1);
        var body = new List<CardElement>
        {
            Small($"{audit.Title} · {ret.AgencyName} · case {ret.CaseReference}"),
            Heading(section.Title),
            new TextBlock($"Section {stepIndex + 1} of {steps.Count}" + (pages.Count > 1 ? $" · page {page + 1} of {pages.Count}" : string.Empty)) { Color = TextColor.Accent, Weight = TextWeight.Bolder, Spacing = Spacing.None },
        };
        body.AddRange(Message(message, tone));
        body.AddRange(Findings(findings));
        foreach (var q in pages[page])
        {
            var stored = ret.AnswerTo(q.Id);
            var t = typed?.ByQuestion.GetValueOrDefault(q.Id);
            var applies = q.AppliesTo(ret.AgencyType);
            var items = new List<CardElement>
            {
                new TextBlock($"{ret.NumberOf(q.Id)} {q.Text}") { Wrap = true, Weight = TextWeight.Bolder },
            };
            if (q.Guidance is not null)
            {
                items.Add(Small(q.Guidance));
            }

            if (!applies)
            {
                items.Add(Small("Optional for your agency type."));
            }

            items.Add(new ChoiceSetInput
            {
                Id = "a:" + q.Id,
                Label = q.IsSafetyQuestion ? "Answer (a yes alerts the chair and your named lead at once)" : "Answer",
                Style = ChoiceInputStyle.Expanded,
                Choices = q.IsSafetyQuestion ? [new("Yes", "yes"), new("No", "no")] : AnswerChoices,
                Value = t is { } tv ? tv.Value : AnswerKey(stored?.Value),
            });
            items.Add(new TextInput
            {
                Id = "n:" + q.Id,
                Label = q.IsSafetyQuestion ? "If yes: what is the concern and what action has your agency taken?" : "Narrative: what do your records show?",
                IsMultiline = true,
                MaxLength = FreeText.DefaultMaxLength,
                Placeholder = "No names, dates of birth, addresses or NHS numbers",
                Value = t is { } tn ? tn.Narrative : stored?.Narrative,
            });
            body.Add(new Container { Separator = true, Style = q.IsSafetyQuestion ? ContainerStyle.Warning : null, Items = items });
        }

        if (section.Questions.Any(q => q.IsSafetyQuestion))
        {
            body.Add(Small("WorkshopBot only routes the alert. Make any referral through your own agency's safeguarding procedures now; do not wait for the workshop."));
        }

        var data = new { auditId = audit.Id, returnId = ret.Id, sectionId = section.Id, step = stepIndex, page, version = ret.Version };
        var actions = new List<CardAction>();
        if (stepIndex > 0 || page > 0)
        {
            actions.Add(Go(AuditVerbs.SaveSection, new { data.auditId, data.returnId, data.sectionId, data.step, data.page, data.version, move = ReturnMoves.Back }, "Save and back"));
        }

        actions.Add(Go(AuditVerbs.SaveSection, new { data.auditId, data.returnId, data.sectionId, data.step, data.page, data.version, move = ReturnMoves.Stay }, "Save draft"));
        actions.Add(Go(AuditVerbs.SaveSection, new { data.auditId, data.returnId, data.sectionId, data.step, data.page, data.version, move = ReturnMoves.Next }, "Save and continue", ActionStyle.Positive));
        if (findings is { Count: > 0 })
        {
            actions.Add(Go(AuditVerbs.SaveSection, new { data.auditId, data.returnId, data.sectionId, data.step, data.page, data.version, move = ReturnMoves.Next, confirmNotIdentifying = true }, "It is not identifying: confirm"));
        }

        return new AdaptiveCard { FallbackText = $"Audit tool: {section.Title}", MsTeams = TeamsCardProperties.FullWidth, Body = body, Actions = actions };
    }

    public static AdaptiveCard Summary(Audit audit, AuditReturn ret, int stepIndex, SaveSummaryData? typed = null,
        IReadOnlyList<FieldFinding>? findings = null, string? message = null, Tone tone = Tone.Error)
    {
        var steps = ReturnSteps.Build(ret);
        var body = new List<CardElement>
        {
            Small($"{audit.Title} · {ret.AgencyName} · case {ret.CaseReference}"),
            Heading("Learning and single-agency grade"),
            new TextBlock($"Section {stepIndex + 1} of {steps.Count}") { Color = TextColor.Accent, Weight = TextWeight.Bolder, Spacing = Spacing.None },
        };
        body.AddRange(Message(message, tone));
        body.AddRange(Findings(findings));
        body.Add(new TextInput { Id = "goodPractice", Label = "Good practice", IsMultiline = true, MaxLength = FreeText.DefaultMaxLength, Value = typed?.GoodPractice ?? ret.GoodPractice });
        body.Add(new TextInput { Id = "areasForDevelopment", Label = "Areas for development", IsMultiline = true, MaxLength = FreeText.DefaultMaxLength, Value = typed?.AreasForDevelopment ?? ret.AreasForDevelopment });
        body.Add(new TextInput { Id = "recommendations", Label = "Recommendations (optional)", IsMultiline = true, MaxLength = FreeText.DefaultMaxLength, Value = typed?.Recommendations ?? ret.Recommendations });
        body.Add(new ChoiceSetInput
        {
            Id = "grade",
            Label = $"Single-agency grade ({ret.GradeScale.Name})",
            Style = ChoiceInputStyle.Expanded,
            Choices = ret.GradeScale.Levels.Select(l => new Choice(l.Label, l.Key)).ToList(),
            Value = typed?.Grade ?? ret.GradeKey,
        });
        body.Add(Small("Give good practice, areas for development, or both, and a grade."));
        var actions = new List<CardAction>
        {
            Go(AuditVerbs.SaveSummary, new { auditId = audit.Id, returnId = ret.Id, step = stepIndex, version = ret.Version, move = ReturnMoves.Back }, "Save and back"),
            Go(AuditVerbs.SaveSummary, new { auditId = audit.Id, returnId = ret.Id, step = stepIndex, version = ret.Version, move = ReturnMoves.Stay }, "Save draft"),
            Go(AuditVerbs.SaveSummary, new { auditId = audit.Id, returnId = ret.Id, step = stepIndex, version = ret.Version, move = ReturnMoves.Next }, "Save and continue", ActionStyle.Positive),
        };
        if (findings is { Count: > 0 })
        {
            actions.Add(Go(AuditVerbs.SaveSummary, new { auditId = audit.Id, returnId = ret.Id, step = stepIndex, version = ret.Version, move = ReturnMoves.Next, confirmNotIdentifying = true }, "It is not identifying: confirm"));
        }

        return new AdaptiveCard { FallbackText = "Learning and grade", MsTeams = TeamsCardProperties.FullWidth, Body = body, Actions = actions };
    }

    /// <summary>The summary before submitting: what is answered, what is missing, and the Submit button.</summary>
    public static AdaptiveCard Review(Audit audit, AuditReturn ret, string? message = null, Tone tone = Tone.Error)
    {
        var steps = ReturnSteps.Build(ret);
        var missing = ret.MissingForSubmission();
        var body = new List<CardElement>
        {
            Small($"{audit.Title} · {ret.AgencyName} · case {ret.CaseReference}"),
            Heading("Review your return"),
        };
        body.AddRange(Message(message, tone));
        body.Add(AnswerFacts(ret, steps, 160));
        if (missing.Count > 0)
        {
            body.Add(new Container { Style = ContainerStyle.Warning, Items = [new TextBlock("Before you can submit") { Weight = TextWeight.Bolder }, .. missing.Select(m => new TextBlock("• " + Shorten(m, 400)) { Wrap = true, Size = TextSize.Small })] });
        }

        var actions = new List<CardAction> { Go(AuditVerbs.OpenReturn, new ReturnRefData(audit.Id, ret.Id, 0), "Back to the first section") };
        if (missing.Count == 0)
        {
            actions.Add(Go(AuditVerbs.ConfirmSubmit, new SubmitReturnData(audit.Id, ret.Id, ret.Version), "Submit return", ActionStyle.Positive));
        }

        return new AdaptiveCard { FallbackText = "Review your return", MsTeams = TeamsCardProperties.FullWidth, Body = body, Actions = actions };
    }

    public static AdaptiveCard ConfirmSubmit(Audit audit, AuditReturn ret) => new()
    {
        FallbackText = "Confirm submission",
        Body =
        [
            Heading("Submit this return?"),
            Banner($"Once submitted, your return for case {ret.CaseReference} is locked and read-only. Only the chair can reopen it.", Tone.Warning),
            new FactSet { Facts = [new("Grade", ret.Grade?.Label ?? "none"), new("Immediate concern", ret.HasImmediateConcern ? "Yes" : "No")] },
        ],
        Actions =
        [
            Go(AuditVerbs.Submit, new SubmitReturnData(audit.Id, ret.Id, ret.Version), "Yes, submit", ActionStyle.Positive),
            Go(AuditVerbs.OpenReturn, new ReturnRefData(audit.Id, ret.Id, ReturnSteps.Build(ret).Count), "Not yet"),
        ],
    };

    public static AdaptiveCard ReadOnly(Audit audit, AuditReturn ret, string? message = null, Tone tone = Tone.Success)
    {
        var body = new List<CardElement>
        {
            Heading($"Submitted: case {ret.CaseReference}"),
            Subtle($"{ret.AgencyName} · submitted by {ret.SubmittedBy?.DisplayName} on {DateTime(ret.SubmittedAt)} · read-only"),
        };
        body.AddRange(Message(message, tone));
        body.Add(AnswerFacts(ret, ReturnSteps.Build(ret), 200));
        body.Add(Small("Narratives are shortened here; the chair's export holds the full text."));
        return new AdaptiveCard
        {
            FallbackText = $"Submitted return for case {ret.CaseReference}",
            MsTeams = TeamsCardProperties.FullWidth,
            Body = body,
            Actions =
            [
                new ShowCardAction
                {
                    Title = "Ask the chair to reopen",
                    Card = new AdaptiveCard
                    {
                        Schema = null,
                        Body = [new TextInput { Id = "reason", Label = "What needs correcting?", IsRequired = true, ErrorMessage = "Say what needs correcting.", IsMultiline = true, MaxLength = 1000 }],
                        Actions = [Go(AuditVerbs.AskReopen, new { auditId = audit.Id, returnId = ret.Id }, "Send to the chair")],
                    },
                },
            ],
        };
    }

    private static Container AnswerFacts(AuditReturn ret, IReadOnlyList<ReturnStep> steps, int narrativeMax)
    {
        var items = new List<CardElement>();
        var budget = 16_000;
        foreach (var step in steps)
        {
            if (step.IsSummary)
            {
                var facts = new List<Fact>
                {
                    new("Good practice", Shorten(ret.GoodPractice ?? "-", narrativeMax)),
                    new("Development", Shorten(ret.AreasForDevelopment ?? "-", narrativeMax)),
                    new("Recommendations", Shorten(ret.Recommendations ?? "-", narrativeMax)),
                    new("Grade", ret.Grade?.Label ?? "not chosen"),
                };
                items.Add(Subheading(step.Title));
                items.Add(new FactSet { Facts = facts });
                budget -= facts.Sum(f => f.Value.Length);
                continue;
            }

            items.Add(Subheading(step.Title));
            var answers = step.Section!.Questions.Select(q =>
            {
                var a = ret.AnswerTo(q.Id);
                var narrative = budget > 0 && a?.Narrative is { } n ? ": " + Shorten(n, narrativeMax) : string.Empty;
                budget -= narrative.Length + 40;
                return new Fact(ret.NumberOf(q.Id), AnswerLabel(a?.Value) + narrative);
            }).ToList();
            items.Add(new FactSet { Facts = answers });
        }

        return new Container { Items = items };
    }

    public static AdaptiveCard MyAudits(IReadOnlyList<(Audit Audit, AuditReturn Return)> returns) => new()
    {
        FallbackText = "Your audit tools",
        MsTeams = TeamsCardProperties.FullWidth,
        Body =
        [
            Heading("Your audit tools"),
            .. returns.Count == 0 ? [Subtle("No audit tools are assigned to you.")] : Array.Empty<CardElement>(),
            .. returns.Take(25).Select(x => new ColumnSet
            {
                Separator = true,
                Columns =
                [
                    new Column
                    {
                        Width = ColumnWidth.Stretch,
                        Items =
                        [
                            new TextBlock($"{x.Audit.Title}: case {x.Return.CaseReference}") { Wrap = true, Weight = TextWeight.Bolder },
                            new TextBlock($"{x.Return.AgencyName} · {StatusText(x.Audit, x.Return)} · due {Date(x.Audit.ReturnsDueAt)}") { Wrap = true, Size = TextSize.Small, Color = x.Return.IsReadOnly ? TextColor.Good : x.Return.Status == ReturnStatus.Draft ? TextColor.Warning : TextColor.Default, Spacing = Spacing.None },
                        ],
                    },
                    new Column { Width = ColumnWidth.Auto, VerticalContentAlignment = VerticalContentAlignment.Center, Items = [Buttons(Go(AuditVerbs.OpenReturn, new ReturnRefData(x.Audit.Id, x.Return.Id, -1), x.Return.IsReadOnly ? "View" : "Open"))] },
                ],
            }),
        ],
    };

    private static string StatusText(Audit _, AuditReturn ret) => ret.Status switch
    {
        ReturnStatus.Submitted => "submitted",
        ReturnStatus.Draft => "draft",
        _ => "not started",
    };
}
