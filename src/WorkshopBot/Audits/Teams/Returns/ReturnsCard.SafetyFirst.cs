using WorkshopBot.Audits.Domain;

namespace WorkshopBot.Audits.Teams;

/// <summary>
/// What an identifier warning says of the immediate-safety answers saved ahead of its check
/// (<see cref="AuditReturn.ValuesSavedBeforeCheck"/>), so the representative knows the alert did not wait.
/// </summary>
public static partial class ReturnsCard
{
    /// <summary>What the findings say was not saved, on a page whose immediate-safety answers were.</summary>
    public const string OnlySafetySaved = "Only your immediate-safety answer has been saved.";

    /// <summary>
    /// What the findings of a warning too large for one card say was not saved: other answers, and a safety question's yes
    /// or no, may have been saved with it (<see cref="FlaggedMessage"/> says which).
    /// </summary>
    public const string FlaggedNotSaved = "The text shown below has not been saved.";

    /// <summary>
    /// The immediate-safety answers saved with the warning: <paramref name="saved"/>, of which <paramref name="valueOnly"/>
    /// by their yes or no alone, the details typed for them waiting for the check (or, <paramref name="until"/>, for what else
    /// they wait). Empty when none was.
    /// </summary>
    public static string SafetySaved(AuditReturn ret, IReadOnlyCollection<string> saved, IReadOnlyCollection<string> valueOnly,
        string until = "you check them")
    {
        ArgumentNullException.ThrowIfNull(ret);
        ArgumentNullException.ThrowIfNull(saved);
        ArgumentNullException.ThrowIfNull(valueOnly);
        var whole = saved.Except(valueOnly, StringComparer.Ordinal).ToList();
        var text = valueOnly.Count == 0 ? string.Empty
            : $"Your yes or no to immediate-safety {QuestionNumbers(ret, valueOnly)} is saved now, so no alert waits for this check; "
                + $"the details you typed for {(valueOnly.Count == 1 ? "it are" : "them are")} not saved until {until}.";
        return whole.Count == 0 ? text
            : ($"{text} Your answer{(whole.Count == 1 ? "" : "s")} to immediate-safety {QuestionNumbers(ret, whole)} "
                + $"{(whole.Count == 1 ? "is" : "are")} saved.").TrimStart();
    }
}
