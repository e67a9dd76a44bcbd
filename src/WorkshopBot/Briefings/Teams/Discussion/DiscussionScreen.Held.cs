// An audit on legal hold keeps everything recorded of it: a team's discussion is neither moved to another date nor removed.
using WorkshopBot.Audits.Domain;
using WorkshopBot.Cards;
using WorkshopBot.Common.Teams;
using WorkshopBot.Protocol.Schema;

namespace WorkshopBot.Briefings.Teams;

public sealed partial class DiscussionScreen
{
    private const string HeldText = "This audit is on legal hold, so everything recorded of it is kept as it is: this "
        + "discussion cannot be moved to another date or removed while the hold is in place. Nothing was changed.";

    /// <summary>
    /// The refusal to correct a meeting's record while its audit is on legal hold (null when it is not), given only to those who
    /// may correct it otherwise: anyone else is told no more than before. The audit is the one read with the correction, held
    /// to its commit when the correction changes something, so a hold placed meanwhile makes the turn run again to this.
    /// </summary>
    private static InvokeResponse? HeldRefusal(Audit? audit, ExecuteAction back) =>
        audit?.Retention.LegalHold == true ? Reply.Refusal("Kept under legal hold", HeldText, back) : null;
}
