using WorkshopBot.Audits;
using WorkshopBot.Briefings;
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
        AuditsFeature.MapAudits(router);
        WorkshopRoutes.Map(router);
        BriefingsFeature.MapBriefings(router);
        return router;
    }

    private static T Resolve<T>(TurnContext turn)
        where T : notnull => (T)turn.Services.GetService(typeof(T))!;
}
