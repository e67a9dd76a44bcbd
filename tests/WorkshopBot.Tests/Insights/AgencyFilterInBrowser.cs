using System.Collections.Concurrent;
using Microsoft.Playwright;
using WorkshopBot.ActionPlans.Domain;
using static Microsoft.Playwright.Assertions;

namespace WorkshopBot.Tests.Insights;

/// <summary>
/// In a real browser, the tab's agency list offers the partnership's own entry and an agency called "The partnership" as
/// two choices, each keeping its own actions only, and a choice stays chosen (the same one) when the view is drawn again.
/// </summary>
public sealed class AgencyFilterInBrowser(ActionOwnersInTheTab.OwnersTab tab) : IClassFixture<ActionOwnersInTheTab.OwnersTab>
{
    private const float Wait = 30_000;
    private const string Agency = "The partnership (an agency)";

    [Fact]
    public async Task ThePartnershipAndTheAgencyOfItsNameAreTwoChoices()
    {
        await using var browser = await TabBrowser.StartAsync();
        var page = await browser.OpenAsync(tab, tab.Token(TabHost.Chair), "default", new ConcurrentQueue<string>());
        await Expect(page.Locator("#chart-actions")).ToBeVisibleAsync(new() { Timeout = Wait });
        Assert.Equal(["All agencies", "County Police", PlannedAction.PartnershipOwner, Agency],
            await page.Locator("#agency option").AllInnerTextsAsync());

        await page.SelectOptionAsync("#agency", new SelectOptionValue { Label = PlannedAction.PartnershipOwner });
        await Expect(page.Locator("#scope")).ToHaveTextAsync(
            "The audits The partnership took part in, with its own grades and actions only.", new() { Timeout = Wait });
        Assert.Equal([PlannedAction.PartnershipOwner], await AgencyRowsAsync(page));
        Assert.Equal(PlannedAction.PartnershipOwner, await page.Locator("#agency option:checked").InnerTextAsync());

        await page.SelectOptionAsync("#agency", new SelectOptionValue { Label = Agency });
        await Expect(page.Locator("#scope")).ToHaveTextAsync(
            $"The audits {Agency} took part in, with its own grades and actions only.", new() { Timeout = Wait });
        Assert.Equal([Agency], await AgencyRowsAsync(page));
        Assert.Equal(Agency, await page.Locator("#agency option:checked").InnerTextAsync());
    }

    private static async Task<List<string?>> AgencyRowsAsync(IPage page)
    {
        var rows = page.Locator("#chart-actions g.agency");
        var names = new List<string?>();
        for (var i = 0; i < await rows.CountAsync(); i++)
        {
            names.Add(await rows.Nth(i).GetAttributeAsync("data-agency"));
        }

        return names;
    }
}
