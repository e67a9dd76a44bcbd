using WorkshopBot.Protocol.Routing;
using WorkshopBot.Protocol.Schema;

namespace WorkshopBot.Common.Teams;

/// <summary>
/// The person who acted on a turn, read from the activity and never from card data. Every feature asks here, so the
/// rule for who someone is (and the name shown when Teams sends none) is written once.
/// </summary>
public static class TurnActor
{
    /// <summary>The display name used when Teams sends none.</summary>
    public const string UnknownName = "Unknown user";

    public static PersonRef Person(this TurnContext turn)
    {
        ArgumentNullException.ThrowIfNull(turn);
        return new PersonRef(turn.UserKey, string.IsNullOrWhiteSpace(turn.UserName) ? UnknownName : turn.UserName)
        {
            TenantId = string.IsNullOrEmpty(turn.TenantId) ? null : turn.TenantId,
        };
    }

    /// <summary>
    /// The person who acted as one string, their tenant and Entra object id (<see cref="Person"/>, without the name), for
    /// storage to keep and compare without regard to case; null when the activity names no object id (nobody).
    /// </summary>
    public static string? PersonKey(this TurnContext turn)
    {
        var person = turn.Person();
        return string.IsNullOrEmpty(person.UserId) ? null : $"{person.TenantId}/{person.UserId}";
    }

    /// <summary>The tenant the activity came from (Teams' channel data, else the conversation), or null.</summary>
    public static string? TenantId(this TurnContext turn)
    {
        ArgumentNullException.ThrowIfNull(turn);
        return turn.Activity.GetTenantId();
    }
}
