namespace WorkshopBot.Workshop.Teams;

/// <summary>Data of verbs that only name the workshop (the chair's panel, the export).</summary>
public sealed record WorkshopRef(Guid WorkshopId) : IWorkshopCardData
{
    public bool IdsWellFormed => true;
}

/// <summary>
/// Card data that names one poll of a workshop. <see cref="WorkshopAccess"/> loads and checks what it names, so every
/// poll screen guards the same way.
/// </summary>
public interface IPollData
{
    Guid WorkshopId { get; }

    string PollId { get; }
}

/// <summary>Data of verbs naming one poll (a person's view of it, the chair's controls).</summary>
public sealed record PollRef(Guid WorkshopId, string PollId) : IPollData, IWorkshopCardData
{
    public bool IdsWellFormed => WorkshopCardIds.IsWellFormed(PollId);
}
