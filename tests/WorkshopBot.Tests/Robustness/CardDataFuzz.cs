using System.Collections.Concurrent;
using System.Reflection;
using FsCheck;
using FsCheck.Fluent;
using WorkshopBot.Protocol.Routing;
using static WorkshopBot.Tests.Robustness.FuzzJson;

namespace WorkshopBot.Tests.Robustness;

/// <summary>
/// Data for every card verb the router knows (<see cref="ActivityRouter.CardActionVerbs"/>), built from the properties
/// of the verb's data record: each property present with the right type (real ids of the <see cref="FuzzWorld"/>, random
/// ones, empty, whitespace or very long strings), with a wrong type, missing, or null; huge numbers; extra members; and
/// sometimes data that is not an object at all.
/// </summary>
internal sealed class CardDataFuzz(FuzzWorld world, IReadOnlyDictionary<string, Type> verbs)
{
    private readonly Dictionary<string, (string Name, Type Type)[]> _properties = verbs.ToDictionary(
        v => v.Key, v => Properties(v.Value), StringComparer.Ordinal);

    private readonly ConcurrentDictionary<string, Gen<string>> _data = new(StringComparer.Ordinal);

    public Gen<string> Verb => Gen.Frequency(
        (30, Gen.Elements(verbs.Keys.Order(StringComparer.Ordinal).ToArray())),
        (1, Gen.Elements("audit.unknown", "", " ", "HELP.SHOW", "help.show ", "workshop")),
        (1, FuzzStrings.Any));

    /// <summary>The JSON of the data a card with this verb would carry, or of something like it (built once per verb).</summary>
    public Gen<string> Data(string verb) => _data.GetOrAdd(verb, BuildData);

    private Gen<string> BuildData(string verb)
    {
        if (!_properties.TryGetValue(verb, out var properties))
        {
            return AnyValue(2);
        }

        return Gen.Frequency(
            (20, Gen.CollectToArray(properties.Select(p => Property(p.Name, p.Type)))
                .SelectMany(members => Extra.Select(extra => Obj(members.Concat(extra))))),
            (1, Gen.Constant("{}")),
            (1, AnyValue(2)));
    }

