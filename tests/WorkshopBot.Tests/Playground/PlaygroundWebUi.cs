using System.Collections.Concurrent;
using Microsoft.Playwright;
using WorkshopBot.Cards;
using WorkshopBot.Tests.Support;
using Xunit.Abstractions;

namespace WorkshopBot.Tests.Playground;

/// <summary>
/// The Agents Playground's own web UI, driven by Playwright in Debian's chromium, against the real bot: opening the
/// chat installs the bot (the UI posts the install events itself), the welcome card shows, typing `help` brings the
/// help card, and pressing "What can I do?" replaces the welcome card with the help card.
/// </summary>
[Collection(NodeToolsCollection.Name)]
public sealed class PlaygroundWebUi(PlaygroundSession session, ITestOutputHelper output) : IClassFixture<PlaygroundSession>
{
    private const string Chromium = "/usr/bin/chromium";
    private const float StepTimeoutMs = 20_000;

    [Fact]
    public async Task ChatShowsWelcomeThenHelpAndCardActionReplacesTheCard()
    {
        if (!File.Exists(Chromium))
        {
            Assert.Fail($"Debian's chromium is missing at {Chromium}: run `bash .ci/run` (installs the test prerequisites) "
                + "or `apt-get install -y chromium`. Playwright's own browser download is not available here.");
        }

        var blocked = new ConcurrentQueue<string>();
        var console = new ConcurrentQueue<string>();
        IPage? page = null;
        var screenshots = Path.Combine(AppContext.BaseDirectory, "playground");
        Directory.CreateDirectory(screenshots);

        using var playwright = await CreatePlaywrightAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Timeout = 30_000,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run",
            ],
        });

        try
        {
            await session.RunAsync(
                async _ =>
                {
                    var context = await browser.NewContextAsync(new BrowserNewContextOptions
                    {
                        ViewportSize = new ViewportSize { Width = 1400, Height = 1000 },
                        Locale = "en-GB",
                    });
                    // The UI pulls fonts and animations from Microsoft's CDN; keep the test on loopback and let those fail.
                    await context.RouteAsync("**/*", async route =>
                    {
                        if (new Uri(route.Request.Url).IsLoopback)
                        {
                            await route.ContinueAsync();
                        }
                        else
                        {
                            blocked.Enqueue(route.Request.Url);
                            await route.AbortAsync();
                        }
                    });
                    page = await context.NewPageAsync();
                    page.SetDefaultTimeout(StepTimeoutMs);
                    page.Console += (_, message) => console.Enqueue($"{message.Type}: {message.Text}");

                    // Opening the UI selects the personal chat and sends installationUpdate + conversationUpdate.
                    await page.GotoAsync(session.Playground.ToString());
                    var welcome = page.GetByText("Welcome to WorkshopBot", new PageGetByTextOptions { Exact = true });
                    await Assertions.Expect(welcome).ToHaveCountAsync(1,
                        new LocatorAssertionsToHaveCountOptions { Timeout = StepTimeoutMs });

                    // The message box is a Lexical contenteditable, not an <input>; Enter sends.
                    var messageBox = page.Locator("[contenteditable='true'][role='textbox']");
                    await messageBox.ClickAsync();
                    await messageBox.PressSequentiallyAsync("help");
                    await messageBox.PressAsync("Enter");
                    var helpTitles = page.GetByText("What you can do", new PageGetByTextOptions { Exact = true });
                    await Assertions.Expect(helpTitles).ToHaveCountAsync(1,
                        new LocatorAssertionsToHaveCountOptions { Timeout = StepTimeoutMs });

                    // Action.Execute: the invoke response replaces the welcome card with the help card in place.
                    await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "What can I do?" }).ClickAsync();
                    await Assertions.Expect(helpTitles).ToHaveCountAsync(2,
                        new LocatorAssertionsToHaveCountOptions { Timeout = StepTimeoutMs });
                    await Assertions.Expect(welcome).ToHaveCountAsync(0,
                        new LocatorAssertionsToHaveCountOptions { Timeout = StepTimeoutMs });
                    await Assertions.Expect(page.GetByText("Show this card").First).ToBeVisibleAsync();

                    var shot = Path.Combine(screenshots, "agents-playground-help.png");
                    await page.ScreenshotAsync(new PageScreenshotOptions { Path = shot, FullPage = true });
                    output.WriteLine($"Screenshot: {shot}");
                },
                () => $"--- browser console ---\n{string.Join('\n', console)}\n"
                    + $"--- blocked non-loopback requests ---\n{string.Join('\n', blocked.Distinct())}");
        }
        catch
        {
            if (page is not null)
            {
                var shot = Path.Combine(screenshots, "agents-playground-failure.png");
                try
                {
                    await page.ScreenshotAsync(new PageScreenshotOptions { Path = shot, FullPage = true });
                    output.WriteLine($"Screenshot of the failure: {shot}");
                }
                catch (PlaywrightException e)
                {
                    // The browser itself failed; the original failure matters more than the picture.
                    output.WriteLine($"No screenshot of the failure: {e.Message}");
                }
            }

            throw;
        }
    }

    private static async Task<IPlaywright> CreatePlaywrightAsync()
    {
        try
        {
            // Microsoft.Playwright runs its Node driver from the .playwright folder copied next to the test assembly.
            return await Microsoft.Playwright.Playwright.CreateAsync();
        }
        catch (PlaywrightException e)
        {
            throw new InvalidOperationException(
                $"Playwright's driver did not start from {Path.Combine(AppContext.BaseDirectory, ".playwright")}: {e.Message}", e);
        }
    }
}
