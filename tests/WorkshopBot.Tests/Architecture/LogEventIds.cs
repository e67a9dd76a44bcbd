using System.Reflection;
using Microsoft.Extensions.Logging;
using WorkshopBot.Outbox;
using WorkshopBot.Protocol.Routing;

namespace WorkshopBot.Tests.Architecture;

/// <summary>
/// Every log message the bot's assemblies declare with <c>[LoggerMessage]</c> has an event id of its own, across the
/// assemblies too: operators filter and alert on event ids (the README names them), and the bot's and the protocol
/// library's messages reach one log, so two messages sharing one would be read as the same event. Read from the built
/// assemblies, so a message added anywhere is held to it.
/// </summary>
public sealed class LogEventIds
{
    private const BindingFlags Declared =
        BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    public static TheoryData<string> Assemblies => [typeof(OutboxDispatcher).Assembly.GetName().Name!,
        typeof(ActivityRouter).Assembly.GetName().Name!];

    [Theory]
    [MemberData(nameof(Assemblies))]
    public void NoTwoLogMessagesOfAnAssemblyShareAnEventId(string assemblyName)
    {
        var messages = LogMessages(Assembly.Load(assemblyName));

        Assert.True(messages.Count >= 10, $"Only {messages.Count} log messages with an event id were found in {assemblyName}.");
        Assert.Empty(Shared(messages));
    }

    /// <summary>The bot's own assembly and every assembly of the solution it loads (the protocol library, the cards).</summary>
    [Fact]
    public void NoTwoLogMessagesOfTheBotsAssembliesShareAnEventId()
    {
        var assemblies = BotAssemblies();
        var messages = assemblies.SelectMany(LogMessages).ToList();

        Assert.Contains(typeof(ActivityRouter).Assembly, assemblies);
        Assert.Empty(Shared(messages));
    }

    private static List<string> Shared(List<(int EventId, string Method)> messages) =>
        messages.GroupBy(m => m.EventId)
            .Where(g => g.Count() > 1)
            .Select(g => $"{g.Key}: {string.Join(", ", g.Select(m => m.Method))}")
            .ToList();

    /// <summary>The bot's assembly and, transitively, the assemblies it references whose names start with "WorkshopBot".</summary>
    private static List<Assembly> BotAssemblies()
    {
        var found = new List<Assembly>();
        var waiting = new Queue<Assembly>([typeof(OutboxDispatcher).Assembly]);
        while (waiting.TryDequeue(out var assembly))
        {
            if (found.Contains(assembly))
            {
                continue;
            }

            found.Add(assembly);
            foreach (var name in assembly.GetReferencedAssemblies())
            {
                if (name.Name?.StartsWith("WorkshopBot", StringComparison.Ordinal) == true)
                {
                    waiting.Enqueue(Assembly.Load(name));
                }
            }
        }

        return found;
    }

    /// <summary>The messages declared with an event id (one left out gets an id the generator makes from its name).</summary>
    private static List<(int EventId, string Method)> LogMessages(Assembly assembly) =>
        assembly.GetTypes()
            .SelectMany(type => type.GetMethods(Declared))
            .Select(method => (Method: method, Attribute: method.GetCustomAttribute<LoggerMessageAttribute>()))
            .Where(m => m.Attribute is { EventId: >= 0 })
            .Select(m => (m.Attribute!.EventId, $"{m.Method.DeclaringType!.FullName}.{m.Method.Name}"))
            .ToList();
}
