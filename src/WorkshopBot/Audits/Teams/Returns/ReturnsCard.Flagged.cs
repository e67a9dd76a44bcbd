using WorkshopBot.Audits.Domain;
using WorkshopBot.Cards;
using WorkshopBot.Common.Privacy;
using WorkshopBot.Common.Teams;
using static WorkshopBot.Common.Teams.CardKit;

namespace WorkshopBot.Audits.Teams;

/// <summary>
/// The identifier warning of a page whose answers, typed long, cannot all be shown back in one card (Teams breaks above
/// about 28 KB): the answers without findings are saved in the draft, the questions with findings are shown with what was
/// typed for them while the card fits, and the rest are kept for their author (<see cref="AuditReturn.Held"/>).
/// </summary>
public static partial class ReturnsCard
{
    public const string HeldNote = "Not saved yet: kept for you because it may identify someone. Check it, then save.";

    /// <summary>Room left for the invoke answer around the card and for a version number one digit longer.</summary>
    private const int FitMargin = 512;

    /// <summary>True when the card, as the bot sends it, is within <see cref="MaxCardBytes"/>.</summary>
    public static bool Fits(AdaptiveCard card) => CardKit.Fits(card, FitMargin);

    /// <summary>How many of <paramref name="flagged"/> (in order) fit on <see cref="Flagged"/>; the rest are to be kept.</summary>
    public static int FlaggedThatFit(Audit audit, AuditReturn ret, int stepIndex, int page, TypedAnswers typed,
        IReadOnlyList<FieldFinding> findings, IReadOnlyList<string> flagged, string message)
    {
        ArgumentNullException.ThrowIfNull(flagged);
        var shown = 0;
        while (shown < flagged.Count
            && Fits(Flagged(audit, ret, stepIndex, page, typed, findings, flagged.Take(shown + 1).ToList(), message)))
        {
            shown++;
        }

        return shown;
    }

    /// <summary>
    /// The warning with only the questions <paramref name="shown"/>, their findings and what was typed for them; the header
    /// cut short and the guidance left out (the page showed it) so that one answer of any length fits. Each question is quoted
    /// by its number and its text, shortened as a page too large is (<see cref="QuestionLengths"/>) when the card would not
    /// fit otherwise: a long question (one at its limit in emoji takes 3 KB in the card) never keeps an answer off the warning.
    /// </summary>
    public static AdaptiveCard Flagged(Audit audit, AuditReturn ret, int stepIndex, int page, TypedAnswers typed,
        IReadOnlyList<FieldFinding> findings, IReadOnlyList<string> shown, string message)
    {
        ArgumentNullException.ThrowIfNull(audit);
        ArgumentNullException.ThrowIfNull(ret);
        ArgumentNullException.ThrowIfNull(typed);
        ArgumentNullException.ThrowIfNull(findings);
        ArgumentNullException.ThrowIfNull(shown);
        var lengths = QuestionLengths.Distinct().ToList();
        var card = Flagged(audit, ret, stepIndex, page, typed, findings, shown, message, lengths[0]);
        for (var i = 1; i < lengths.Count && !Fits(card); i++)
        {
            card = Flagged(audit, ret, stepIndex, page, typed, findings, shown, message, lengths[i]);
        }

        return card;
    }

    private static AdaptiveCard Flagged(Audit audit, AuditReturn ret, int stepIndex, int page, TypedAnswers typed,
        IReadOnlyList<FieldFinding> findings, IReadOnlyList<string> shown, string message, int questionLength)
    {
        var section = ReturnSteps.Build(ret)[stepIndex].Section!;
        var labels = shown.Select(id => $"Question {ret.NumberOf(id)}").ToHashSet(StringComparer.Ordinal);
        var theirs = findings.Where(f => labels.Contains(f.Field)).ToList();
        var body = new List<CardElement>
        {
            Small($"{Literal(audit.Title, 80)} · {Literal(ret.AgencyName, 60)} · case {ret.CaseReference}"),
            Heading(Literal(section.Title, 120)),
        };
        body.AddRange(Message(message, Tone.Warning));
        body.AddRange(Findings(theirs, FlaggedNotSaved));
        foreach (var q in section.Questions.Where(q => shown.Contains(q.Id)))
        {
            body.Add(QuestionBlock(ret, q, typed.ByQuestion.GetValueOrDefault(q.Id), guidance: false, questionLength));
        }

        return new AdaptiveCard
        {
            FallbackText = $"Audit tool: {section.Title}",
            MsTeams = TeamsCardProperties.FullWidth,
            Body = body,
            Actions = SectionActions(audit, ret, section, stepIndex, page, theirs),
        };
    }

    /// <summary>What the warning says of the answers saved with it and of those kept for later.</summary>
    public static string FlaggedMessage(AuditReturn ret, IReadOnlyCollection<string> saved, IReadOnlyCollection<string> kept)
    {
        ArgumentNullException.ThrowIfNull(ret);
        string Numbers(IEnumerable<string> ids) => Join(ids.Select(ret.NumberOf).ToList());
        var text = "This page was too long to show back whole, so only the answers that need checking are below.";
        if (saved.Count > 0)
        {
            text += $" Your answer{(saved.Count == 1 ? " to question" : "s to questions")} {Numbers(saved)} "
                + $"{(saved.Count == 1 ? "is" : "are")} saved in your draft.";
        }

        if (kept.Count > 0)
        {
            text += $" What you typed for question{(kept.Count == 1 ? "" : "s")} {Numbers(kept)} is kept for you, not saved: "
                + "it opens again when you save this card.";
        }

        return text;
    }

    /// <summary>
    /// What a warning adds when text kept for its author lost what may identify someone (and, to stay within the length
    /// limit, its last characters), or could not be checked and is not kept (<paramref name="notChecked"/> names what, as the warning
    /// names it).
    /// </summary>
    public static string KeptNote(bool removed, bool cut, string? notChecked) =>
        (removed ? " What may identify someone shows as removed in what is kept for you: type it again only if it identifies nobody"
            + " (NHS numbers, full postcodes and dates of birth are never kept)"
            + (cut ? ", and a text at the length limit lost its last few characters to make room." : ".") : "")
        + (notChecked is null ? ""
            : $" What you typed for {notChecked} could not be checked just now, so it is not kept: please type it again.");

    /// <summary>"question 3", "questions 3 and 4".</summary>
    public static string QuestionNumbers(AuditReturn ret, IReadOnlyCollection<string> ids)
    {
        ArgumentNullException.ThrowIfNull(ret);
        return $"question{(ids.Count == 1 ? "" : "s")} {Join(ids.Select(ret.NumberOf).ToList())}";
    }

    private static string Join(IReadOnlyList<string> items) =>
        items.Count <= 1 ? string.Concat(items) : $"{string.Join(", ", items.Take(items.Count - 1))} and {items[^1]}";
}
