namespace WorkshopBot.Workshop.Teams;

/// <summary>Data of verbs that only name the workshop (the chair's panel, the export).</summary>
public sealed record WorkshopRef(Guid WorkshopId);

/// <summary>Data of verbs naming one poll (a person's view of it, the chair's controls).</summary>
public sealed record PollRef(Guid WorkshopId, string PollId);
