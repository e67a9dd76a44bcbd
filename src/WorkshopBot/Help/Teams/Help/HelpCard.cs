using WorkshopBot.Cards;
using WorkshopBot.Help.Domain;

namespace WorkshopBot.Help.Teams;

/// <summary>The welcome card (when the bot is added) and the help card (what this user can do).</summary>
public static class HelpCard
{
    /// <summary>Every command a help card button can stand for, with its button title.</summary>
    public static IReadOnlyList<(string Command, string Title)> Buttons { get; } =
    [
        ("my audits", "My audits"),
        ("new audit", "New audit"),
        ("returns", "Track returns"),
        ("workshop", "Start workshop"),
        ("recommendations", "Recommendations"),
        ("briefing", "7-minute briefing"),
        ("actions", "Action plans"),
    ];

    public static AdaptiveCard Welcome(string partnershipName, bool isPersonal) => new()
    {
        FallbackText = "WorkshopBot: multi-agency case audits, workshops and 7-minute briefings. Type help.",
        Body =
        [
            new TextBlock { Text = "Welcome to WorkshopBot", Size = TextSize.Large, Weight = TextWeight.Bolder, Wrap = true },
            new TextBlock
            {
                Text = $"{partnershipName} uses WorkshopBot for multi-agency case audits: audit tools for each agency, "
                    + "live workshop polls, and the 7-minute briefing for practitioners.",
                Wrap = true,
            },
            new TextBlock
            {
                Text = isPersonal
                    ? "Audit tools assigned to you arrive in this chat. Type **help** at any time."
                    : "Chairs run workshop polls and publish briefings here. Mention me with **help** to see what you can do.",
                Wrap = true,
                IsSubtle = true,
            },
            new TextBlock
            {
                Text = "Never type a child's name, date of birth, NHS number or address: use case references only.",
                Wrap = true,
                Color = TextColor.Attention,
                Size = TextSize.Small,
            },
        ],
        Actions = [ExecuteAction.Create(HelpScreen.Show, new ShowHelpData(), "What can I do?")],
    };

    public static AdaptiveCard Help(UserCapabilities who)
    {
        var facts = new List<Fact>
        {
            new("help", "Show this card"),
        };
        if (who.IsRepresentative || who.IsPersonalChat)
        {
            facts.Add(new Fact("my audits", "Audit tools assigned to you: resume a draft or read a submitted return"));
        }

        if (who.MayChair)
        {
            facts.Add(new Fact("new audit", "Set up a multi-agency audit: theme, template, cases, agencies"));
            facts.Add(new Fact("returns", "Track returns for the audits you chair"));
            facts.Add(new Fact("workshop", "Start a workshop with live polls (in a channel or meeting chat)"));
            facts.Add(new Fact("recommendations", "List the partnership's recommendations agreed at the workshop"));
            facts.Add(new Fact("briefing", "Compose, approve and publish a 7-minute briefing"));
            facts.Add(new Fact("actions", "Action plans: turn the approved briefing's recommendations into actions and follow them up"));
        }
        else if (who.IsPersonalChat)
        {
            facts.Add(new Fact("actions", "The actions you lead for your agency: update their status, or complete them with evidence"));
        }

        // A button for each command this person may use here; a workshop starts only where it is held, not in a 1:1 chat.
        var offered = facts.Select(f => f.Title).Where(c => c != "workshop" || !who.IsPersonalChat).ToHashSet(StringComparer.Ordinal);
        var actions = Buttons.Where(b => offered.Contains(b.Command))
            .Select(b => (CardAction)SubmitAction.Create(HelpScreen.RunCommand, new HelpCommandData(b.Command), b.Title))
            .ToList();

        // Teams shows at most five buttons in a row, so the buttons go in rows of up to three in the card's body.
        var rows = actions.Chunk(3).Select(row => (CardElement)new ActionSet { Actions = row }).ToList();

        var role = who.IsAdmin ? "partnership admin"
            : who.MayChair ? "audit chair"
            : who.IsRepresentative ? "agency representative"
            : "practitioner";
        return new AdaptiveCard
        {
            FallbackText = "WorkshopBot help: " + string.Join(", ", facts.Select(f => f.Title)),
            Body =
            [
                new TextBlock { Text = "What you can do", Size = TextSize.Large, Weight = TextWeight.Bolder, Wrap = true },
                new TextBlock
                {
                    Text = $"You are signed in as {(role[0] is 'a' or 'e' or 'i' or 'o' or 'u' ? "an" : "a")} {role}. "
                        + (actions.Count > 0 ? "Press a button, or type a command:" : "Type a command:"),
                    Wrap = true,
                    IsSubtle = true,
                },
                new FactSet { Facts = facts },
                .. rows,
                new TextBlock
                {
                    Text = "Practitioners: 7-minute briefings arrive in your team's channel; "
                        + "press \"Our team discussed this\" to record your team's discussion.",
                    Wrap = true,
                    Size = TextSize.Small,
                },
            ],
        };
    }
}
