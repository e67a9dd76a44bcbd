using System.IO.Compression;
using System.Text.Json.Nodes;
using WorkshopBot.Cards;
using WorkshopBot.Manifest;
using WorkshopBot.Tests.Support;

namespace WorkshopBot.Tests.Manifest;

[Collection(NodeToolsCollection.Name)]
public sealed class ManifestPackagerPackage(NodeTools tools) : IDisposable
{
    private const string AppId = "0b7e3a52-4c1d-4f0e-9a51-2f6c7d8e9a10";

    private readonly DirectoryInfo _output = Directory.CreateTempSubdirectory("workshopbot-package-");
    private readonly string _manifestDirectory = Path.Combine(tools.RepositoryRoot, "manifest");

    public void Dispose() => _output.Delete(recursive: true);

    [Fact]
    public void WritesManifestAndIconsAtTheZipRootWithTheAppIdFilledIn()
    {
        var zipPath = Path.Combine(_output.FullName, "nested", "workshopbot.zip");

        var result = new ManifestPackager().Package(_manifestDirectory, AppId.ToUpperInvariant(), zipPath);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(Path.GetFullPath(zipPath), result.OutputZipPath);
        using var zip = ZipFile.OpenRead(zipPath);
        Assert.Equal(["color.png", "manifest.json", "outline.png"], zip.Entries.Select(e => e.FullName).Order());
        var manifest = ReadManifest(zip);
        Assert.DoesNotContain("{{", manifest.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(AppId, manifest["id"]!.GetValue<string>());
        Assert.Equal(AppId, manifest["bots"]![0]!["botId"]!.GetValue<string>());
        Assert.Equal(File.ReadAllBytes(Path.Combine(_manifestDirectory, "outline.png")), ReadEntry(zip, "outline.png"));
    }

    [Theory]
    [InlineData("not-a-guid")]
    [InlineData("")]
    [InlineData("{{MicrosoftAppId}}")]
    [InlineData("0b7e3a52-4c1d-4f0e-9a51-2f6c7d8e9a1")]
    public void RefusesAnAppIdThatIsNotAGuid(string appId)
    {
        var zipPath = Path.Combine(_output.FullName, "refused.zip");

        var result = new ManifestPackager().Package(_manifestDirectory, appId, zipPath);

        Assert.False(result.Succeeded);
        Assert.Contains("not a GUID", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(zipPath));
    }

    [Fact]
    public void RefusesAManifestWhoseIconIsMissing()
    {
        var directory = _output.CreateSubdirectory("no-outline");
        File.Copy(Path.Combine(_manifestDirectory, "manifest.json"), Path.Combine(directory.FullName, "manifest.json"));
        File.Copy(Path.Combine(_manifestDirectory, "color.png"), Path.Combine(directory.FullName, "color.png"));

        var result = new ManifestPackager().Package(directory.FullName, AppId, Path.Combine(_output.FullName, "x.zip"));

        Assert.False(result.Succeeded);
        Assert.Contains("outline.png", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void PackagedManifestMatchesMicrosoftsSchema()
    {
        var zipPath = Path.Combine(_output.FullName, "workshopbot.zip");
        Assert.True(new ManifestPackager().Package(_manifestDirectory, AppId, zipPath).Succeeded);
        using var zip = ZipFile.OpenRead(zipPath);

        var errors = new ManifestSchemaValidator(tools).Validate(ReadManifest(zip).ToJsonString());

        Assert.Empty(errors);
    }

    [Fact]
    public void WithThePublicAddressTheTabsAndSingleSignOnAreDeclaredAndMatchTheSchema()
    {
        var zipPath = Path.Combine(_output.FullName, "with-tab.zip");
        var result = new ManifestPackager().Package(_manifestDirectory, AppId, zipPath, new Uri("https://workshopbot.example.org/"));
        Assert.True(result.Succeeded, result.Error);
        using var zip = ZipFile.OpenRead(zipPath);
        var manifest = ReadManifest(zip);

        Assert.Empty(new ManifestSchemaValidator(tools).Validate(manifest.ToJsonString()));
        Assert.Equal("https://workshopbot.example.org/tab/", manifest["staticTabs"]![0]!["contentUrl"]!.GetValue<string>());
        Assert.Equal("personal", manifest["staticTabs"]![0]!["scopes"]![0]!.GetValue<string>());
        var channelTab = manifest["configurableTabs"]![0]!;
        Assert.Equal("https://workshopbot.example.org/tab/config", channelTab["configurationUrl"]!.GetValue<string>());
        Assert.Equal("team", manifest["configurableTabs"]![0]!["scopes"]![0]!.GetValue<string>());
        Assert.Equal(AppId, manifest["webApplicationInfo"]!["id"]!.GetValue<string>());
        Assert.Equal("api://workshopbot.example.org/" + AppId, manifest["webApplicationInfo"]!["resource"]!.GetValue<string>());
        Assert.Equal(["workshopbot.example.org"], manifest["validDomains"]!.AsArray().Select(d => d!.GetValue<string>()));
    }

    /// <summary>A bot that is a managed identity has no app registration to expose an API: the tab signs in with its own.</summary>
    [Fact]
    public void TheTabsSingleSignOnUsesItsOwnClientIdWhenOneIsGiven()
    {
        const string tabClientId = "5e4d3c2b-1a09-4f8e-9d7c-6b5a49382716";
        var zipPath = Path.Combine(_output.FullName, "with-tab-client.zip");
        var result = new ManifestPackager().Package(_manifestDirectory, AppId, zipPath, new Uri("https://bot.example.org/"), tabClientId);
        var refused = new ManifestPackager().Package(_manifestDirectory, AppId, zipPath + "2", new Uri("https://bot.example.org/"), "tab");
        Assert.True(result.Succeeded, result.Error);
        using var zip = ZipFile.OpenRead(zipPath);
        var manifest = ReadManifest(zip);

        Assert.Empty(new ManifestSchemaValidator(tools).Validate(manifest.ToJsonString()));
        Assert.Equal(tabClientId, manifest["webApplicationInfo"]!["id"]!.GetValue<string>());
        Assert.Equal("api://bot.example.org/" + tabClientId, manifest["webApplicationInfo"]!["resource"]!.GetValue<string>());
        Assert.Equal(AppId, manifest["bots"]![0]!["botId"]!.GetValue<string>());
        Assert.False(refused.Succeeded);
        Assert.Contains("WorkshopBot:Tab:ClientId", refused.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void RefusesATabAddressThatIsNotHttps()
    {
        var result = new ManifestPackager().Package(_manifestDirectory, AppId, Path.Combine(_output.FullName, "http.zip"),
            new Uri("http://workshopbot.example.org/"));

        Assert.False(result.Succeeded);
        Assert.Contains("public https address", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void SchemaValidatorRejectsBrokenManifests()
    {
        var validator = new ManifestSchemaValidator(tools);
        var good = Filled();

        var unfilled = JsonNode.Parse(File.ReadAllText(Path.Combine(_manifestDirectory, "manifest.json")))!;
        var noDeveloper = Filled();
        noDeveloper.AsObject().Remove("developer");
        var badScope = Filled();
        badScope["bots"]![0]!["scopes"] = new JsonArray("personal", "meeting");
        var longName = Filled();
        longName["name"]!["short"] = new string('W', 31);
        var unknownProperty = Filled();
        unknownProperty["botType"] = "conversational";

        Assert.Empty(validator.Validate(good.ToJsonString()));
        Assert.Contains(validator.Validate(unfilled.ToJsonString()), e => e.StartsWith("/id must match pattern", StringComparison.Ordinal));
        Assert.Contains(validator.Validate(noDeveloper.ToJsonString()), e => e.Contains("developer", StringComparison.Ordinal));
        Assert.Contains(validator.Validate(badScope.ToJsonString()), e => e.StartsWith("/bots/0/scopes/1", StringComparison.Ordinal));
        Assert.Contains(validator.Validate(longName.ToJsonString()), e => e.StartsWith("/name/short", StringComparison.Ordinal));
        Assert.Contains(validator.Validate(unknownProperty.ToJsonString()), e => e.Contains("botType", StringComparison.Ordinal));
    }

    [Fact]
    public void OffersTheBotsCommandsInEveryScope()
    {
        var bot = Filled()["bots"]![0]!;
        var commands = bot["commandLists"]!.AsArray().ToDictionary(
            list => list!["scopes"]![0]!.GetValue<string>(),
            list => list!["commands"]!.AsArray().Select(c => c!["title"]!.GetValue<string>()).ToList());

        Assert.Equal(["personal", "team", "groupChat"], bot["scopes"]!.AsArray().Select(s => s!.GetValue<string>()));
        Assert.Equal(["help", "new audit", "my audits", "returns", "workshop", "briefing", "actions"], commands["personal"]);
        Assert.All(commands.Values, titles => Assert.Contains("help", titles));
        Assert.Subset(commands["personal"].ToHashSet(), commands["team"].Concat(commands["groupChat"]).ToHashSet());
        Assert.False(bot["supportsFiles"]!.GetValue<bool>());
    }

    private JsonNode Filled() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(_manifestDirectory, "manifest.json"))
            .Replace(ManifestPackager.AppIdPlaceholder, AppId, StringComparison.Ordinal))!;

    private static JsonNode ReadManifest(ZipArchive zip) => JsonNode.Parse(ReadEntry(zip, "manifest.json"))!;

    private static byte[] ReadEntry(ZipArchive zip, string name)
    {
        using var stream = zip.GetEntry(name)!.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
