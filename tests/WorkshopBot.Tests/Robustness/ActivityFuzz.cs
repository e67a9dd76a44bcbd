using System.Collections.Concurrent;
using FsCheck;
using FsCheck.Fluent;
using WorkshopBot.Protocol.Schema;
using WorkshopBot.Tests.Support;
using static WorkshopBot.Tests.Robustness.FuzzJson;

namespace WorkshopBot.Tests.Robustness;

/// <summary>
/// Activities over the whole schema of <see cref="Activity"/>: every field present, missing, null or of the wrong
/// type; ids, accounts, conversations, channel data, entities, attachments and values of every shape; text with mentions;
/// odd serviceUrls (loopback only, so nothing leaves the machine). Most envelopes are the ones Teams sends, from the real
/// people of the <see cref="FuzzWorld"/> in its conversations, so the card data and text reach the screens.
/// </summary>
internal sealed class ActivityFuzz(FuzzWorld world, CardDataFuzz cardData)
{
    private readonly ConcurrentDictionary<(int Conversation, int Person, bool Odd, int TextAbsent), Gen<(string, string?)[]>>
        _envelopes = new();

    private readonly Gen<string> _usualServiceUrls = ServiceUrl(world.Host.ServiceUrl, odd: false);
    private readonly Gen<string> _oddServiceUrls = ServiceUrl(world.Host.ServiceUrl, odd: true);

    /// <summary>The mix of the run: schema fuzz, card actions per verb, Action.Submit and text commands.</summary>
    public Gen<FuzzInput> Input => Gen.Frequency(
        (30, Activity("schema", Type, odd: true)),
        (45, CardAction),
        (10, Submit),
        (10, Activity("text", Gen.Constant(Str(ActivityTypes.Message)), odd: false)));

    private Gen<FuzzInput> CardAction =>
        from verb in cardData.Verb
        from data in cardData.Data(verb)
        from value in InvokeValue(verb, data)
        from input in Activity("card " + verb, Gen.Constant(Str(ActivityTypes.Invoke)), odd: false, Gen.Constant(value),
            Gen.Frequency((12, Gen.Constant(InvokeNames.AdaptiveCardAction)), (1, InvokeName)))
        select input;

    private Gen<FuzzInput> Submit =>
        from verb in cardData.Verb
        from data in cardData.Data(verb)
        from input in Activity("submit " + verb, Gen.Constant(Str(ActivityTypes.Message)), odd: false, Gen.Constant(MergeVerb(verb, data)))
        select input;

    /// <summary>An Action.Submit's value: the data's members with "verb" among them (or the data as it is, when not an object).</summary>
    private static string MergeVerb(string verb, string data) =>
        data.StartsWith('{') && data.Length > 2 ? "{\"verb\":" + Str(verb) + "," + data[1..]
        : data == "{}" ? "{\"verb\":" + Str(verb) + "}"
        : data;

    private static Gen<string> InvokeValue(string verb, string data)
    {
        var execute = Obj(("type", Str("Action.Execute")), ("verb", Str(verb)), ("data", data));
        var withoutData = Obj(("type", Str("Action.Execute")), ("verb", Str(verb)));
        return Gen.Frequency(
            (12, Gen.Constant(Obj(("action", execute), ("trigger", Str("manual"))))),
            (1, Gen.Constant(Obj(("action", withoutData), ("trigger", Str("automatic"))))),
            (1, AnyValue().Select(v => Obj(("action", Obj(("verb", v), ("data", data)))))),
            (1, AnyValue().Select(v => Obj(("action", v), ("trigger", v)))),
            (1, AnyValue()));
    }

    private static Gen<string> InvokeName { get; } = Gen.Elements(
        "composeExtension/query", "task/fetch", "task/submit", "signin/verifyState", "config/fetch", "fileConsent/invoke",
        "actionableMessage/executeAction", "adaptiveCard/action ", "ADAPTIVECARD/ACTION", "", "healthCheck");

