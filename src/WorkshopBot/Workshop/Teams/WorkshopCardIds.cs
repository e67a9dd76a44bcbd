using WorkshopBot.Protocol.Routing;
using WorkshopBot.Protocol.Schema;
using WorkshopBot.Workshop.Domain;

namespace WorkshopBot.Workshop.Teams;

/// <summary>
/// Card data of a workshop verb. The ids it carries (poll, option, idea, agency, case, recommendation) come from whoever
/// pressed the card and reach key columns and the audit log, so they are checked once, before any screen reads them
/// (<see cref="WorkshopCardIds.OnWorkshopCard{TData}"/>).
/// </summary>
public interface IWorkshopCardData
{
    /// <summary>True when every id the data carries is absent or well formed (<see cref="WorkshopCardIds.IsWellFormed"/>).</summary>
    bool IdsWellFormed { get; }
}

/// <summary>
/// The one check of the ids in workshop card data: at most <see cref="MaxLength"/> ASCII letters, digits, hyphens,
/// underscores or dots, which every id the workshop makes is (a poll's is its workshop's id and its number, a case
/// reference at most 40). Anything else was not on a card the bot sent: it gets the polite "not available" answer,
/// and nothing is read or stored.
/// </summary>
public static class WorkshopCardIds
{
    public const int MaxLength = 64;

    /// <summary>Absent (null or empty) or well formed.</summary>
    public static bool IsWellFormed(string? id)
    {
        if (id is null)
        {
            return true;
        }

        if (id.Length > MaxLength)
        {
            return false;
        }

        foreach (var c in id)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('-' or '_' or '.'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Every one of <paramref name="ids"/> absent or well formed.</summary>
    public static bool AreWellFormed(params ReadOnlySpan<string?> ids)
    {
        foreach (var id in ids)
        {
            if (!IsWellFormed(id))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A comma-separated choice of ids (a multi-select input): each well formed, and no more than a poll offers.</summary>
    public static bool IsWellFormedList(string? ids)
    {
        if (ids is null)
        {
            return true;
        }

        var count = 0;
        foreach (var part in ids.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (++count > Poll.MaxChoices || !IsWellFormed(part))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// A workshop verb: its data parsed as the router parses every card's, then its ids checked before the handler runs.
    /// </summary>
    public static ActivityRouter OnWorkshopCard<TData>(this ActivityRouter router, string verb,
        Func<TurnContext, TData, CancellationToken, Task<InvokeResponse>> handler)
        where TData : class, IWorkshopCardData
    {
        ArgumentNullException.ThrowIfNull(router);
        ArgumentNullException.ThrowIfNull(handler);
        return router.OnCardAction<TData>(verb, (turn, data, ct) =>
            data.IdsWellFormed ? handler(turn, data, ct) : Task.FromResult(WorkshopAccess.Gone()));
    }
}
