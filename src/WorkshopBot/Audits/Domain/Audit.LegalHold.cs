using WorkshopBot.Common;

namespace WorkshopBot.Audits.Domain;

/// <summary>The legal hold: who placed it decides who may release it.</summary>
public sealed partial class Audit
{
    /// <summary>The refusal when the chair releases a hold the partnership placed; it says nothing more than that.</summary>
    public const string HeldByPartnershipMessage =
        "This legal hold was placed by the partnership. Only a partnership admin can release it.";

    /// <summary>
    /// Places the hold. <paramref name="byPartnership"/> (a partnership admin) also takes over a hold the chair placed, so
    /// that the chair can no longer release it.
    /// </summary>
    public DomainResult PlaceLegalHold(bool byPartnership = false) =>
        !Retention.LegalHold ? ChangeRetention(Retention with { LegalHold = true, HeldByPartnership = byPartnership })
        : byPartnership && !Retention.HeldByPartnership ? ChangeRetention(Retention with { HeldByPartnership = true })
        : DomainResult.Fail(DomainErrorKind.AlreadyDone, "This audit is already on legal hold.");

    /// <summary>Releases the hold; a hold the partnership placed only when <paramref name="byPartnership"/>.</summary>
    public DomainResult ReleaseLegalHold(bool byPartnership = false) =>
        !Retention.LegalHold ? DomainResult.Fail(DomainErrorKind.AlreadyDone, "This audit is not on legal hold.")
        : Retention.HeldByPartnership && !byPartnership ? DomainResult.NotAllowed(HeldByPartnershipMessage)
        : ChangeRetention(Retention with { LegalHold = false, HeldByPartnership = false });

    /// <summary>
    /// Sets the period for someone held to the partnership's <paramref name="minimumMonths"/>: below it only to lengthen
    /// a period that is already shorter (set before the minimum, or by an admin).
    /// </summary>
    public DomainResult SetRetention(int retainForMonthsAfterClosure, int minimumMonths) =>
        retainForMonthsAfterClosure < minimumMonths && retainForMonthsAfterClosure < Retention.RetainForMonthsAfterClosure
            ? DomainResult.NotAllowed(BelowMinimumMessage(minimumMonths))
            : SetRetention(retainForMonthsAfterClosure);

    public static string BelowMinimumMessage(int minimumMonths) =>
        $"The partnership keeps audits for at least {minimumMonths} months after closure. "
        + "Only a partnership admin can set a shorter period.";
}