    private static Gen<string> Type { get; } = Gen.Frequency(
        (30, Gen.Constant(ActivityTypes.Message)),
        (20, Gen.Constant(ActivityTypes.Invoke)),
        (10, Gen.Constant(ActivityTypes.ConversationUpdate)),
        (6, Gen.Constant(ActivityTypes.InstallationUpdate)),
        (6, Gen.Elements("messageReaction", "event", "typing", "messageUpdate", "messageDelete", "endOfConversation", "Message",
            "INVOKE", "handoff", "trace")),
        (2, FuzzStrings.Any)).Select(Str);

    private Gen<FuzzInput> Activity(string kind, Gen<string> type, bool odd, Gen<string>? value = null, Gen<string>? name = null)
    {
        var typed = Member("type", type, odd);
        var valued = Member("value", value ?? AnyValue(3), odd, absent: value is null ? 3 : 0);
        var named = Member("name", (name ?? InvokeName).Select(Str), odd, absent: name is null ? 3 : 0);
        var textAbsent = value is null ? 1 : 6;
        return from who in Gen.Choose(0, (world.Conversations.Count * world.People.Count) - 1)
            from serviceUrl in odd ? _oddServiceUrls : _usualServiceUrls
            from envelope in Envelope(who % world.Conversations.Count, who / world.Conversations.Count, odd, textAbsent)
            from url in Member("serviceUrl", Gen.Constant(Str(serviceUrl)), odd: false)
            from t in typed
            from v in valued
            from n in named
            from extra in Extras(odd)
            select new FuzzInput(kind, Obj(envelope.Prepend(t).Append(url).Append(v).Append(n).Concat(extra)), serviceUrl);
    }

    /// <summary>
    /// The members of an activity that depend only on who sends it where: built once per (conversation, person, odd,
    /// text weight), since building the generators cost more than running them.
    /// </summary>
    private Gen<(string Name, string? Value)[]> Envelope(int conversationIndex, int personIndex, bool odd, int textAbsent) =>
        _envelopes.GetOrAdd((conversationIndex, personIndex, odd, textAbsent), key =>
        {
            var conversation = world.Conversations[key.Conversation];
            var person = world.People[key.Person];
            return Gen.CollectToArray(new[]
            {
                Member("id", ActivityId, odd),
                Member("timestamp", Timestamp(odd), odd),
                Member("localTimestamp", Timestamp(odd), odd, absent: Rare(odd)),
                Member("localTimezone", FuzzStrings.Any.Select(Str), odd, absent: Rare(odd)),
                Member("channelId", ChannelId(odd), odd),
                Member("from", From(person, odd), odd),
                Member("recipient", Recipient(odd), odd),
                Member("conversation", Conversation(conversation, odd), odd),
                Member("channelData", ChannelData(conversation, odd), odd),
                Member("text", Text(conversation), odd, absent: key.TextAbsent),
                Member("textFormat", Gen.Elements("plain", "markdown", "xml", "").Select(Str), odd, absent: Rare(odd)),
                Member("locale", Locale, odd, absent: 3),
                Member("entities", odd ? Entities : Mentions(conversation), odd, absent: odd ? 4 : 1),
                Member("attachments", Attachments, odd, absent: Rare(odd)),
                Member("replyToId", FuzzStrings.Any.Select(Str), odd, absent: odd ? 4 : 10),
                Member("action", Gen.Elements("add", "remove", "add-upgrade", "remove-upgrade", "").Select(Str), odd,
                    absent: Rare(odd)),
                Member("membersAdded", Members(person), odd, absent: Rare(odd)),
                Member("membersRemoved", Members(person), odd, absent: Rare(odd)),
                Member("summary", FuzzStrings.Any.Select(Str), odd, absent: Rare(odd)),
            });
        });

    /// <summary>How often a member Teams seldom sends is left out: now and then in odd activities, nearly always otherwise.</summary>
    private static int Rare(bool odd) => odd ? 5 : 4000;

