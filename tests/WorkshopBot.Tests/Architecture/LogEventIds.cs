using System.Reflection;
using Microsoft.Extensions.Logging;
using WorkshopBot.Outbox;
using WorkshopBot.Protocol.Routing;

namespace WorkshopBot.Tests.Architecture;

/// <summary>
/// Every log message an assembly declares with <c>[LoggerMessage]</c> has an event id of its own: operators filter and
/// alert on event ids (the README names them), so two messages sharing one would be read as the same event. Read from the
/// built assemblies, so a message added anywhere is held to it.
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

        var shared = messages.GroupBy(m => m.EventId)
            .Where(g => g.Count() > 1)
            .Select(g => $"{g.Key}: {string.Join(", ", g.Select(m => m.Method))}")
            .ToList();

        Assert.True(messages.Count >= 10, $"Only {messages.Count} log messages with an event id were found in {assemblyName}.");
        Assert.Empty(shared);
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
