using System.Net;
using Microsoft.Extensions.Options;
using WorkshopBot.Help.Teams;
using WorkshopBot.Hosting;
using WorkshopBot.Protocol.Schema;
using WorkshopBot.Storage;
using WorkshopBot.Tests.Support;

namespace WorkshopBot.Tests.Foundation;

/// <summary>
/// The bot serves its partnership's tenant(s) only. Someone in another organisation who adds the bot gets one polite
/// answer, and nothing of theirs is stored: not their conversation, not the activity.
/// </summary>
public sealed class ForeignTenants : IAsyncLifetime
{
    private const string OtherTenant = "9a8b7c6d-0000-4000-8000-00000000beef";
    private static readonly TestUser Outsider = BotTestHost.User("Neighbouring Partnership User");
    private BotTestHost _host = null!;

    public async Task InitializeAsync() => _host = await BotTestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task AMessageFromAnotherTenantGetsOnePoliteAnswerAndNothingIsStored()
    {
        var chat = BotTestHost.PersonalChat(Outsider);
        var message = InTenant(_host.Message(Outsider, chat, "new audit"), OtherTenant);

        await _host.SendAsync(message);
        await _host.DrainOutboxAsync();

        var answer = Assert.Single(_host.Sent(chat.Id));
        Assert.Contains(TenantGate.NotSetUpTitle, answer.Activity.Text, StringComparison.Ordinal);
        Assert.Null(await _host.Get<IConversationStore>().GetAsync(chat.Id));
        Assert.Null(await _host.Get<IProcessedActivityStore>().FindAsync(chat.Id, message.Id!));
    }

    [Fact]
    public async Task ACardActionFromAnotherTenantIsRefusedWithTheSameCardWhateverItNames()
    {
        var chat = BotTestHost.PersonalChat(Outsider);

        var result = await _host.InvokeAsync(InTenant(_host.CardAction(Outsider, chat, HelpScreen.Show, new ShowHelpData()), OtherTenant));

        Assert.Equal(HttpStatusCode.OK, result.Status);
        Assert.Contains(TenantGate.NotSetUpTitle, result.Card!.Value.GetRawText(), StringComparison.Ordinal);
        Assert.Empty(_host.Sent());
        Assert.Empty(await _host.Get<IConversationStore>().ListActiveAsync(cancellationToken: CancellationToken.None));
    }

    [Fact]
    public async Task AnInstallInAnotherTenantStoresNoConversation()
    {
        var team = BotTestHost.Channel("General", "Neighbouring partnership");

        await _host.SendAsync(InTenant(_host.BotAdded(Outsider, team), OtherTenant));

        Assert.Empty(_host.Sent());
        Assert.Null(await _host.Get<IConversationStore>().GetAsync(team.Id));
    }

    private static Activity InTenant(Activity activity, string tenantId) => activity with
    {
        Conversation = activity.Conversation! with { TenantId = tenantId },
        ChannelData = BotJson.ToElement(new TeamsChannelData { Tenant = new TenantInfo { Id = tenantId } }),
    };
}
