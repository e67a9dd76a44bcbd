using WorkshopBot.Cards;
using WorkshopBot.Common.Teams;
using WorkshopBot.Protocol.Routing;
using WorkshopBot.Protocol.Schema;

namespace WorkshopBot.Briefings.Teams;

/// <summary>The briefing's notices: the one notice look, with a way back to the briefing when there is one.</summary>
internal static class BriefingReply
{
    public static ExecuteAction BackToBriefing(Guid auditId) =>
        ExecuteAction.Create(ComposeScreen.Open, new OpenBriefingData(auditId), "Back to the briefing");

    public static InvokeResponse Refusal(string title, string text, Guid? auditId = null) =>
        auditId is { } id ? Reply.Refusal(title, text, BackToBriefing(id)) : Reply.Refusal(title, text);

    public static InvokeResponse Notice(string title, string text, Tone tone, Guid auditId) =>
        Reply.Notice(title, text, tone, BackToBriefing(auditId));
}
