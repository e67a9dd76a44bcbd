using WorkshopBot.Audits.Domain;
using WorkshopBot.Cards;
using WorkshopBot.Common.Privacy;
using WorkshopBot.Common.Teams;
using static WorkshopBot.Common.Teams.CardKit;

namespace WorkshopBot.Audits.Teams;

/// <summary>
/// The learning-and-grade summary: on one card, or on pages when its texts are too long for one (Teams breaks above about
/// 28 KB). Each card's buttons name the inputs on it, so saving one leaves the parts on other pages as they are.
/// </summary>
public static partial class ReturnsCard
{
    /// <summary>
    /// The summary page <paramref name="page"/> (<see cref="ReturnSteps.SummaryPages"/>), or, when <paramref name="shown"/>
    /// is given, a card of those parts only (an identifier warning), its header cut short.
    /// </summary>
    public static AdaptiveCard Summary(Audit audit, AuditReturn ret, int stepIndex, SaveSummaryData? typed = null,
        IReadOnlyList<FieldFinding>? findings = null, string? message = null, Tone tone = Tone.Warning,
        IReadOnlyList<UnsavedText>? unsaved = null, int page = 0, IReadOnlyList<string>? shown = null)
    {
        ArgumentNullException.ThrowIfNull(audit);
        ArgumentNullException.ThrowIfNull(ret);
        var steps = ReturnSteps.Build(ret);
        var pages = ReturnSteps.SummaryPages(ret);
        page = Math.Clamp(page, 0, pages.Count - 1);
        var fields = shown ?? pages[page];
        var where = stepIndex + 1 < steps.Count ? $"Before the last section: {Literal(steps[^1].Title, 120)}" : "After the last section";
        var body = new List<CardElement>
        {
            Small(shown is null
                ? $"{Literal(audit.Title)} · {Literal(ret.AgencyName)} · case {ret.CaseReference}"
                : $"{Literal(audit.Title, 80)} · {Literal(ret.AgencyName, 60)} · case {ret.CaseReference}"),
            Heading("Learning and single-agency grade"),
            new TextBlock(where + (shown is null && pages.Count > 1 ? $" · page {page + 1} of {pages.Count}" : string.Empty))
            {
                Color = TextColor.Accent, Weight = TextWeight.Bolder, Spacing = Spacing.None,
            },
        };
        body.AddRange(Message(message, tone));
        body.AddRange(NotSaved(unsaved, CopyBelow));
        body.AddRange(Findings(findings));
        foreach (var field in ReturnSummaryFields.Texts.Where(fields.Contains))
        {
            var held = ret.HeldLearning.GetValueOrDefault(field);
            if (held is not null && typed is null)
            {
                body.Add(Banner(HeldNote, Tone.Warning));
            }

            var label = field == ReturnSummaryFields.Recommendations ? "Recommendations (optional)" : ReturnSummaryFields.Label(field);
            // A part the saved card had and sent empty was cleared on it: shown empty, not as it was saved before.
            var text = Had(typed, field) ? TypedText(typed, field) ?? string.Empty : held ?? ret.LearningText(field);
            body.Add(Narrative(field, label, text));
        }

        if (fields.Contains(ReturnSummaryFields.Grade))
        {
            body.Add(new ChoiceSetInput
            {
                Id = ReturnSummaryFields.Grade,
                Label = $"Single-agency grade ({ret.GradeScale.Name})",
                Style = ChoiceInputStyle.Expanded,
                Choices = ret.GradeScale.Levels.Select(l => new Choice(l.Label, l.Key)).ToList(),
                // Only a grade on the scale is carried back: a forged value is not echoed into the card.
                Value = Had(typed, ReturnSummaryFields.Grade) ? ret.GradeScale.FindLevel(typed!.Grade)?.Key : ret.GradeKey,
            });
            body.Add(Small("Give good practice, areas for development, or both, and a grade."));
        }

        return new AdaptiveCard
        {
            FallbackText = "Learning and grade", MsTeams = TeamsCardProperties.FullWidth, Body = body,
            Actions = SummaryActions(audit, ret, stepIndex, page, fields, findings),
        };
    }

    /// <summary>The buttons of the summary: each names the page and the inputs on the card (wire contract: the names).</summary>
    private static List<CardAction> SummaryActions(Audit audit, AuditReturn ret, int stepIndex, int page,
        IReadOnlyList<string> fields, IReadOnlyList<FieldFinding>? findings)
    {
        object Save(string move) =>
            new { auditId = audit.Id, returnId = ret.Id, step = stepIndex, version = ret.Version, move, page, fields };
        var actions = new List<CardAction>
        {
            Go(ReturnsScreen.SaveSummary, Save(ReturnMoves.Back), "Save and back"),
            Go(ReturnsScreen.SaveSummary, Save(ReturnMoves.Stay), "Save draft"),
            Go(ReturnsScreen.SaveSummary, Save(ReturnMoves.Next), "Save and continue", ActionStyle.Positive),
        };
        if (FreeTextCheck.MayConfirm(findings))
        {
            var confirm = new
            {
                auditId = audit.Id, returnId = ret.Id, step = stepIndex, version = ret.Version,
                move = ReturnMoves.Next, confirmNotIdentifying = true, page, fields,
            };
            actions.Add(Go(ReturnsScreen.SaveSummary, confirm, "It is not identifying: confirm"));
        }

        return actions;
    }

    /// <summary>
    /// Whether the card saved had <paramref name="field"/> on it: a card names its parts; one posted before cards named
    /// them had them all. An input on it that was left empty is not sent at all, so its part is then empty, not unknown.
    /// </summary>
    public static bool Had(SaveSummaryData? typed, string field) =>
        typed is not null && (typed.Fields is null || typed.Fields.Contains(field, StringComparer.Ordinal));

    /// <summary>What was typed for a part on the card saved, if that card had it.</summary>
    public static string? TypedText(SaveSummaryData? typed, string field) => field switch
    {
        _ when typed is null => null,
        ReturnSummaryFields.GoodPractice => typed.GoodPractice,
        ReturnSummaryFields.AreasForDevelopment => typed.AreasForDevelopment,
        ReturnSummaryFields.Recommendations => typed.Recommendations,
        _ => typed.Grade,
    };

    /// <summary>What the summary's warning says of the parts saved with it and of those kept for later.</summary>
    public static string SummaryFlaggedMessage(IReadOnlyCollection<string> saved, IReadOnlyCollection<string> kept)
    {
        ArgumentNullException.ThrowIfNull(saved);
        ArgumentNullException.ThrowIfNull(kept);
        var text = "This page was too long to show back whole, so only what needs checking is below.";
        if (saved.Count > 0)
        {
            text += $" Your {SummaryNames(saved)} {(saved.Count == 1 ? "is" : "are")} saved in your draft.";
        }

        if (kept.Count > 0)
        {
            text += $" What you typed for {SummaryNames(kept)} is kept for you, not saved: it opens again when you save this card.";
        }

        return text;
    }

    /// <summary>The parts named as the warning names them: "good practice and recommendations".</summary>
    public static string SummaryNames(IEnumerable<string> fields) =>
        Join(fields.Select(f => ReturnSummaryFields.Label(f).ToLowerInvariant()).ToList());

    private static TextInput Narrative(string id, string label, string? value) =>
        new() { Id = id, Label = label, IsMultiline = true, MaxLength = FreeText.DefaultMaxLength, Value = value };
}
