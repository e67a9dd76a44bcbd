using System.Text.Json;
using WorkshopBot.Help.Teams;
using WorkshopBot.Tests.Support;

namespace WorkshopBot.Tests.Help;

/// <summary>The help card offers buttons for what this person may do here; each runs the same handler as the typed command.</summary>
public sealed class HelpCardButtons
{
    private static readonly TestUser Chair = BotTestHost.User("QA Chair");
    private static readonly TestUser Practitioner = BotTestHost.User("Team Practitioner");

    [Fact]
    public async Task AChairInTheirOwnChatGetsAButtonForEachCommandTheyMayUseThere()
    {
        await using var host = await StartAsync();
        var chat = BotTestHost.PersonalChat(Chair);

        await host.SayAsync(Chair, chat, "help");

        var help = HelpCard(host, chat);
        Assert.Equal(["My audits", "New audit", "Track returns", "Recommendations", "7-minute briefing", "Action plans"],
            ButtonTitles(help));
        Assert.Contains("Press a button, or type a command", help.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task InAChannelTheChairCanAlsoStartTheWorkshopAndAPractitionerGetsNoChairButtons()
    {
        await using var host = await StartAsync();
        var channel = BotTestHost.Channel("Audit workshop");

        await host.SayAsync(Chair, channel, "help");
        var chairs = ButtonTitles(HelpCard(host, channel));
        await host.SayAsync(Practitioner, channel, "help");
        var practitioners = ButtonTitles(HelpCard(host, channel));

        Assert.Equal(["New audit", "Track returns", "Start workshop", "Recommendations", "7-minute briefing", "Action plans"], chairs);
        Assert.Empty(practitioners);
    }

    [Fact]
    public async Task AButtonAnswersExactlyAsTheTypedCommandDoes()
    {
        await using var host = await StartAsync();
        var chat = BotTestHost.PersonalChat(Chair);

        await host.SayAsync(Chair, chat, "new audit");
        var typed = host.Sent(chat.Id).Last().AllText;
        await host.SendAsync(host.Submit(Chair, chat, new { verb = HelpScreen.RunCommand, command = "new audit" }));
        var pressed = host.Sent(chat.Id).Last().AllText;
        await host.SayAsync(Chair, chat, "briefing");
        var typedBriefing = host.Sent(chat.Id).Last().AllText;
        await host.SendAsync(host.Submit(Chair, chat, new { verb = HelpScreen.RunCommand, command = "briefing" }));

        Assert.Equal(typed, pressed);
        Assert.Equal(typedBriefing, host.Sent(chat.Id).Last().AllText);
    }

    [Fact]
    public async Task AButtonForACommandTheCardNeverOffersIsNotUnderstood()
    {
        await using var host = await StartAsync();
        var chat = BotTestHost.PersonalChat(Practitioner);

        await host.SendAsync(host.Submit(Practitioner, chat, new { verb = HelpScreen.RunCommand, command = "help me delete everything" }));

        Assert.Contains("did not understand", host.Sent(chat.Id).Last().AllText, StringComparison.Ordinal);
    }

    private static Task<BotTestHost> StartAsync() =>
        BotTestHost.StartAsync(o => o.Settings["WorkshopBot:Chairs:0"] = Chair.AadObjectId);

    private static JsonElement HelpCard(BotTestHost host, TestConversation where) =>
        host.Sent(where.Id).Last(s => s.AllText.Contains("What you can do", StringComparison.Ordinal)).Cards.Single();

    /// <summary>The submit buttons of the card, in the order shown: the card's own actions and its action rows.</summary>
    private static List<string> ButtonTitles(JsonElement card)
    {
        var rows = card.GetProperty("body").EnumerateArray()
            .Where(e => e.GetProperty("type").GetString() == "ActionSet")
            .SelectMany(e => e.GetProperty("actions").EnumerateArray());
        IEnumerable<JsonElement> own = card.TryGetProperty("actions", out var actions) ? actions.EnumerateArray() : [];
        return rows.Concat(own)
            .Where(a => a.GetProperty("type").GetString() == "Action.Submit")
            .Select(a => a.GetProperty("title").GetString()!)
            .ToList();
    }
}
