using Microsoft.Extensions.DependencyInjection;
using WorkshopBot.Audits.Storage;
using WorkshopBot.Audits.Teams;
using WorkshopBot.Storage;
using WorkshopBot.Tests.Support;
using static WorkshopBot.Tests.Audits.EndToEnd.AuditScenario;

namespace WorkshopBot.Tests.Audits.EndToEnd;

/// <summary>An immediate-safety alert's acknowledgement is recorded even when another write to the alert races it.</summary>
public sealed class SafetyAlertAcknowledgement
{
    [Fact]
    public async Task AcknowledgingWhileTheResendJobWritesStillRecordsTheAcknowledgement()
    {
        await using var s = await StartAsync(o => o.Services = services =>
            services.AddSingleton(sp => new AuditStore(new EscalationWriteRace(sp.GetRequiredService<IDocumentStore>()))));
        await s.SetUpIssuedAsync();
        await s.FillAndSubmitAsync(1, 0, safetyConcern: true);
        var escalation = (await s.Store.ListOpenEscalationsAsync(default)).Single().Value;

        var acknowledge = new AcknowledgeAlertData(escalation.Id);
        var ack = CardOf(await s.Host.ExecuteAsync(Lead, BotTestHost.PersonalChat(Lead), SafetyScreen.AcknowledgeAlert, acknowledge));

        Assert.Contains("Acknowledged by Police Named Lead", ack.GetRawText());
        Assert.True((await s.Store.GetEscalationAsync(escalation.Id, default))!.Value.IsAcknowledged);
    }

    /// <summary>Lets another writer (the re-send job) bump an escalation just before the first acknowledgement is written.</summary>
    private sealed class EscalationWriteRace(IDocumentStore inner) : IDocumentStore
    {
        private int _raced;

        public Task<StoredDocument?> GetAsync(string collection, string id, CancellationToken cancellationToken = default) =>
            inner.GetAsync(collection, id, cancellationToken);

        public Task<bool> TryInsertAsync(string collection, string id, string json, string? key1, string? key2,
            CancellationToken cancellationToken = default) =>
            inner.TryInsertAsync(collection, id, json, key1, key2, cancellationToken);

        public async Task<bool> TryUpdateAsync(string collection, string id, long expectedVersion, string json, string? key1, string? key2,
            CancellationToken cancellationToken = default)
        {
            if (collection == AuditStore.Escalations && key2 == "acknowledged" && Interlocked.Exchange(ref _raced, 1) == 0)
            {
                var current = (await inner.GetAsync(collection, id, cancellationToken))!;
                await inner.TryUpdateAsync(collection, id, current.Version, current.Json, current.Key1, current.Key2, cancellationToken);
            }

            return await inner.TryUpdateAsync(collection, id, expectedVersion, json, key1, key2, cancellationToken);
        }

        public Task<IReadOnlyList<StoredDocument>> ListAsync(string collection, string? key1 = null, string? key2 = null,
            CancellationToken cancellationToken = default) =>
            inner.ListAsync(collection, key1, key2, cancellationToken);

        public Task<bool> DeleteAsync(string collection, string id, CancellationToken cancellationToken = default) =>
            inner.DeleteAsync(collection, id, cancellationToken);
    }
}
