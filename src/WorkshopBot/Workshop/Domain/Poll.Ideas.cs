using System.Globalization;
using WorkshopBot.Common;

namespace WorkshopBot.Workshop.Domain;

public sealed partial class Poll
{
    /// <param name="authorAgency">The agency the author has joined for now (kept on a named board's idea only).</param>
    internal DomainResult<IdeaItem> AddItem(string text, string? authorKey, string? agencyName, string? themeKey, string? caseReference,
        DateTimeOffset now, string? authorAgency = null)
    {
        if (Kind != PollKind.IdeaBoard)
        {
            return DomainResult<IdeaItem>.Fail(DomainErrorKind.NotAllowed, "Ideas are added to idea boards only.");
        }

        if (Phase != PollPhase.Collecting)
        {
            return DomainResult<IdeaItem>.Fail(DomainErrorKind.NotAllowed, "Adding ideas has finished on this board.");
        }

        if (Items.Count >= MaxItems)
        {
            return DomainResult<IdeaItem>.Fail(DomainErrorKind.NotAllowed,
                $"This board is full ({MaxItems} ideas). The chair can merge duplicates.");
        }

        // Add idea pressed twice: the same person's same words are on the board once. An anonymous board keeps no author,
        // so the same words already showing there are the idea already on the board.
        if (Items.Any(i => i.IsVisible && string.Equals(i.Text, text, StringComparison.Ordinal)
                && string.Equals(i.AuthorKey, Anonymous ? null : authorKey, StringComparison.OrdinalIgnoreCase)))
        {
            return DomainResult<IdeaItem>.Fail(DomainErrorKind.AlreadyDone, "That idea is already on the board. Nothing was added.");
        }

        var item = new IdeaItem("i" + NextItemNumber.ToString(CultureInfo.InvariantCulture), text,
            Anonymous ? null : authorKey, agencyName, themeKey, caseReference, Hidden: false, MergedIntoId: null, now)
        {
            // An anonymous board keeps nothing of its author, their agency included.
            AuthorCredit = Anonymous || authorKey is null ? null : new IdeaCredit(authorAgency),
        };
        NextItemNumber++;
        Items = [.. Items, item];
        return DomainResult<IdeaItem>.Ok(item);
    }

    internal DomainResult MergeItem(string itemId, string intoItemId)
    {
        if (Phase != PollPhase.Collecting)
        {
            return DomainResult.NotAllowed("Merge duplicates before voting opens, so no dots are lost.");
        }

        var item = FindItem(itemId);
        var into = FindItem(intoItemId);
        if (item is null || into is null || !item.IsVisible || !into.IsVisible || item.Id == into.Id)
        {
            return DomainResult.NotFound("Choose two different ideas that are still on the board.");
        }

        Items = Items.Select(i => i.Id == item.Id ? i with { MergedIntoId = into.Id } : i).ToList();
        return DomainResult.Ok;
    }

    internal DomainResult EditItem(string itemId, string text)
    {
        var item = FindItem(itemId);
        if (item is null || item.MergedIntoId is not null)
        {
            return DomainResult.NotFound("That idea is not on the board.");
        }

        Items = Items.Select(i => i.Id == item.Id ? i with { Text = text } : i).ToList();
        return DomainResult.Ok;
    }

    internal DomainResult HideItem(string itemId)
    {
        // Dots already on a hidden idea could be neither taken back nor spent elsewhere.
        if (Phase != PollPhase.Collecting)
        {
            return DomainResult.NotAllowed("Hide ideas before voting opens, so no dots are lost. You can still edit the wording.");
        }

        var item = FindItem(itemId);
        if (item is null || !item.IsVisible)
        {
            return DomainResult.NotFound("That idea is not on the board.");
        }

        Items = Items.Select(i => i.Id == item.Id ? i with { Hidden = true } : i).ToList();
        return DomainResult.Ok;
    }
}
