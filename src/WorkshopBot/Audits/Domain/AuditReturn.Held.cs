using WorkshopBot.Common;

namespace WorkshopBot.Audits.Domain;

/// <summary>Text kept for its author only (<see cref="Held"/>, <see cref="HeldLearning"/>) is theirs alone.</summary>
public sealed partial class AuditReturn
{
    /// <summary>Whether anything typed is kept for its author, not saved.</summary>
    public bool HoldsText => Held.Count > 0 || HeldLearning.Count > 0;

    /// <summary>
    /// Forgets what was kept for the representative who typed it, when the agency's representative changes: kept text is
    /// its author's alone, and the next representative neither sees nor inherits it. The answers saved in the draft stay.
    /// The version moves on, so a card the one before still has saves nothing. Refused as already done when nothing is kept.
    /// </summary>
    public DomainResult ForgetHeld()
    {
        if (!HoldsText)
        {
            return DomainResult.Fail(DomainErrorKind.AlreadyDone, "Nothing is kept.");
        }

        Held = new Dictionary<string, QuestionAnswer>();
        HeldLearning = new Dictionary<string, string>();
        Version++;
        return DomainResult.Ok;
    }
}