    /// <summary>
    /// A member that Teams sends (as <paramref name="usual"/> makes it), or, more often when odd, missing, null or of any type.
    /// </summary>
    private static Gen<(string Name, string? Value)> Member(string name, Gen<string> usual, bool odd, int absent = 1) =>
        Gen.Frequency(
            (absent, Gen.Constant<string?>(null)),
            (odd ? 1 : 0, Gen.Constant<string?>(Null)),
            (odd ? 1 : 0, AnyValue().Select(v => (string?)v)),
            (odd ? 12 : 40, usual.Select(v => (string?)v))).Select(v => (name, v));

    private static Gen<IEnumerable<(string, string?)>> Extras(bool odd) => Gen.Frequency(
        (odd ? 4 : 12, Gen.Constant(Enumerable.Empty<(string, string?)>())),
        (1, Gen.Zip(FuzzStrings.Key, AnyValue()).Select(m => (IEnumerable<(string, string?)>)[(m.Item1, m.Item2)])),
        // A member twice (the parser keeps the last).
        (1, Gen.Zip(Gen.Elements("type", "id", "conversation", "value", "from"), AnyValue())
            .Select(m => (IEnumerable<(string, string?)>)[(m.Item1, m.Item2)])),
        (odd ? 1 : 0, Deep.Select(d => (IEnumerable<(string, string?)>)[("deep", d)])));

    private static Gen<string> ActivityId { get; } = Gen.Frequency(
        (10, FuzzStrings.Guids.Select(g => "fz-" + g)),
        // Ids seen before: replays of earlier answers, or activities that share an id.
        (2, Gen.Choose(1, 25).Select(n => "dup-" + n)),
        (1, FuzzStrings.Any)).Select(Str);

    private static Gen<string> Timestamp(bool odd) => Gen.Frequency(
        (odd ? 6 : 60, Gen.Constant(Str(DateTimeOffset.UtcNow.ToString("O")))),
        (1, Gen.Elements("2026-01-01T00:00:00Z", "9999-12-31T23:59:59.9999999+14:00", "0001-01-01T00:00:00Z", "yesterday",
            "2026-02-30T00:00:00Z", "", "2026-11-30T10:00:00.123456789Z").Select(Str)),
        (odd ? 1 : 0, Number));

    private static Gen<string> ServiceUrl(string serviceUrl, bool odd)
    {
        var port = new Uri(serviceUrl).Port;
        var variants = new[]
        {
            $"http://localhost:{port}/", $"http://127.0.0.1:{port}", $"http://127.0.0.1:{port}/amer/", $"HTTP://127.0.0.1:{port}/",
            $"http://127.0.0.1:{port}/?x=1#f", $"http://[::1]:{port}/", "http://127.0.0.1:1/", $"https://127.0.0.1:{port}/",
            $"http://127.0.0.1:{port}/%2e%2e/%2e%2e/", $"http://127.0.0.1:{port}/" + new string('p', 3000),
            $"http://user:pass@127.0.0.1:{port}/", $"http://:@127.0.0.1:{port}/", "ftp://127.0.0.1/", "not a url", "", "//127.0.0.1/",
            "http:///", "file:///etc/passwd", "http://127.0.0.1:99999/", $" http://127.0.0.1:{port}/ ", "http://127.0.0.1:0/",
            $"http://127.0.0.1:{port}/\u00e9\u0000", "mailto:chair@example.org", "javascript:alert(1)",
        };
        return Gen.Frequency((odd ? 6 : 30, Gen.Constant(serviceUrl)), (1, Gen.Elements(variants)));
    }

    private static Gen<string> ChannelId(bool odd) => Gen.Frequency(
        (odd ? 10 : 40, Gen.Constant("msteams")),
        (1, Gen.Elements("MSTEAMS", "webchat", "directline", "emulator", "", "msteams ", "slack")),
        (1, FuzzStrings.Any)).Select(Str);

    private static Gen<string> AadObjectId(TestUser person) => Gen.Frequency(
        (12, Gen.Constant(person.AadObjectId)),
        (2, Gen.Elements(FuzzWorld.Chair.AadObjectId, person.AadObjectId.ToUpperInvariant())),
        (1, FuzzStrings.Guids),
        (1, Gen.Elements("", " ", "not-an-object-id")),
        (1, FuzzStrings.Any)).Select(Str);

