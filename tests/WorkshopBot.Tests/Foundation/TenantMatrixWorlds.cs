using System.Reflection;
using System.Text.Json;
using WorkshopBot.ActionPlans.Domain;
using WorkshopBot.ActionPlans.Teams;
using WorkshopBot.Hosting;
using WorkshopBot.Tests.ActionPlans;
using WorkshopBot.Tests.Briefings;
using WorkshopBot.Tests.Support;

namespace WorkshopBot.Tests.Foundation;

/// <summary>One organisation's stored work that <see cref="TenantMatrix"/> presses every verb and command against.</summary>
internal interface IMatrixWorld : IAsyncDisposable
{
    BotTestHost Host { get; }

    /// <summary>The first organisation's chair, whose Entra object id the presses carry.</summary>
    TestUser Chair { get; }

    /// <summary>The first organisation's team channel.</summary>
    TestConversation Channel { get; }

    /// <summary>Messages the bot had sent before the presses; anything after is the presses' doing.</summary>
    int SentBefore { get; }

    WorkshopBot.Protocol.Routing.ActivityRouter Router { get; }

    /// <summary>What no answer to a refused press may contain.</summary>
    IReadOnlyList<string> Secrets { get; }

    /// <summary>Card data of the given type filled with the first organisation's real ids.</summary>
    object DataFor(Type type);

    /// <summary>
    /// Card data of <paramref name="type"/> as its JSON property names, each public property's value chosen by
    /// <paramref name="valueFor"/> from the property's name and type.
    /// </summary>
    static Dictionary<string, object?> Fill(Type type, Func<string, Type, object?> valueFor)
    {
        ArgumentNullException.ThrowIfNull(type);
        var values = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            values[JsonNamingPolicy.CamelCase.ConvertName(property.Name)] = valueFor(property.Name, property.PropertyType);
        }

        return values;
    }
}

/// <summary>
/// The first organisation with an approved briefing and an action plan with one action (A1, led by the police lead),
/// created by the chair in the QA channel; both tenants allowed (see <see cref="ActionScenario"/>).
/// </summary>
internal sealed class ActionPlanWorld : IMatrixWorld
{
    public const string Neighbour = ActionScenario.OtherTenant;
    private const string ActionText = "Agree an information-sharing protocol between police and health";
    private readonly ActionScenario _scenario;
    private readonly PlannedAction _action;
    private readonly Guid _policeReturn;

    private ActionPlanWorld(ActionScenario scenario, PlannedAction action, Guid policeReturn, int sentBefore)
    {
        _scenario = scenario;
        _action = action;
        _policeReturn = policeReturn;
        SentBefore = sentBefore;
        Router = BotRoutes.Build();
        Secrets =
        [
            scenario.Audit.Title, ActionScenario.Chair.Name, ActionScenario.PoliceLead.Name, "County Police", "Health Visiting",
            ActionText, "interview note", "fathers", BriefingFlowHarness.Case1.Value,
        ];
    }

    public BotTestHost Host => _scenario.Host;

    public TestUser Chair => ActionScenario.Chair;

    public TestConversation Channel => ActionScenario.QaChannel;

    public int SentBefore { get; }

    public WorkshopBot.Protocol.Routing.ActivityRouter Router { get; }

    public IReadOnlyList<string> Secrets { get; }

    public static async Task<ActionPlanWorld> CreateAsync()
    {
        var scenario = await ActionScenario.StartAsync();
        var host = scenario.Host;
        var recommendation = scenario.RecommendationNumber(partnership: true, "partnership");
        var created = ActionScenario.Text(await scenario.InChannelAsync(ActionScenario.Chair, CreateScreen.Create,
            new CreateActionData(scenario.Audit.Id, recommendation, ActionText, "County Police", ActionScenario.PoliceLead.Id,
                "2026-05-30", "Every interview note reaches health within two working days", "information-sharing", null)));
        Assert.Contains("A1 created", created, StringComparison.Ordinal);
        await host.DrainOutboxAsync();
        var action = Assert.Single(await scenario.ActionsAsync());
        var police = scenario.Audit.Agencies.Single(a => a.Name == "County Police").Id;
        var returns = await TestStores.Audits(host.Services).ListReturnsAsync(scenario.Audit.Id, default);
        var policeReturn = returns.First(r => r.Value.AgencyId == police).Value.Id;
        return new ActionPlanWorld(scenario, action, policeReturn, host.Sent().Count);
    }

    public object DataFor(Type type) => IMatrixWorld.Fill(type, ValueFor);

    private object? ValueFor(string name, Type type)
    {
        var kind = Nullable.GetUnderlyingType(type) ?? type;
        return name switch
        {
            _ when name.Equals("ActionId", StringComparison.OrdinalIgnoreCase) => _action.Id,
            _ when name.Equals("ReturnId", StringComparison.OrdinalIgnoreCase) => _policeReturn,
            _ when kind == typeof(Guid) => _scenario.Audit.Id,
            _ when kind.IsEnum => Enum.GetValues(kind).GetValue(0),
            _ when kind == typeof(DateTimeOffset) => ActionScenario.Start,
            _ when kind == typeof(int) || kind == typeof(long) => 1,
            _ when kind == typeof(bool) => true,
            _ when name.Equals("Lead", StringComparison.OrdinalIgnoreCase) => ActionScenario.PoliceLead.Id,
            _ when name.Contains("Agency", StringComparison.OrdinalIgnoreCase) => "County Police",
            _ when name.Contains("Due", StringComparison.OrdinalIgnoreCase) => "2026-09-30",
            _ when name.Equals("Rag", StringComparison.OrdinalIgnoreCase) => "Green",
            _ when name.Equals("Confirm", StringComparison.OrdinalIgnoreCase) => "true",
            _ when kind == typeof(string) => "Agreed at the workshop and shared with every agency",
            _ => null,
        };
    }

    public ValueTask DisposeAsync() => _scenario.DisposeAsync();
}
