// After issue, an agency's people saved: its representative is sent the audit tools they have not been sent, and the chair
// is told so on the card they saved from, naming a representative the bot cannot reach.
using WorkshopBot.Audits.Domain;
using WorkshopBot.Audits.Storage;
using WorkshopBot.Common;
using WorkshopBot.Common.Teams;
using WorkshopBot.Protocol.Routing;
using WorkshopBot.Protocol.Schema;

namespace WorkshopBot.Audits.Teams;

public sealed partial class AgenciesScreen
{
    /// <summary>
    /// The agencies card after a save. It says so when the bot could not reach a new named lead with an open alert. While
    /// returns are collected, the representative is sent the tools they have not been sent (idempotent: a save pressed again
    /// sends nothing twice; logged as <c>audit.tools-sent</c> with counts), and the card says where they stand: sent now,
    /// sent before, or not reachable in Teams, with what the chair can do. After the returns are released no tool is sent:
    /// a new representative is pointed to "my audits".
    /// </summary>
    private async Task<InvokeResponse> SavedAsync(TurnContext turn, Audit audit, AuditAgency agency, PersonRef? unreachedLead,
        bool newRepresentative, CancellationToken ct)
    {
        var message = $"{CardKit.Literal(agency.Name)}: people and cases saved."
            + (unreachedLead is null ? "" : " " + SafetyAlerts.LeadNotReached(unreachedLead));
        var tone = unreachedLead is null ? Tone.Success : Tone.Warning;
        if (audit.FindAgency(agency.Id) is { Representative: { } representative, NamedLead: { } both }
            && representative.IsSamePerson(both) && !audit.IsChair(both))
        {
            // Their own alert cannot be acknowledged by them (SafetyScreen): the chair should know it rests with them alone.
            message += $" {CardKit.Literal(both.DisplayName)} is both the representative and the named lead: an immediate-safety "
                + "alert they raise goes to you alone, and only you can acknowledge it.";
        }

        if (audit.Status == AuditStatus.Issued
            && await tools.DeliverToAgencyAsync(audit, agency.Id, ct).ConfigureAwait(false) is { } sent)
        {
            if (sent.Fresh > 0)
            {
                await trail.RecordAsync(turn.Person(), "audit.tools-sent", AuditSubjects.Audit, audit.Id,
                    new { agency = agency.Id, sent = sent.Fresh, reached = sent.Reached }, ct).ConfigureAwait(false);
            }

            message += " " + ToolsNote(sent);
            tone = sent.Reached ? tone : Tone.Warning;
        }
        else if (newRepresentative && audit.Status is > AuditStatus.Issued and < AuditStatus.Closed
            && audit.FindAgency(agency.Id)?.Representative is { } rep)
        {
            message += $" The returns have been released, so no audit tool is sent: {CardKit.Literal(rep.DisplayName)} can type "
                + "my audits in their chat with WorkshopBot to open the agency's returns.";
        }

        return Reply.Card(AgenciesCard.Agencies(audit, message, tone));
    }

    /// <summary>Where the representative's audit tools stand, for the chair.</summary>
    public static string ToolsNote(AgencyTools sent)
    {
        ArgumentNullException.ThrowIfNull(sent);
        var who = CardKit.Literal(sent.Representative.DisplayName);
        if (!sent.Reached)
        {
            return $"WorkshopBot could not reach {who} in Teams to send the agency's audit tools (they may not have installed the "
                + "app, or may have closed or blocked their chat with it). Ask them to open WorkshopBot in Teams, then press "
                + $"{DashboardCard.SendMissingTools} on the audit's dashboard.";
        }

        return sent.Fresh > 0
            ? $"{CardKit.Plural(sent.Fresh, "audit tool")} sent to {who}."
            : $"{who} has already been sent the agency's {CardKit.Plural(sent.Tools, "audit tool")}.";
    }
}
