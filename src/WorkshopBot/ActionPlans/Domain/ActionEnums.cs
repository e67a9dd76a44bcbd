using System.Text.Json.Serialization;

namespace WorkshopBot.ActionPlans.Domain;

/// <summary>The lead's own reading of how an action is going.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ActionRag>))]
public enum ActionRag
{
    /// <summary>No update yet.</summary>
    NotReported,
    Red,
    Amber,
    Green,
}

/// <summary>Where an action is in its life: open, waiting for the chair's sign-off, done, or closed as no longer needed.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ActionState>))]
public enum ActionState
{
    Open,
    AwaitingSignOff,
    Completed,
    Closed,
}

/// <summary>What the chair changed on an action, kept with the reason given.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ActionChangeKind>))]
public enum ActionChangeKind
{
    Reassigned,
    Extended,
    ClosedAsNotNeeded,
    EvidenceReturned,
    SignedOff,
}
