using WorkshopBot.Protocol.Routing;

namespace WorkshopBot.Help.Teams;

/// <summary>The screens of the help feature, in the order people meet them.</summary>
public static class HelpRoutes
{
    public static void Map(ActivityRouter router)
    {
        // The welcome card when the bot is added, the help card on "help" or "What can I do?".
        HelpScreen.Map(router);
    }
}
