using System.Collections.Frozen;
using WorkshopBot.Protocol.Routing;
using WorkshopBot.Protocol.Schema;

namespace WorkshopBot.Conversations;

/// <summary>
/// Card actions (<c>Action.Execute</c> verbs) whose handler does nothing before its first read and makes that read with
/// <see cref="Common.Storage.DocumentChanges.ReadOnlyAlongAsync{T, TAlong}"/>, registered by the feature that handles
/// them. Registered once per feature, with its verbs.
/// </summary>
public sealed record ReplayCheckCarrier(params string[] Verbs)
{
    /// <summary>
    /// Their answers are not kept with the processed mark: a redelivery is answered from the handler's first read, which
    /// then finds <see cref="Storage.UnitOfWork.Redelivered"/> set and must change nothing (the turn commits nothing
    /// either way). For answers that are the person's own view of what is stored now, such as a ballot.
    /// </summary>
    public bool AnsweredAfresh { get; init; }
}

/// <summary>
/// Which activities carry their replay check in their handler's first read (one round trip where a vote made two), and
/// which make it on its own before the handler runs. A handler may only carry its check when nothing it does before that
/// read outlives the turn: the router's before-each bookkeeping (the conversation, a team's group id) runs first and
/// writes only what every delivery of the activity would write. Whatever the handler does, the check is made before the
/// turn commits or answers (see TurnCoordinator).
/// </summary>
public sealed class ReplayCheckCarriers(IEnumerable<ReplayCheckCarrier> carriers)
{
    // Each verb's registration (a verb registered twice keeps its first).
    private readonly FrozenDictionary<string, ReplayCheckCarrier> _byVerb = carriers
        .SelectMany(c => c.Verbs.Select(verb => (Verb: verb, Carrier: c)))
        .DistinctBy(p => p.Verb, StringComparer.Ordinal)
        .ToFrozenDictionary(p => p.Verb, p => p.Carrier, StringComparer.Ordinal);

    /// <summary>The registration of the activity's verb when its handler carries the check, else null.</summary>
    public ReplayCheckCarrier? Of(Activity activity) =>
        _byVerb.Count > 0 && ActivityRouter.CardActionVerbOf(activity) is { } verb ? _byVerb.GetValueOrDefault(verb) : null;
}
