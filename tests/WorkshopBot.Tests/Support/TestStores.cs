using Microsoft.Extensions.DependencyInjection;
using WorkshopBot.Audits.Storage;
using WorkshopBot.Common.Storage;
using WorkshopBot.Storage;

namespace WorkshopBot.Tests.Support;

/// <summary>
/// Stores for reading what the bot stored, in assertions. Each has a unit of work of its own that is never committed:
/// write through <see cref="BotTestHost.WorkAsync{T}"/> instead.
/// </summary>
internal static class TestStores
{
    public static DocumentChanges Documents(IServiceProvider services) =>
        new(services.GetRequiredService<IDocumentStore>(), new UnitOfWork(), services.GetRequiredService<DocumentGates>());

    public static AuditStore Audits(IServiceProvider services) => new(Documents(services));
}
