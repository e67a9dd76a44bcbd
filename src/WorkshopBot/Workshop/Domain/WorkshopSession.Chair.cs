using WorkshopBot.Common;

namespace WorkshopBot.Workshop.Domain;

// The workshop keeps a copy of its audit's chair, who alone runs its polls: a handover of the audit's chair moves it too.
public sealed partial class WorkshopSession
{
    /// <summary>Makes <paramref name="chair"/>, the audit's chair now, this workshop's chair; already done when they are.</summary>
    public DomainResult HandOverChair(PersonRef chair)
    {
        ArgumentNullException.ThrowIfNull(chair);
        if (IsChair(chair) && Chair.DisplayName == chair.DisplayName)
        {
            return DomainResult.Fail(DomainErrorKind.AlreadyDone, "The workshop already has this chair.");
        }

        Chair = chair;
        return DomainResult.Ok;
    }
}
