using System.Net;
using System.Net.Sockets;
using WorkshopBot.Tests.Support;

namespace WorkshopBot.Tests.Hosting;

/// <summary>
/// The built bot started as an operator starts it (<c>dotnet WorkshopBot.dll</c> from another working folder, settings
/// in environment variables): where it listens, where its settings and data are, what it says at start, and how a
/// bad setting ends it.
/// </summary>
public sealed class HostingProcess : IDisposable
{
    private readonly DirectoryInfo _workingFolder = Directory.CreateTempSubdirectory("workshopbot-cwd-");

    public static TheoryData<string> AddressSources => ["ASPNETCORE_URLS", "--urls", "Kestrel:Endpoints"];

    [Theory]
    [MemberData(nameof(AddressSources))]
    public async Task ListensWhereToldAndFindsItsSettingsNextToTheDll(string source)
    {
        var dataFolderName = "data-test-" + Guid.NewGuid().ToString("N")[..8];
        // No app id: development mode, as `dotnet run` starts it (the Development environment).
        var environment = new Dictionary<string, string?>
        {
            ["Storage__DataFolder"] = dataFolderName,
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
        };
        string[] arguments = [];
        switch (source)
        {
            case "ASPNETCORE_URLS":
                environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
                break;
            case "--urls":
                arguments = ["--urls", "http://127.0.0.1:0"];
                break;
            default:
                environment["Kestrel__Endpoints__Main__Url"] = "http://127.0.0.1:0";
                break;
        }

        var dataFolder = Path.Combine(BotProcess.AppFolder, dataFolderName);
        try
        {
            await using var bot = BotProcess.Start(_workingFolder.FullName, environment, arguments);
            var address = await bot.WaitUntilListeningAsync();
            using var http = new HttpClient();
            using var health = await http.GetAsync(new Uri(address, "healthz"));

            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
            Assert.Equal("127.0.0.1", address.Host);
            Assert.NotEqual(3978, address.Port);
            Assert.Contains("development mode: no authentication, loopback only", bot.Output, StringComparison.Ordinal);
            Assert.Contains($"store SQLite {Path.Combine(dataFolder, "workshopbot.db")}", bot.Output, StringComparison.Ordinal);
            Assert.Contains("content root " + BotProcess.AppFolder, bot.Output, StringComparison.Ordinal);
            Assert.True(File.Exists(Path.Combine(dataFolder, "workshopbot.db")), bot.Output);
            Assert.Empty(_workingFolder.EnumerateFileSystemInfos());
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (Directory.Exists(dataFolder))
            {
                Directory.Delete(dataFolder, recursive: true);
            }
        }
    }

    [Fact]
    public async Task AnAbsoluteDataFolderAndAProductionIdentityAreSaidAtStart()
    {
        var data = Path.Combine(_workingFolder.FullName, "state");
        await using var bot = BotProcess.Start(_workingFolder.FullName, new Dictionary<string, string?>
        {
            ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
            ["Storage__DataFolder"] = data,
            ["MicrosoftAppId"] = BotTestHost.AppId,
            ["MicrosoftAppPassword"] = "not-logged-secret",
            ["MicrosoftAppType"] = "SingleTenant",
            ["MicrosoftAppTenantId"] = BotTestHost.TenantId,
        });

        await bot.WaitUntilListeningAsync();

        Assert.Contains(
            $"production mode: SingleTenant, app id {BotTestHost.AppId}, tenant {BotTestHost.TenantId}, signs in with client secret",
            bot.Output,
            StringComparison.Ordinal);
        Assert.Contains($"store SQLite {Path.Combine(data, "workshopbot.db")}; data folder {data}", bot.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("not-logged-secret", bot.Output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(data, "workshopbot.db")));
    }

    public static TheoryData<string, string, string> BadSettings => new()
    {
        { "Outbox__PollInterval", "soon", "'Outbox:PollInterval'" },
        { "Storage__Provider", "Oracle", "Storage:Provider" },
        { "MicrosoftAppType", "SingleTenant", "MicrosoftAppTenantId" },
        { "MicrosoftAppCertificatePath", "/nonexistent/bot.pfx", "MicrosoftAppCertificatePath" },
        { "ASPNETCORE_URLS", "not-an-address", "ASPNETCORE_URLS" },
        { "WorkshopBot__LinkSigningKey", "short", "WorkshopBot:LinkSigningKey" },
        // A multi-tenant registration would serve any organisation that adds the app: it must name its tenants.
        { "MicrosoftAppType", "MultiTenant", "WorkshopBot:AllowedTenants" },
    };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public async Task ABadSettingEndsTheStartWithOneLineNamingIt(string key, string value, string named)
    {
        var environment = new Dictionary<string, string?>
        {
            ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["Storage__DataFolder"] = Path.Combine(_workingFolder.FullName, "data"),
        };
        if (key.StartsWith("Microsoft", StringComparison.Ordinal))
        {
            environment["MicrosoftAppId"] = BotTestHost.AppId;
            environment["MicrosoftAppPassword"] = key == "MicrosoftAppCertificatePath" ? null : "secret";
        }

        environment[key] = value;
        await using var bot = BotProcess.Start(_workingFolder.FullName, environment);

        var exit = await bot.WaitForExitAsync();

        AssertOneLine(bot, exit, named);
    }

