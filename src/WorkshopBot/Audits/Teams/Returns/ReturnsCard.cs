using WorkshopBot.Audits.Domain;
using WorkshopBot.Cards;
using WorkshopBot.Common.Privacy;
using WorkshopBot.Common.Teams;
using static WorkshopBot.Audits.Teams.AuditCardKit;
using static WorkshopBot.Common.Teams.CardKit;

namespace WorkshopBot.Audits.Teams;

/// <summary>The representative's audit tool: the overview, each page of a section, and the learning-and-grade summary.</summary>
public static partial class ReturnsCard
{
    /// <summary>The overview's button that opens the immediate-safety question directly.</summary>
    public const string UnsafeNow = "A child may be unsafe now";

    /// <summary>The return's overview; a submitted one's read-only card, with anything typed that was not saved.</summary>
    public static AdaptiveCard Overview(Audit audit, AuditReturn ret, string? message = null, Tone tone = Tone.Info,
        IReadOnlyList<UnsavedText>? unsaved = null)
    {
        if (ret.IsReadOnly)
        {
            return ReadOnly(audit, ret, message, tone, unsaved);
        }

        var steps = ReturnSteps.Build(ret);
        var (next, page) = ReturnSteps.NextToDo(ret, steps);
        var answered = ret.RequiredQuestions.Count(q => ret.AnswerTo(q.Id)?.IsAnswered == true);
        var required = ret.RequiredQuestions.Count();
        var status = ret.Status == ReturnStatus.NotStarted ? "Not started" : $"Draft (saved {DateTime(ret.LastSavedAt)})";
        var body = new List<CardElement>
        {
            Heading($"Audit tool: {Literal(audit.Title)}"),
            Subtle($"{Literal(ret.AgencyName)} · case {ret.CaseReference}"),
        };
        body.AddRange(Message(message, tone));
        body.Add(Facts(audit, ret));
        body.Add(new FactSet { Facts = [new("Progress", $"{answered} of {required} questions answered"), new("Status", status)] });
        body.Add(Small("Each step saves your draft. You can stop at any time and continue from this card or by typing **my audits**."));
        var actions = new List<CardAction>
        {
            Go(ReturnsScreen.OpenReturn, new ReturnRefData(audit.Id, ret.Id, Math.Min(next, steps.Count - 1), page),
                ret.Status == ReturnStatus.NotStarted ? "Start" : "Continue", ActionStyle.Positive),
            Go(ReturnsScreen.OpenReturn, new ReturnRefData(audit.Id, ret.Id, steps.Count), "Review and submit"),
        };
        // The immediate-safety question is asked last in the walk-through; a child unsafe now must not wait for the pages before it.
        if (ReturnSteps.SafetyStep(ret, steps) is { } safety)
        {
            body.Add(Small("If a child may be unsafe now, you can answer the immediate-safety question straight away."));
            actions.Insert(1, Go(ReturnsScreen.OpenReturn, new ReturnRefData(audit.Id, ret.Id, safety.Step, safety.Page), UnsafeNow));
        }

        return new AdaptiveCard
        {
            FallbackText = $"Audit tool for case {ret.CaseReference}",
            MsTeams = TeamsCardProperties.FullWidth,
            Body = body,
            Actions = actions,
        };
    }

    // The chair is not named: the card stays in the representative's chat for weeks and a handover would leave it naming the
    // chair before (someone who may have left). Drawing it again on a handover would replace whatever page the representative
    // has open in that same message, answers typed but not yet saved included; the chair's name is not needed to fill a return.
    private static FactSet Facts(Audit audit, AuditReturn ret) => new()
    {
        Facts =
        [
            new("Case", $"{ret.CaseReference} ({AgeBands.Label(audit.FindCase(ret.CaseReference)?.AgeBand ?? AgeBand.Under1)})"),
            new("Your agency", Literal(ret.AgencyName)),
            new("Look-back", audit.LookBackWindow.Describe()),
            new("Due", DateTime(audit.ReturnsDueAt)),
        ],
    };

    /// <summary>
    /// A page of a section. When its longest answers, question and guidance (emoji and accents, which the card's JSON writes
    /// longer) would make it too large for Teams, the guidance is left out, the header cut short, then the question text.
    /// <paramref name="notSaved"/>: what the findings say was not saved, when something on the page was.
    /// </summary>
    public static AdaptiveCard Section(Audit audit, AuditReturn ret, int stepIndex, int page, TypedAnswers? typed = null,
        IReadOnlyList<FieldFinding>? findings = null, string? message = null, Tone tone = Tone.Warning,
        IReadOnlyList<UnsavedText>? unsaved = null, string? notSaved = null)
    {
        var card = Section(audit, ret, stepIndex, page, typed, findings, message, tone, unsaved, 0, notSaved);
        for (var compact = 1; compact <= 3 && !Fits(card); compact++)
        {
            card = Section(audit, ret, stepIndex, page, typed, findings, message, tone, unsaved, compact, notSaved);
        }

        return card;
    }

    /// <summary>Questions shortened to this many characters on a page too large otherwise (by how compact it is).</summary>
    private static readonly int[] QuestionLengths = [int.MaxValue, int.MaxValue, 200, 80];

