using System.Reflection;
using Microsoft.Extensions.Configuration;
using WorkshopBot.ActionPlans;
using WorkshopBot.Audits;
using WorkshopBot.Audits.Teams;
using WorkshopBot.Briefings;
using WorkshopBot.Hosting;
using WorkshopBot.Insights;
using WorkshopBot.Outbox;
using WorkshopBot.Protocol.Auth;
using WorkshopBot.Protocol.Connector;
using WorkshopBot.Protocol.Hosting;
using WorkshopBot.Storage;
using WorkshopBot.Tests.Support;
using WorkshopBot.Workshop;

namespace WorkshopBot.Tests.Hosting;

/// <summary>appsettings.sample.json names every setting the bot reads, so an operator sees them all in one place.</summary>
public sealed class SampleSettingsCoverage
{
    public static TheoryData<string, Type> Sections => new()
    {
        { "", typeof(BotAuthenticationOptions) },
        { "", typeof(BotCredentialOptions) },
        { "Bot", typeof(BotEndpointOptions) },
        { "Bot", typeof(ServiceUrlPolicyOptions) },
        { "Bot:Connector", typeof(BotConnectorOptions) },
        { "Storage", typeof(StorageOptions) },
        { "Outbox", typeof(OutboxOptions) },
        { "WorkshopBot", typeof(WorkshopBotOptions) },
        { "Audits", typeof(AuditOptions) },
        { "Workshop", typeof(WorkshopOptions) },
        { "Briefings", typeof(BriefingOptions) },
        { "Graph", typeof(GraphOptions) },
        { "Operations", typeof(WorkshopBot.Operations.OperationsOptions) },
        { "Retention", typeof(RetentionOptions) },
        { "Actions", typeof(ActionPlansOptions) },
        { "WorkshopBot:Tab", typeof(InsightsOptions) },
        { "WorkshopBot:Tab:DevelopmentUser", typeof(TabDevelopmentUser) },
    };

    [Theory]
    [MemberData(nameof(Sections))]
    public void NamesEverySettableProperty(string section, Type options)
    {
        var sample = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(RepositoryRoot.Find(), "appsettings.sample.json"))
            .Build();
        var scope = section.Length == 0 ? (IConfiguration)sample : sample.GetSection(section);
        var keys = scope.GetChildren().Select(c => c.Key).ToHashSet(StringComparer.OrdinalIgnoreCase);

        var missing = options.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite && p.SetMethod!.IsPublic)
            .Select(p => p.Name)
            .Where(name => !keys.Contains(name))
            .ToList();

        Assert.True(missing.Count == 0, $"appsettings.sample.json lacks {section}: {string.Join(", ", missing)}");
    }
}
