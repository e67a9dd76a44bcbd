using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WorkshopBot.Storage;

namespace WorkshopBot.Tests.Storage;

/// <summary>
/// Start-up refuses a store that would expose or lose a partnership's data: a PostgreSQL server on the network whose
/// certificate the bot would not check, and SQLite on Azure App Service or Container Apps (unless explicitly allowed).
/// </summary>
public sealed class DeploymentStoreChecks
{
    private const string Password = "pg-secret-9";
    private const string Remote = "Host=psql-wb.postgres.database.azure.com;Database=workshopbot;Username=wb;Password=" + Password;

    [Theory]
    [InlineData("")]
    [InlineData(";SSL Mode=Disable")]
    [InlineData(";SSL Mode=Allow")]
    [InlineData(";SSL Mode=Prefer")]
    [InlineData(";SSL Mode=Require")]
    [InlineData(";sslmode=require")]
    public void ARemoteServerWhoseCertificateIsNotCheckedIsRefusedWithoutShowingTheConnectionString(string ssl)
    {
        var result = Validate(Postgres(Remote + ssl));

        Assert.True(result.Failed);
        Assert.Contains("Storage:PostgresConnectionString", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("SSL Mode=VerifyFull", result.FailureMessage, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, result.FailureMessage, StringComparison.Ordinal);
        Assert.DoesNotContain("psql-wb", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Remote + ";SSL Mode=VerifyFull")]
    [InlineData(Remote + ";SSL Mode=VerifyCA;Root Certificate=/etc/ssl/partnership-ca.pem")]
    [InlineData("Host=127.0.0.1;Port=5433;Database=wb;Username=bot;Password=" + Password)]
    [InlineData("Host=localhost;Database=wb;SSL Mode=Require")]
    [InlineData("Host=::1;Database=wb")]
    [InlineData("Host=[::1]:5433;Database=wb")]
    [InlineData("Host=localhost:5433,127.0.0.1;Database=wb")]
    [InlineData("Host=/var/run/postgresql;Database=wb")]
    public void AVerifiedServerOrOneOnThisComputerIsAccepted(string connectionString)
    {
        var result = Validate(Postgres(connectionString));

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Theory]
    [InlineData("Host=localhost,db.internal;Database=wb")]
    [InlineData("Host=127.0.0.2.example.org;Database=wb")]
    [InlineData("Database=wb")]
    public void EveryHostMustBeOnThisComputerToGoUnchecked(string connectionString)
    {
        Assert.True(Validate(Postgres(connectionString)).Failed);
    }

    [Fact]
    public void TheFallbackConnectionStringIsCheckedToo()
    {
        using var services = Build(new()
        {
            ["Storage:Provider"] = "Postgres",
            ["ConnectionStrings:Postgres"] = Remote + ";SSL Mode=Require",
        });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<StorageOptions>>().Value);

        Assert.Contains("SSL Mode=Require", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("WEBSITE_INSTANCE_ID", "Azure App Service")]
    [InlineData("CONTAINER_APP_NAME", "Azure Container Apps")]
    public void SqliteOnAzureIsRefusedWithTheWayToPostgresAndTheOverride(string variable, string platform)
    {
        using var services = Build(new() { [variable] = "a1b2c3" });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<StorageOptions>>().Value);

        Assert.Contains(platform, error.Message, StringComparison.Ordinal);
        Assert.Contains("Storage:Provider=Postgres", error.Message, StringComparison.Ordinal);
        Assert.Contains("Storage:AllowSqliteOnAzure=true", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("WEBSITE_INSTANCE_ID")]
    [InlineData("CONTAINER_APP_NAME")]
    public void SqliteOnAzureStartsWhenExplicitlyAllowedAndPostgresAlways(string variable)
    {
        using var allowed = Build(new() { [variable] = "a1b2c3", ["Storage:AllowSqliteOnAzure"] = "true" });
        using var postgres = Build(new()
        {
            [variable] = "a1b2c3",
            ["Storage:Provider"] = "Postgres",
            ["Storage:PostgresConnectionString"] = Remote + ";SSL Mode=VerifyFull",
        });
        using var elsewhere = Build([]);

        Assert.True(allowed.GetRequiredService<IOptions<StorageOptions>>().Value.AllowSqliteOnAzure);
        Assert.Equal("Postgres", postgres.GetRequiredService<IOptions<StorageOptions>>().Value.Provider);
        Assert.Null(elsewhere.GetRequiredService<IOptions<StorageOptions>>().Value.AzureHost);
    }

    private static StorageOptions Postgres(string connectionString) =>
        new() { Provider = "Postgres", PostgresConnectionString = connectionString };

    private static ValidateOptionsResult Validate(StorageOptions options) => new StorageOptionsValidator().Validate(null, options);

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddWorkshopBotStorage(configuration).BuildServiceProvider();
    }
}