    /// <summary>The record's properties as they appear in JSON (camelCase), with their types; extension data excluded.</summary>
    private static (string Name, Type Type)[] Properties(Type record) =>
        record.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetCustomAttribute<System.Text.Json.Serialization.JsonExtensionDataAttribute>() is null)
            .Select(p => (char.ToLowerInvariant(p.Name[0]) + p.Name[1..], p.PropertyType))
            .ToArray();

    private Gen<IEnumerable<(string, string?)>> Extra => Gen.Frequency(
        (8, Gen.Constant(Enumerable.Empty<(string, string?)>())),
        (1, Gen.Zip(FuzzStrings.Key, AnyValue()).Select(m => (IEnumerable<(string, string?)>)[(m.Item1, m.Item2)])),
        // Input ids a return section card carries (answers per question), real and made up.
        (1, from question in Gen.Elements(world.QuestionIds.DefaultIfEmpty("q1").ToArray())
            from answer in Gen.Elements("yes", "no", "partly", "n/a", "")
            from comment in FuzzStrings.Any
            select (IEnumerable<(string, string?)>)
                [(question, Str(answer)), (question + "-comment", Str(comment)), ("answer-" + question, Str(answer))]));

    private Gen<(string, string?)> Property(string name, Type type) =>
        Gen.Frequency(
            (1, Gen.Constant<string?>(null)),
            (1, Gen.Constant<string?>(Null)),
            (1, AnyValue(1).Select(v => (string?)v)),
            (12, RightType(name, type).Select(v => (string?)v)))
        .Select(v => (name, v));

    private Gen<string> RightType(string name, Type type)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        if (underlying == typeof(Guid))
        {
            return Gen.Frequency(
                (8, Gen.Elements(RealGuids(name))),
                (2, FuzzStrings.Guids),
                (1, Gen.Elements(Guid.Empty.ToString(), "not-a-guid", "{" + Guid.NewGuid() + "}", Guid.NewGuid().ToString("N"), "")))
                .Select(Str);
        }

        if (underlying == typeof(int) || underlying == typeof(long))
        {
            return Gen.Frequency(
                (8, Gen.Choose(-2, 6).Select(n => Num(n))),
                (2, Number),
                // Strings of digits are read as numbers by the web defaults.
                (1, Gen.Elements("1", "-1", "99999999999", "1.5", "abc", "").Select(Str)));
        }

        if (underlying == typeof(bool))
        {
            return Gen.Frequency((6, Gen.Elements("true", "false")), (1, Gen.Elements("\"true\"", "1", "0", "\"yes\"")));
        }

        if (underlying.IsEnum)
        {
            return Gen.Frequency(
                (6, Gen.Elements(Enum.GetNames(underlying)).Select(Str)),
                (1, Gen.Elements("-1", "0", "999", "2147483647", "\"999\"", "\"Lead,Points\"", "\"lead\"", "\"\"")),
                (1, FuzzStrings.Any.Select(Str)));
        }

        return Gen.Frequency(
            (8, Gen.Elements(RealStrings(name))),
            (4, FuzzStrings.AnyOrBroken),
            (1, Gen.Elements("", " ", "\t\n ")),
            (1, FuzzStrings.Long)).Select(Str);
    }

    private string[] RealGuids(string name)
    {
        var lower = name.ToLowerInvariant();
        List<string> ids = lower switch
        {
            _ when lower.Contains("workshop", StringComparison.Ordinal) => world.WorkshopIds,
            _ when lower.Contains("return", StringComparison.Ordinal) => world.ReturnIds,
            _ when lower.Contains("escalation", StringComparison.Ordinal) => world.EscalationIds,
            _ => world.AuditIds,
        };
        return [.. ids, .. world.AuditIds.Take(1)];
    }

    /// <summary>Values a card would carry for a property of this name.</summary>
    private string[] RealStrings(string name)
    {
        var lower = name.ToLowerInvariant();
        string[] values = lower switch
        {
            "pollid" => [.. world.PollIds],
            "optionid" or "itemid" or "intoitemid" => [.. world.OptionIds],
            "choice" => [.. world.OptionIds, "c1,c2", "c1,c1", "c1,,c2", ""],
            "agencyid" => ["agency-1", "agency-2", "agency-5", "agency-6"],
            "casereference" => [.. world.CaseReferences, "NEW-2026-01-C9"],
            "sectionid" => [.. world.SectionIds],
            "questionid" => [.. world.QuestionIds],
            "returnid" => [.. world.ReturnIds],
            "channelid" => [.. world.ChannelIds],
            "channels" => [.. world.ChannelIds, string.Join(",", world.ChannelIds), "19:unknown@thread.tacv2"],
            "grade" => ["good", "outstanding", "requires-improvement", "inadequate", "excellent"],
            "action" => ["open", "close", "reopen", "reset", "reveal", "merge", "edit", "hide", "delete"],
            "polltype" => ["worked-well", "could-improve", "custom-board", "single", "multiple", "rating-5", "rating-agree", "grade"],
            "visibility" => ["Live", "AfterClose", "Hidden", "live"],
            "move" => ["next", "back", "previous", "save", "finish"],
            "templatekey" => ["nai", "neglect", "domestic-abuse", "cse", "unknown"],
            "gradescalekey" => ["ofsted-4", "three-point", "none"],
            "agencytype" => ["Police", "ChildrensSocialCare", "Gp", "School", "HealthVisiting", "Other", "police"],
            "agencytypes" => ["Police,Gp", "Police", "All"],
            "ageband" => ["Under 1", "1-4", "5-10", "11-15", "16-17"],
            "representative" or "namedlead" => [.. world.People.Select(p => p.Id), .. world.People.Select(p => p.AadObjectId)],
            "assignedcases" => [.. world.CaseReferences, string.Join(",", world.CaseReferences)],
            "theme" => ["Information sharing", "Voice of the child", "Thresholds"],
            _ when lower.Contains("date", StringComparison.Ordinal) || lower.Contains("due", StringComparison.Ordinal)
                || lower.EndsWith("on", StringComparison.Ordinal) =>
                ["2026-03-20", "2027-01-01", "1999-01-01", "2026-02-30", "20/03/2026", DateTime.UtcNow.ToString("yyyy-MM-dd")],
            "dots" or "maxperitem" or "timer" or "lookbackmonths" or "reminderdays" or "attended" or "offset" =>
                ["0", "1", "5", "12", "-1", "10000", "10001", "2147483648", "1.5", "five"],
            "anonymous" or "issafety" or "confirm" => ["true", "false", "on", "off", "yes"],
            _ => ["Prompt strategy meeting.", "Good practice was seen.", "A title", "Reason for the change", "Lead, points, questions"],
        };
        return values.Length == 0 ? [""] : values;
    }
}
