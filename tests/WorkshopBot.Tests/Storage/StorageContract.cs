namespace WorkshopBot.Tests.Storage;

/// <summary>Base of the contract tests: a fresh, migrated database per test on the subclass's provider.</summary>
public abstract class StorageContract : IAsyncLifetime
{
    protected static readonly DateTimeOffset T0 = TestStorage.DefaultStart;

    private TestStorage? storage;

    protected TestStorage Storage =>
        storage ?? throw new InvalidOperationException("The test storage has not been created.");

    protected virtual bool MigrateBeforeEachTest => true;

    public async Task InitializeAsync() => storage = await CreateStorageAsync(MigrateBeforeEachTest);

    public async Task DisposeAsync()
    {
        if (storage is not null)
        {
            await storage.DisposeAsync();
        }
    }

    protected abstract Task<TestStorage> CreateStorageAsync(bool migrate);
}
