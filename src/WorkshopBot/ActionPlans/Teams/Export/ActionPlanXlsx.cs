using WorkshopBot.ActionPlans.Domain;
using WorkshopBot.Common;

namespace WorkshopBot.ActionPlans.Teams;

/// <summary>The action plan for the sub-group's papers: one row per action, and its updates and changes on a second sheet.</summary>
public static class ActionPlanXlsx
{
    public static readonly string[] Headers =
    [
        "Audit", "Action", "What will be done", "Owner agency", "Lead", "Due", "Measure of success", "Themes", "Status", "RAG",
        "Overdue", "Latest update", "Evidence", "Recommendation",
    ];

    /// <summary>The History sheet's columns: when each thing happened is England's date and time (GMT or BST).</summary>
    public static readonly string[] HistoryHeaders =
        ["Audit", "Action", "When (England time, GMT/BST)", "Who", "What happened", "RAG", "Text"];

    public static string FileName(string title) =>
        "action-plan-" + new string(title.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray()).Trim('-')
        + ".xlsx";

    /// <summary>
    /// The workbook; <paramref name="recommendation"/> says how each action's recommendation may be shown (see
    /// <c>ActionSources.RecommendationsShownAsync</c>: not the wording of a withdrawn briefing). Every stored text goes
    /// through <paramref name="redactor"/> (a new one when not given), so the file holds no identifier the sweep removes.
    /// </summary>
    public static byte[] Render(IEnumerable<PlannedAction> actions, DateOnly today, Func<PlannedAction, string?> recommendation,
        ExportRedactor? redactor = null)
    {
        ArgumentNullException.ThrowIfNull(actions);
        var clean = redactor ?? new ExportRedactor();
        var ordered = actions.OrderBy(a => a.AuditTitle, StringComparer.OrdinalIgnoreCase).ThenBy(a => a.Number).ToList();
        return new XlsxWorkbook()
            .Sheet("Action plan", Headers, ordered.Select(a => Row(a, today, recommendation, clean)))
            .Sheet("History", HistoryHeaders, ordered.SelectMany(a => History(a, clean)))
            .ToBytes();
    }

    public static IReadOnlyList<object?> Row(PlannedAction a, DateOnly today, Func<PlannedAction, string?> recommendation,
        ExportRedactor? redactor = null)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(recommendation);
        var clean = redactor ?? new ExportRedactor();
        return
        [
            clean.Cell(a.AuditTitle), a.Label, clean.Cell(a.What), clean.Cell(a.OwnerShown), clean.Cell(a.Lead.Person.DisplayName),
            a.DueOn, clean.Cell(a.Measure), string.Join("; ", a.Themes.Select(t => WorkshopBot.Common.Themes.Find(t)?.DisplayName ?? t)),
            PlannedAction.StateText(a.State), a.Rag == ActionRag.NotReported ? "not reported" : a.Rag.ToString(),
            a.IsOverdue(today) ? "yes" : "no", clean.Cell(a.Updates.Count == 0 ? null : a.Updates[^1].Note), clean.Cell(EvidenceOf(a)),
            clean.Cell(recommendation(a)),
        ];
    }

    /// <summary>
    /// The evidence the action stands on: while it waits for sign-off or once it is signed off. Evidence the chair sent back
    /// is not the action's evidence (it is in the History sheet).
    /// </summary>
    private static string? EvidenceOf(PlannedAction a) =>
        a.State is ActionState.AwaitingSignOff or ActionState.Completed ? a.Evidence : null;

    /// <summary>Progress updates, evidence sent and the chair's changes, in the order they happened (not only by day).</summary>
    private static IEnumerable<IReadOnlyList<object?>> History(PlannedAction a, ExportRedactor clean) =>
        a.Updates.Select(u => (u.At, Row: Entry(a, u.At, u.By, "Progress", u.Rag.ToString(), u.Note, clean)))
            .Concat(a.EvidenceHistory.Select(e => (e.At, Row: Entry(a, e.At, e.By, "Evidence sent for sign-off", null, e.Text, clean))))
            .Concat(a.Changes.Select(c => (c.At, Row: Entry(a, c.At, c.By, clean.Text(Describe(c)), null, c.Reason, clean))))
            .OrderBy(e => e.At)
            .Select(e => e.Row);

    private static IReadOnlyList<object?> Entry(PlannedAction a, DateTimeOffset at, PersonRef by, string what, string? rag, string text,
        ExportRedactor clean) =>
        [clean.Cell(a.AuditTitle), a.Label, Clock(at), clean.Cell(by.DisplayName), what, rag, clean.Cell(text)];

    /// <summary>The date and time England's clocks showed at <paramref name="at"/>, as the Due dates are England's.</summary>
    private static DateTime Clock(DateTimeOffset at) => EnglandTime.LocalOf(at).DateTime;

    private static string Describe(ActionChange change) => change.Kind switch
    {
        ActionChangeKind.Reassigned => $"Reassigned from {change.From} to {change.To}",
        ActionChangeKind.Extended => $"Extended from {change.From} to {change.To}",
        ActionChangeKind.ClosedAsNotNeeded => "Closed as no longer needed",
        ActionChangeKind.EvidenceReturned => "Evidence sent back",
        _ => "Signed off",
    };
}
