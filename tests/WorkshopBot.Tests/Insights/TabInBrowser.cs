using System.Collections.Concurrent;
using Microsoft.Playwright;
using WorkshopBot.Insights.Teams;
using WorkshopBot.Tests.ActionPlans;
using WorkshopBot.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace WorkshopBot.Tests.Insights;

/// <summary>
/// The tab in a real browser (Playwright with Debian's chromium) against the real bot on loopback, with the partnership's
/// audits, briefings and actions seeded in its store. Only the Teams host is stood in for: an init script gives the page
/// a theme and the SSO token the test signed. Checks the figures, that the charts draw the right number of bars, that
/// the filters change the figures, the XLSX download, the practitioner's note, the dark theme, and that the page asks
/// no other host for anything.
/// </summary>
public sealed class TabInBrowser(TabHost tab) : IClassFixture<TabHost>
{
    public const string Chromium = "/usr/bin/chromium";
    private const float Wait = 30_000;

    [Fact]
    public async Task ViewChartsFiltersAndDownloadWorkWithNoOtherHost()
    {
        var requests = new ConcurrentQueue<string>();
        await using var browser = await TabBrowser.StartAsync();
        var page = await browser.OpenAsync(tab, tab.Token(TabHost.Chair), "default", requests);

        await Expect(page.Locator("#chart-grades-audit")).ToBeVisibleAsync(new() { Timeout = Wait });
        Assert.Equal("3", await Figure(page, "audits"));
        Assert.Equal("5", await Figure(page, "cases"));
        Assert.Equal("15", await Figure(page, "returns"));
        Assert.Equal("4", await Figure(page, "open-actions"));
        Assert.Equal("2", await Figure(page, "overdue-actions"));
        Assert.Equal(3, await page.Locator("#chart-grades-audit g.bar").CountAsync());
        Assert.Equal(3, await page.Locator("#chart-grades-audit g.bar[data-audit='Neglect audit autumn'] rect.seg").CountAsync());
        Assert.True(await page.Locator("#chart-grades-theme g.theme").CountAsync() >= 3);
        Assert.Equal(3, await page.Locator("#chart-recurring g.recurring").CountAsync());
        Assert.Equal("2", await page.Locator("#chart-recurring g.recurring[data-theme='neglect']").GetAttributeAsync("data-audits"));
        Assert.Equal(3, await page.Locator("#chart-actions g.agency").CountAsync());
        Assert.Equal("2", await page.Locator("#chart-actions g.agency[data-agency='County Police']").GetAttributeAsync("data-overdue"));
        Assert.Equal(2, await page.Locator("#briefing-use tbody tr").CountAsync());
        await Expect(page.Locator("#briefing-use")).ToContainTextAsync("Early Help North, Health Visiting West");
        Assert.Equal("light", await page.Locator("html").GetAttributeAsync("data-theme"));

        // One agency: its grades and actions only.
        await page.SelectOptionAsync("#agency", "County Police");
        await Expect(page.Locator("[data-figure='returns'] .value")).ToHaveTextAsync("5", new() { Timeout = Wait });
        Assert.Equal(1, await page.Locator("#chart-actions g.agency").CountAsync());

        // One theme: the audits that raised it.
        await page.SelectOptionAsync("#agency", "");
        await page.SelectOptionAsync("#theme", "domestic-abuse");
        await Expect(page.Locator("[data-figure='audits'] .value")).ToHaveTextAsync("1", new() { Timeout = Wait });
        Assert.Equal(1, await page.Locator("#chart-grades-audit g.bar").CountAsync());

        // A shorter period: the last six months hold one audit.
        await page.SelectOptionAsync("#theme", "");
        await page.FillAsync("#from", tab.Today.AddMonths(-6).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await Expect(page.Locator("[data-figure='audits'] .value")).ToHaveTextAsync("1", new() { Timeout = Wait });
        await Expect(page.Locator("#chart-grades-audit g.bar")).ToHaveAttributeAsync("data-audit", "Neglect audit summer");

        // The XLSX of what is on screen.
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#download"), new() { Timeout = Wait });
        var file = Path.Combine(Path.GetTempPath(), "workshopbot-tab-" + Guid.NewGuid().ToString("N") + ".xlsx");
        await download.SaveAsAsync(file);
        var sheets = ActionPlanWorkbook.Read(await File.ReadAllBytesAsync(file));
        File.Delete(file);
        Assert.StartsWith("Cross-audit summary", download.SuggestedFilename, StringComparison.Ordinal);
        Assert.Equal(["Audits held", "1"], sheets["Summary"].Single(r => r[0] == "Audits held"));
        Assert.Equal("Neglect audit summer", sheets["Grades by audit"][1][0]);
        Assert.Contains(sheets["Actions by agency"], r => r[0] == "Health Visiting");

        // The action plans of the audit shown, in the action plan's own workbook.
        var plans = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#download-actions"), new() { Timeout = Wait });
        var plansFile = Path.Combine(Path.GetTempPath(), "workshopbot-tab-" + Guid.NewGuid().ToString("N") + ".xlsx");
        await plans.SaveAsAsync(plansFile);
        var planSheets = ActionPlanWorkbook.Read(await File.ReadAllBytesAsync(plansFile));
        File.Delete(plansFile);
        Assert.Equal(2, planSheets["Action plan"].Count);
        Assert.Equal("Neglect audit summer", planSheets["Action plan"][1][0]);
        Assert.Equal("Health Visiting", planSheets["Action plan"][1][3]);

        var elsewhere = requests.Where(url => !url.StartsWith(browser.BaseUrl, StringComparison.Ordinal)).ToList();
        Assert.True(elsewhere.Count == 0, "Requests to other hosts: " + string.Join(", ", elsewhere));
        Assert.Contains(requests, url => url.EndsWith("/tab/static/MicrosoftTeams.min.js", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PractitionerGetsAPoliteNoteAndDarkThemeApplies()
    {
        var requests = new ConcurrentQueue<string>();
        await using var browser = await TabBrowser.StartAsync();
        var page = await browser.OpenAsync(tab, tab.Token(TabHost.Practitioner), "dark", requests);

        await Expect(page.Locator("#problem")).ToHaveTextAsync(TabSignIn.NotForYou, new() { Timeout = Wait });
        Assert.Equal("dark", await page.Locator("html").GetAttributeAsync("data-theme"));
        Assert.Equal(0, await page.Locator("#view svg").CountAsync());
        Assert.True(await page.Locator("#download").IsDisabledAsync());
    }

    private static Task<string> Figure(IPage page, string key) => page.Locator($"[data-figure='{key}'] .value").InnerTextAsync();
}

/// <summary>Debian's chromium driven by Playwright, one context per page, every request recorded and other hosts refused.</summary>
internal sealed class TabBrowser : IAsyncDisposable
{
    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;

    private TabBrowser(IPlaywright playwright, IBrowser browser)
    {
        _playwright = playwright;
        _browser = browser;
    }

    public string BaseUrl { get; private set; } = "";

    public static async Task<TabBrowser> StartAsync()
    {
        Assert.True(File.Exists(TabInBrowser.Chromium), $"Debian's chromium is missing at {TabInBrowser.Chromium}: run `bash .ci/run` "
            + "or `apt-get install -y chromium`.");
        var playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = TabInBrowser.Chromium,
            Headless = true,
            Timeout = 60_000,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run"],
        });
        return new TabBrowser(playwright, browser);
    }

    /// <summary>Opens /tab/ as Teams would show it, with <paramref name="token"/> as what getAuthToken gives.</summary>
    public async Task<IPage> OpenAsync(TabHost tab, string token, string theme, ConcurrentQueue<string> requests,
        int width = 1280, int height = 900)
    {
        BaseUrl = tab.Host.Client.BaseAddress!.ToString().TrimEnd('/');
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = "en-GB",
            AcceptDownloads = true,
        });
        await context.RouteAsync("**/*", async route =>
        {
            requests.Enqueue(route.Request.Url);
            var url = route.Request.Url;
            if (url.StartsWith(BaseUrl, StringComparison.Ordinal) || url.StartsWith("blob:", StringComparison.Ordinal))
            {
                await route.ContinueAsync();
            }
            else
            {
                await route.AbortAsync();
            }
        });
        await context.AddInitScriptAsync("window.workshopBotTeamsHost = { theme: '" + theme + "', getAuthToken: function () { "
            + "return Promise.resolve('" + token + "'); } };");
        var page = await context.NewPageAsync();
        await page.GotoAsync(BaseUrl + "/tab/", new PageGotoOptions { Timeout = 60_000 });
        return page;
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }
}