    private static AdaptiveCard Section(Audit audit, AuditReturn ret, int stepIndex, int page, TypedAnswers? typed,
        IReadOnlyList<FieldFinding>? findings, string? message, Tone tone, IReadOnlyList<UnsavedText>? unsaved, int compact,
        string? notSaved)
    {
        var steps = ReturnSteps.Build(ret);
        var section = steps[stepIndex].Section!;
        var pages = ReturnSteps.Pages(ret, section);
        page = Math.Clamp(page, 0, pages.Count - 1);
        var body = new List<CardElement>
        {
            Small(compact == 0
                ? $"{Literal(audit.Title)} · {Literal(ret.AgencyName)} · case {ret.CaseReference}"
                : $"{Literal(audit.Title, 60)} · {Literal(ret.AgencyName, 60)} · case {ret.CaseReference}"),
            Heading(compact == 0 ? Literal(section.Title) : Literal(section.Title, 80)),
            // Numbered as the tool's sections are, so "Section 4 of 4" holds question 4.1; the summary is not a section.
            new TextBlock($"Section {steps[stepIndex].SectionNumber} of {steps.Count(s => !s.IsSummary)}"
                + (pages.Count > 1 ? $" · page {page + 1} of {pages.Count}" : string.Empty))
            {
                Color = TextColor.Accent, Weight = TextWeight.Bolder, Spacing = Spacing.None,
            },
        };
        body.AddRange(Message(message, tone));
        body.AddRange(NotSaved(unsaved, CopyBelow));
        body.AddRange(Findings(findings, notSaved));
        foreach (var q in pages[page])
        {
            body.Add(QuestionBlock(ret, q, typed?.ByQuestion.GetValueOrDefault(q.Id), guidance: compact == 0,
                QuestionLengths[compact]));
        }

        if (section.Questions.Any(q => q.IsSafetyQuestion))
        {
            body.Add(Small("WorkshopBot only routes the alert. "
                + "Make any referral through your own agency's safeguarding procedures now; do not wait for the workshop."));
        }

        var actions = SectionActions(audit, ret, section, stepIndex, page, findings);
        return new AdaptiveCard
        {
            FallbackText = $"Audit tool: {section.Title}", MsTeams = TeamsCardProperties.FullWidth, Body = body, Actions = actions,
        };
    }

    /// <summary>The buttons of a page of a section: save and move, and confirm when the findings may be confirmed.</summary>
    private static List<CardAction> SectionActions(Audit audit, AuditReturn ret, QuestionSection section, int stepIndex, int page,
        IReadOnlyList<FieldFinding>? findings)
    {
        var data = new { auditId = audit.Id, returnId = ret.Id, sectionId = section.Id, step = stepIndex, page, version = ret.Version };
        object Save(string move) => new { data.auditId, data.returnId, data.sectionId, data.step, data.page, data.version, move };
        var actions = new List<CardAction>();
        if (stepIndex > 0 || page > 0)
        {
            actions.Add(Go(ReturnsScreen.SaveSection, Save(ReturnMoves.Back), "Save and back"));
        }

        actions.Add(Go(ReturnsScreen.SaveSection, Save(ReturnMoves.Stay), "Save draft"));
        actions.Add(Go(ReturnsScreen.SaveSection, Save(ReturnMoves.Next), "Save and continue", ActionStyle.Positive));
        if (FreeTextCheck.MayConfirm(findings))
        {
            var confirm = new
            {
                data.auditId, data.returnId, data.sectionId, data.step, data.page, data.version,
                move = ReturnMoves.Next, confirmNotIdentifying = true,
            };
            actions.Add(Go(ReturnsScreen.SaveSection, confirm, "It is not identifying: confirm"));
        }

        return actions;
    }

    private static Container QuestionBlock(AuditReturn ret, Question q, (string? Value, string? Narrative)? typed,
        bool guidance = true, int questionLength = int.MaxValue)
    {
        // What was typed and kept, not saved (a page too long to show back whole), stands in for the saved answer.
        var held = typed is null ? ret.HeldFor(q.Id) : null;
        var stored = held ?? ret.AnswerTo(q.Id);
        var number = ret.NumberOf(q.Id);
        var items = new List<CardElement>
        {
            new TextBlock($"{number} {(q.Text.Length > questionLength ? Literal(q.Text, questionLength) : Literal(q.Text))}")
            {
                Wrap = true, Weight = TextWeight.Bolder,
            },
        };
        if (held is not null)
        {
            items.Add(Banner(HeldNote, Tone.Warning));
        }

        if (q.Guidance is not null && guidance)
        {
            items.Add(Small(Literal(q.Guidance)));
        }

        if (!q.AppliesTo(ret.AgencyType))
        {
            items.Add(Small("Optional for your agency type."));
        }

        items.Add(new ChoiceSetInput
        {
            Id = "a:" + q.Id,
            // Numbered, so a screen reader tells one question's inputs from the next on the page.
            Label = q.IsSafetyQuestion
                ? $"Answer to {number} (a yes alerts the chair and your named lead as soon as you save)"
                : $"Answer to {number}",
            Style = ChoiceInputStyle.Expanded,
            Choices = q.IsSafetyQuestion ? [new("Yes", "yes"), new("No", "no")] : AnswerChoices,
            // A safety question's yes or no is saved, not held with its text (AuditReturn.ValuesSavedBeforeCheck).
            Value = typed is { } tv ? tv.Value
                : AnswerKey((q.IsSafetyQuestion && held?.Value is null ? ret.AnswerTo(q.Id) : stored)?.Value),
        });
        items.Add(new TextInput
        {
            Id = "n:" + q.Id,
            Label = q.IsSafetyQuestion
                ? $"If yes to {number}: what is the concern and what action has your agency taken?"
                : $"Narrative for {number}: what do your records show?",
            IsMultiline = true,
            MaxLength = FreeText.DefaultMaxLength,
            Placeholder = "No names, dates of birth, addresses or NHS numbers",
            Value = typed is { } tn ? tn.Narrative : stored?.Narrative,
        });
        return new Container { Separator = true, Style = q.IsSafetyQuestion ? ContainerStyle.Warning : null, Items = items };
    }
}
