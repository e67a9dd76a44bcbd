using System.Collections.Concurrent;
using WorkshopBot.Common;
using WorkshopBot.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace WorkshopBot.Tests.Insights;

/// <summary>
/// Two years of a fictional partnership: eight audits on five themes, six agencies, actions and briefing use. Made-up
/// audits and teams, pseudonymous case references, no child or family details.
/// </summary>
public sealed class PartnershipTabHost : TabHost
{
    protected override async Task SeedAsync(DateTimeOffset now)
    {
        string[] agencies = ["County Police", "Children's Social Care", "Health Visiting", "Midwifery", "Schools", "Early Help"];
        (string Title, string Theme, int MonthsAgo, string[] Grades, string[] ActionThemes, string[] Teams)[] audits =
        [
            ("Neglect: older children", "Neglect", 23, ["good", "requires-improvement", "requires-improvement", "inadequate"],
                [Themes.InformationSharing, Themes.SupervisionAndOversight], ["Early Help North", "MASH"]),
            ("Domestic abuse and babies", "Domestic abuse", 20, ["good", "good", "requires-improvement", "inadequate"],
                [Themes.FathersAndMales, Themes.InformationSharing], ["Health Visiting West", "Midwifery"]),
            ("Exploitation: missing episodes", "Harm outside the home and exploitation", 17,
                ["requires-improvement", "requires-improvement", "good", "inadequate"], [Themes.InformationSharing], ["Youth Justice"]),
            ("Parental mental health", "Parental mental health", 14, ["good", "outstanding", "good", "requires-improvement"],
                [Themes.ThinkFamily, Themes.FathersAndMales], ["Adult Mental Health Liaison", "Early Help South"]),
            ("Neglect: under fives", "Neglect", 11, ["good", "good", "requires-improvement", "requires-improvement"],
                [Themes.InformationSharing, Themes.ProfessionalCuriosity], ["Early Help North", "Schools Cluster East", "MASH"]),
            ("Non-accidental injury", "Vulnerability of babies and child development", 8, ["good", "requires-improvement", "good"],
                [Themes.StrategyMeetingsAndMedicals, Themes.FathersAndMales], ["Health Visiting West"]),
            ("Domestic abuse: repeat incidents", "Domestic abuse", 5, ["good", "outstanding", "good", "good"],
                [Themes.InformationSharing, Themes.ChallengeAndEscalation], ["Police Safeguarding Hub"]),
            ("Exploitation: education", "Harm outside the home and exploitation", 2, ["good", "requires-improvement", "good", "good"],
                [Themes.ProfessionalCuriosity], []),
        ];
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        for (var i = 0; i < audits.Length; i++)
        {
            var (title, theme, monthsAgo, grades, actionThemes, teams) = audits[i];
            var audit = await TabSeed.AuditAsync(Host, BotTestHost.TenantId,
                new SeedAudit(title, theme, now.AddMonths(-monthsAgo), 3 + (i % 3), agencies, grades));
            if (monthsAgo > 3)
            {
                await TabSeed.BriefingAsync(Host, audit, teams);
            }

            for (var a = 0; a < 3; a++)
            {
                var due = today.AddMonths(-monthsAgo + 4 + (a * 3));
                await TabSeed.ActionAsync(Host, audit, a + 1, agencies[(i + a) % agencies.Length], due,
                    actionThemes[a % actionThemes.Length], completed: due < today.AddMonths(-4));
            }
        }
    }
}

/// <summary>
/// Writes a PNG of the tab with realistic fictional data: to the path in WORKSHOPBOT_TAB_SCREENSHOT when set (the README's
/// manifest/screenshots/cross-audit-tab.png), otherwise next to the test assembly.
/// </summary>
public sealed class TabScreenshot(PartnershipTabHost tab) : IClassFixture<PartnershipTabHost>
{
    [Fact]
    public async Task WritesAPictureOfTheTab()
    {
        var path = Environment.GetEnvironmentVariable("WORKSHOPBOT_TAB_SCREENSHOT")
            ?? Path.Combine(AppContext.BaseDirectory, "screenshots", "cross-audit-tab.png");
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        await using var browser = await TabBrowser.StartAsync();
        var page = await browser.OpenAsync(tab, tab.Token(TabHost.Chair), "default", new ConcurrentQueue<string>(), 1200, 900);
        await Expect(page.Locator("#chart-actions")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        Assert.Equal("8", await page.Locator("[data-figure='audits'] .value").InnerTextAsync());

        await page.ScreenshotAsync(new() { Path = path, FullPage = true });

        var png = await File.ReadAllBytesAsync(path);
        Assert.True(png.Length > 10_000);
        Assert.Equal([0x89, 0x50, 0x4E, 0x47], png[..4]);
    }
}
