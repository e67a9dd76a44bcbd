using WorkshopBot.Audits.Teams;
using WorkshopBot.Protocol.Schema;
using WorkshopBot.Tests.Support;

namespace WorkshopBot.Tests.Foundation;

/// <summary>
/// A person is a tenant and an Entra object id, for the partnership's roles too. With two tenants allowed, an activity
/// from the second tenant carrying the first tenant's chair's (or admin's) object id holds no role: it cannot create an
/// audit and is not offered to. A role entry written <c>tenantId/objectId</c> names someone in the second tenant.
/// </summary>
public sealed class RolesBoundToTenant
{
    private const string Neighbour = "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d";
    private static readonly TestUser Chair = BotTestHost.User("Quality Assurance Chair");
    private static readonly TestUser NeighbourChair = BotTestHost.User("Neighbouring Partnership Chair");

    private static readonly CreateAuditData Valid = new("NAI audit spring 2027", "nai", "rag", "12", "2027-03-20", "2027-03-27", "2");

    [Theory]
    [InlineData("Chairs")]
    [InlineData("Admins")]
    public async Task TheChairsObjectIdFromAnotherTenantCannotCreateAnAudit(string list)
    {
        await using var host = await StartAsync(list, Chair.AadObjectId);
        var impostor = Chair with { Id = "29:neighbour-impostor" };
        var chat = BotTestHost.PersonalChat(impostor);

        await host.SendAsync(InTenant(host.Message(impostor, chat, "new audit"), Neighbour));
        var created = await host.InvokeAsync(InTenant(host.CardAction(impostor, chat, CreateScreen.Create, Valid), Neighbour));
        await host.DrainOutboxAsync();

        Assert.Contains("Only chairs create audits", host.Sent(chat.Id)[^1].AllText, StringComparison.Ordinal);
        Assert.Contains("Only chairs create audits", created.Card!.Value.GetRawText(), StringComparison.Ordinal);
        Assert.Empty(await TestStores.Audits(host.Services).ListAuditsAsync(CancellationToken.None));

        // The chair in their own tenant still may.
        var own = await host.ExecuteAsync(Chair, BotTestHost.PersonalChat(Chair), CreateScreen.Create, Valid);
        Assert.Contains("Audit created", own.Card!.Value.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnEntryNamingTheOtherTenantGivesTheRoleThereOnly()
    {
        await using var host = await StartAsync("Chairs", Neighbour + "/" + NeighbourChair.AadObjectId);
        var chat = BotTestHost.PersonalChat(NeighbourChair);

        var there = await host.InvokeAsync(InTenant(host.CardAction(NeighbourChair, chat, CreateScreen.Create, Valid), Neighbour));
        var here = await host.ExecuteAsync(NeighbourChair, chat, CreateScreen.Create, Valid);

        Assert.Contains("Audit created", there.Card!.Value.GetRawText(), StringComparison.Ordinal);
        Assert.Contains("Only chairs create audits", here.Card!.Value.GetRawText(), StringComparison.Ordinal);
    }

    private static Task<BotTestHost> StartAsync(string list, string entry) => BotTestHost.StartAsync(o =>
    {
        o.Settings["WorkshopBot:AllowedTenants:1"] = Neighbour;
        o.Settings[$"WorkshopBot:{list}:0"] = entry;
    });

    private static Activity InTenant(Activity activity, string tenantId) => TenantMatrix.InTenant(activity, tenantId);
}
