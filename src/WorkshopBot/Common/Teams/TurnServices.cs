using WorkshopBot.Protocol.Routing;

namespace WorkshopBot.Common.Teams;

/// <summary>Resolves a screen's handler from the turn's service scope, so routes stay one line each.</summary>
public static class TurnServices
{
    public static T Screen<T>(this TurnContext turn)
        where T : notnull
    {
        ArgumentNullException.ThrowIfNull(turn);
        return turn.Services.GetRequiredService<T>();
    }
}
