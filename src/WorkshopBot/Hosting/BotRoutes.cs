using WorkshopBot.ActionPlans.Teams;
using WorkshopBot.Audits.Teams;
using WorkshopBot.Briefings.Teams;
using WorkshopBot.Common.Teams;
using WorkshopBot.Conversations;
using WorkshopBot.Help.Teams;
using WorkshopBot.Protocol.Routing;
using WorkshopBot.Workshop.Teams;

namespace WorkshopBot.Hosting;

/// <summary>Every route of the bot, in one place. Handlers are resolved from the turn's scope.</summary>
public static class BotRoutes
{
    public static ActivityRouter Build()
    {
        var router = new ActivityRouter();
        router.BeforeEach((turn, ct) => Resolve<ConversationTracker>(turn).RememberAsync(turn, ct));
        router.OnBadCardData(BadCardData.AnswerAsync);
        HelpRoutes.Map(router);
        AuditsRoutes.Map(router);
        WorkshopRoutes.Map(router);
        BriefingsRoutes.Map(router);
        ActionPlansRoutes.Map(router);
        return router;
    }

    private static T Resolve<T>(TurnContext turn)
        where T : notnull => (T)turn.Services.GetService(typeof(T))!;
}