    private static Gen<string> From(TestUser person, bool odd) =>
        from members in Gen.CollectToArray(new[]
        {
            Member("id", Gen.Frequency((8, Gen.Constant(person.Id)), (1, FuzzStrings.Any)).Select(Str), odd),
            Member("name", Gen.Frequency((8, Gen.Constant(person.Name)), (1, FuzzStrings.Any)).Select(Str), odd),
            Member("aadObjectId", AadObjectId(person), odd, absent: odd ? 2 : 1),
            Member("role", Gen.Elements("user", "bot", "skill", "").Select(Str), odd, absent: 10),
        })
        select Obj(members);

    private static Gen<string> Recipient(bool odd) => Gen.Frequency(
        (odd ? 6 : 30, Gen.Constant(Obj(("id", Str(BotTestHost.Bot.Id)), ("name", Str("WorkshopBot"))))),
        (1, Gen.Zip(FuzzStrings.Any, FuzzStrings.Any).Select(t => Obj(("id", Str(t.Item1)), ("name", Str(t.Item2))))));

    private static Gen<string> TenantId { get; } = Gen.Frequency(
        (60, Gen.Constant(BotTestHost.TenantId)),
        (1, Gen.Elements(FuzzWorld.ForeignTenant, BotTestHost.TenantId.ToUpperInvariant(), "", " ", "common", "organizations")),
        (1, FuzzStrings.Any)).Select(Str);

    private static Gen<string> Conversation(TestConversation conversation, bool odd) =>
        from members in Gen.CollectToArray(new[]
        {
            Member("id", Gen.Frequency(
                (12, Gen.Constant(conversation.Id)),
                (2, FuzzStrings.Guids.Select(g => "a:fz-" + g)),
                (1, Gen.Constant(conversation.Id + ";messageid=1700000000000")),
                (1, FuzzStrings.Any)).Select(Str), odd),
            Member("conversationType", Gen.Frequency(
                (12, Gen.Constant(conversation.ConversationType)),
                (1, Gen.Elements("personal", "channel", "groupChat", "PERSONAL", "meeting", ""))).Select(Str), odd),
            Member("tenantId", TenantId, odd),
            Member("isGroup", Gen.Frequency((8, Gen.Constant(Bool(conversation.IsGroup))), (odd ? 1 : 0, AnyValue(0))), odd,
                absent: conversation.IsGroup ? 1 : 6),
            Member("name", FuzzStrings.Any.Select(Str), odd, absent: 8),
        })
        select Obj(members);

    private static Gen<string> ChannelData(TestConversation conversation, bool odd) =>
        from members in Gen.CollectToArray(new[]
        {
            Member("tenant", Gen.Frequency((10, TenantId.Select(t => Obj(("id", t)))), (1, AnyValue(1))), odd),
            Member("team", Gen.Frequency(
                (8, Gen.Constant(conversation.TeamId is null ? Null
                    : Obj(("id", Str(conversation.TeamId)), ("name", Str(conversation.TeamName!))))),
                (1, Gen.Three(FuzzStrings.Any)
                    .Select(t => Obj(("id", Str(t.Item1)), ("name", Str(t.Item2)), ("aadGroupId", Str(t.Item3)))))), odd),
            Member("channel", Gen.Frequency(
                (8, Gen.Constant(conversation.ChannelId is null ? Null
                    : Obj(("id", Str(conversation.ChannelId)), ("name", Str(conversation.ChannelName!))))),
                (1, Gen.Zip(FuzzStrings.Any, FuzzStrings.Any).Select(t => Obj(("id", Str(t.Item1)), ("name", Str(t.Item2)))))), odd),
            Member("eventType", Gen.Elements("teamMemberAdded", "channelCreated", "teamRenamed", "channelDeleted", "teamDeleted", "")
                .Select(Str), odd: true, absent: 8),
            Member("settings", FuzzStrings.Any.Select(id => Obj(("selectedChannel", Obj(("id", Str(id)))))), odd: true, absent: 8),
            Member("notification", AnyValue(0).Select(v => Obj(("alert", v))), odd: true, absent: 8),
            Member("meeting", AnyValue(1).Select(v => Obj(("id", v))), odd: true, absent: 8),
        })
        select Obj(members);

