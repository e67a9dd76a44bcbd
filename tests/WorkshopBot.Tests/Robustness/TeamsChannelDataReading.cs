using System.Text.Json;

namespace WorkshopBot.Tests.Robustness;

/// <summary>
/// The oracle's reading of an activity's <c>channelData</c> as Teams' (the documented Teams channel data: tenant, team,
/// channel, meeting, eventType, notification, settings), written from that contract rather than from the bot's types. The
/// bot reads it whole or not at all: one known field of the wrong type (a number where Teams sends text, an alert that is
/// not true or false, a team that is not an object) and none of it is read, so its tenant id counts as absent. Names match
/// in any case; every one of duplicated names must have the right type, as each is read in turn. Unknown fields are kept.
/// </summary>
internal static class TeamsChannelDataReading
{
    private enum Shape
    {
        Text,
        Flag,
        Notification,
        Channel,
        Identified,
        Team,
        Settings,
    }

    private static readonly Dictionary<string, Shape> Data = new(StringComparer.OrdinalIgnoreCase)
    {
        ["tenant"] = Shape.Identified,
        ["team"] = Shape.Team,
        ["channel"] = Shape.Channel,
        ["meeting"] = Shape.Identified,
        ["eventType"] = Shape.Text,
        ["notification"] = Shape.Notification,
        ["settings"] = Shape.Settings,
    };

    private static readonly Dictionary<Shape, Dictionary<string, Shape>> Members = new()
    {
        [Shape.Identified] = Of(("id", Shape.Text)),
        [Shape.Team] = Of(("id", Shape.Text), ("name", Shape.Text), ("aadGroupId", Shape.Text)),
        [Shape.Channel] = Of(("id", Shape.Text), ("name", Shape.Text), ("type", Shape.Text)),
        [Shape.Notification] = Of(("alert", Shape.Flag)),
        [Shape.Settings] = Of(("selectedChannel", Shape.Channel)),
    };

    /// <summary><c>channelData.tenant.id</c> as the bot reads it: null when absent, or when the channel data cannot be read.</summary>
    public static string? TenantId(JsonElement activity)
    {
        var data = FuzzOracle.Member(activity, "channelData");
        return data is { ValueKind: JsonValueKind.Object } readable && Fits(readable, Data)
            ? FuzzOracle.Text(FuzzOracle.Member(FuzzOracle.Member(readable, "tenant"), "id"))
            : null;
    }

    /// <summary>Whether the value reads as the shape: null reads as nothing anywhere but where true or false must be.</summary>
    private static bool Fits(JsonElement value, Shape shape) => value.ValueKind switch
    {
        JsonValueKind.Null => shape != Shape.Flag,
        JsonValueKind.String => shape == Shape.Text,
        JsonValueKind.True or JsonValueKind.False => shape == Shape.Flag,
        JsonValueKind.Object => Members.TryGetValue(shape, out var known) && Fits(value, known),
        _ => false,
    };

    private static bool Fits(JsonElement data, Dictionary<string, Shape> known) =>
        data.EnumerateObject().All(p => !known.TryGetValue(p.Name, out var shape) || Fits(p.Value, shape));

    private static Dictionary<string, Shape> Of(params (string Name, Shape Shape)[] members) =>
        members.ToDictionary(m => m.Name, m => m.Shape, StringComparer.OrdinalIgnoreCase);
}