    [Fact]
    public async Task TheSampleSettingsCopiedAsTheyAreEndWithOneLine()
    {
        var sample = Path.Combine(RepositoryRoot.Find(), "appsettings.sample.json");
        File.Copy(sample, Path.Combine(_workingFolder.FullName, "appsettings.json"));
        await using var bot = BotProcess.Start(_workingFolder.FullName, new Dictionary<string, string?>
        {
            ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
        }, "--contentRoot", _workingFolder.FullName);

        var exit = await bot.WaitForExitAsync();

        // The app id and the tenant id are both the sample's all-zero placeholders: whichever is checked first is named.
        AssertOneLine(bot, exit, "is the all-zero placeholder of appsettings.sample.json");
    }

    [Fact]
    public async Task AManagedIdentityWithoutItsClientIdEndsTheStartInsteadOfRunningUnauthenticated()
    {
        await using var bot = BotProcess.Start(_workingFolder.FullName, new Dictionary<string, string?>
        {
            ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
            ["Storage__DataFolder"] = Path.Combine(_workingFolder.FullName, "data"),
            ["MicrosoftAppType"] = "UserAssignedMSI",
            ["MicrosoftAppTenantId"] = BotTestHost.TenantId,
        });

        var exit = await bot.WaitForExitAsync();

        AssertOneLine(bot, exit, "MicrosoftAppId is empty");
        Assert.DoesNotContain("WorkshopBot development mode", bot.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Now listening", bot.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARelativeCertificatePathIsTakenFromTheContentRootNotTheWorkingFolder()
    {
        var name = $"certs-{Guid.NewGuid():N}/bot.pfx";
        await using var bot = BotProcess.Start(_workingFolder.FullName, new Dictionary<string, string?>
        {
            ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
            ["Storage__DataFolder"] = Path.Combine(_workingFolder.FullName, "data"),
            ["MicrosoftAppType"] = "SingleTenant",
            ["MicrosoftAppId"] = BotTestHost.AppId,
            ["MicrosoftAppTenantId"] = BotTestHost.TenantId,
            ["MicrosoftAppCertificatePath"] = name,
        });

        var exit = await bot.WaitForExitAsync();

        AssertOneLine(bot, exit, $"MicrosoftAppCertificatePath: there is no file at {Path.Combine(BotProcess.AppFolder, name)}");
    }

    [Fact]
    public async Task AnUnreachablePostgresIsNamedWithoutItsPassword()
    {
        using var closed = new TcpListener(IPAddress.Loopback, 0);
        closed.Start();
        var port = ((IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop();
        await using var bot = BotProcess.Start(_workingFolder.FullName, new Dictionary<string, string?>
        {
            ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["Storage__Provider"] = "Postgres",
            ["Storage__PostgresConnectionString"] =
                $"Host=127.0.0.1;Port={port};Database=partnership;Username=bot;Password=pg-secret-1;Timeout=3",
        });

        var exit = await bot.WaitForExitAsync();

        AssertOneLine(bot, exit, "Storage:PostgresConnectionString");
        Assert.Contains($"PostgreSQL host 127.0.0.1:{port}, database partnership", bot.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("pg-secret-1", bot.Output, StringComparison.Ordinal);
    }

    public void Dispose() => _workingFolder.Delete(recursive: true);

    private static void AssertOneLine(BotProcess bot, int exit, string named)
    {
        var errors = bot.Output.Split('\n').Where(l => l.StartsWith("err: ", StringComparison.Ordinal)).ToList();
        Assert.True(exit == 2, $"exit {exit}:\n{bot.Output}");
        Assert.True(errors.Count == 1, bot.Output);
        Assert.StartsWith("err: WorkshopBot cannot start: ", errors[0], StringComparison.Ordinal);
        Assert.Contains(named, errors[0], StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", bot.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("fail:", bot.Output, StringComparison.Ordinal);
    }
}
