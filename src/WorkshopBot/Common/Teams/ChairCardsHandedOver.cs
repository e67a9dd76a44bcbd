// A chair handed over while work still waits for the chair's answer (a request to reopen a return, an action waiting for
// sign-off): the new chair is sent each item once, and the chair before has the item's cards replaced by one that shows
// nothing of it. Shared by the features that send such cards, each with its own keys and messenger.
using WorkshopBot.Cards;
using WorkshopBot.Storage;

namespace WorkshopBot.Common.Teams;

/// <summary>
/// What a handover did to one kind of waiting work: how many items were waiting, how many went to the new chair, and the
/// chair before's cards being replaced (the messages that posted them, and the updates that replace them), for the caller
/// to give up whatever else is still queued to post or update them in the same unit of work.
/// </summary>
public sealed record WorkHandedOver(int Pending, int SentToNewChair, IReadOnlyList<string> Posted, IReadOnlyList<string> Updates)
{
    public static WorkHandedOver Nothing(int pending) => new(pending, 0, [], []);
}

/// <summary>
/// The cards one feature queued (one correlation) as a handover moves its waiting work: counts the copies sent to the new
/// chair and replaces, where the bot can update them, the cards of each item it was given that were posted to a 1:1 chat,
/// not failed for good (never shown: nothing to replace) and not already replaced at an earlier handover.
/// </summary>
public sealed class ChairCardsHandedOver
{
    /// <summary>Ends the key of the update that replaces a card in the chat of a chair who handed over.</summary>
    public const string HandedOverSuffix = ":handed-over";

    private readonly IReadOnlyList<OutboxMessage> _messages;
    private readonly HashSet<string> _replaced;
    private readonly List<string> _posted = [];
    private readonly List<string> _updates = [];
    private int _sent;

    private ChairCardsHandedOver(IReadOnlyList<OutboxMessage> messages)
    {
        _messages = messages;
        _replaced = messages.Where(m => m.Kind == OutboxKind.Update && m.UpdateOfKey is { } of && m.DedupeKey == of + HandedOverSuffix)
            .Select(m => m.UpdateOfKey!).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The messages of <paramref name="correlation"/> as stored before this handover queues anything.</summary>
    public static async Task<ChairCardsHandedOver> ReadAsync(IOutboxStore outboxStore, string correlation, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(outboxStore);
        return new ChairCardsHandedOver(await outboxStore.ListByCorrelationAsync(correlation, ct).ConfigureAwait(false));
    }

    /// <summary>Counts a copy queued to the new chair (its key), or not queued (null: the bot cannot reach them).</summary>
    public void SentToNewChair(string? queuedKey) => _sent += queuedKey is null ? 0 : 1;

    /// <summary>
    /// Replaces every card whose dedupe key <paramref name="isCardOfItem"/> accepts, not yet replaced: <paramref name="update"/>
    /// queues the update of the posted key with the key it is given (the posted key and <see cref="HandedOverSuffix"/>).
    /// </summary>
    public async Task ReplaceAsync(Func<string, bool> isCardOfItem, Func<string, string, Task<string>> update)
    {
        ArgumentNullException.ThrowIfNull(isCardOfItem);
        ArgumentNullException.ThrowIfNull(update);
        foreach (var card in _messages.Where(m => m.Kind == OutboxKind.CreatePersonalConversation
            && m.Status is not (OutboxStatus.Failed or OutboxStatus.Blocked) && isCardOfItem(m.DedupeKey)))
        {
            if (_replaced.Add(card.DedupeKey))
            {
                _posted.Add(card.DedupeKey);
                _updates.Add(await update(card.DedupeKey, card.DedupeKey + HandedOverSuffix).ConfigureAwait(false));
            }
        }
    }

    /// <summary>What was done, for <paramref name="pending"/> items waiting.</summary>
    public WorkHandedOver Result(int pending) => new(pending, _sent, [.. _posted], [.. _updates]);

    /// <summary>
    /// The card that replaces an item's card in the chat of a chair who handed the audit over: nothing of the item, only that
    /// the new chair has it. <paramref name="newChairCan"/> says what they can do with it ("answer it", "sign it off").
    /// </summary>
    public static AdaptiveCard Notice(string title, string item, string newChairCan) => NoticeCard.Create(title,
        $"You no longer chair the audit this {item} belongs to. It has been sent to the new chair, who can {newChairCan}, and its "
        + "details are no longer shown here.", Tone.Info);
}