    /// <summary>
    /// Words people type, odd text, and now and then a flood of mention tags (up to a little over the body cap, so most
    /// reach the mention stripping and a few are cut off by the cap) or a long text.
    /// </summary>
    private static Gen<string> Text(TestConversation conversation) => Gen.Frequency(
        (32, FuzzStrings.Words.Select(w => conversation.IsGroup ? "<at>WorkshopBot</at> " + w : w)),
        (12, FuzzStrings.AnyOrBroken),
        (1, Gen.Choose(1, 14_000).Select(n => string.Concat(Enumerable.Repeat("<at>WorkshopBot</at>", n)) + " help")),
        (1, Gen.Choose(1, 70_000).Select(n => string.Concat(Enumerable.Repeat("<at>", n)) + "help")),
        (1, Gen.Choose(1, 30_000).Select(n => "help " + string.Concat(Enumerable.Repeat("</at><at>", n)))),
        (1, FuzzStrings.Long)).Select(Str);

    private static Gen<string> Locale { get; } = Gen.Frequency(
        (6, Gen.Elements("en-GB", "en-US", "cy-GB")),
        (1, Gen.Elements("xx", "", "en_GB", "zz-ZZ-invalid-@", "tlh", new string('a', 500))),
        (1, FuzzStrings.Any)).Select(Str);

    private static Gen<string> Entity { get; } = Gen.Frequency(
        (6, Gen.Zip(FuzzStrings.Any, FuzzStrings.Any).Select(t => Obj(
            ("type", Str("mention")), ("text", Str("<at>" + t.Item1 + "</at>")),
            ("mentioned", Obj(("id", Str(t.Item2)), ("name", Str(t.Item1))))))),
        (2, Gen.Constant(Obj(("type", Str("clientInfo")), ("locale", Str("en-GB")), ("timezone", Str("Europe/London"))))),
        (1, AnyValue(1).Select(v => Obj(("type", v)))),
        (1, Gen.Constant(Null)),
        (1, AnyValue(2)));

    /// <summary>What Teams sends with a message in a group: the mention of the bot; nothing in a 1:1 chat.</summary>
    private static Gen<string> Mentions(TestConversation conversation) => Gen.Constant(conversation.IsGroup
        ? Arr([Obj(("type", Str("mention")), ("text", Str("<at>WorkshopBot</at>")),
            ("mentioned", Obj(("id", Str(BotTestHost.Bot.Id)), ("name", Str("WorkshopBot")))))])
        : "[]");

    private static Gen<string> Entities { get; } = Gen.ListOf(Entity).Select(e => Arr(e.Take(20)));

    private static Gen<string> Attachments { get; } = Gen.ListOf(Gen.Frequency(
        (4, AnyValue(2).Select(content => Obj(("contentType", Str(Attachment.AdaptiveCardContentType)), ("content", content)))),
        (2, Gen.Zip(FuzzStrings.Any, FuzzStrings.Any).Select(t => Obj(("contentType", Str(t.Item1)), ("contentUrl", Str(t.Item2)),
            ("name", Str(t.Item2))))),
        (1, Gen.Constant(Null)),
        (1, AnyValue(1)))).Select(a => Arr(a.Take(10)));

    private static Gen<string> Members(TestUser person) => Gen.Frequency(
        (6, Gen.ListOf(Gen.Frequency(
            (3, Gen.Constant(Obj(("id", Str(BotTestHost.Bot.Id)), ("name", Str("WorkshopBot"))))),
            (3, Gen.Constant(Obj(("id", Str(person.Id)), ("aadObjectId", Str(person.AadObjectId)), ("name", Str(person.Name))))),
            (1, Gen.Constant(Null)),
            (1, AnyValue(1)))).Select(m => Arr(m.Take(8)))),
        (1, Gen.Choose(50, 600).Select(n => Arr(Enumerable.Range(0, n)
            .Select(i => Obj(("id", Str("29:member-" + i)), ("name", Str("M" + i))))))));
}
