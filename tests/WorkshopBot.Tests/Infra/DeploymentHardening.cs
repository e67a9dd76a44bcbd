using System.Text.Json.Nodes;

namespace WorkshopBot.Tests.Infra;

/// <summary>
/// What infra/main.bicep deploys, read from the ARM template the Bicep CLI compiles it to: the bot checks the database
/// server's certificate, the Key Vault can be given a new name, only App Service plans with Always On, no publishing with
/// user names and passwords.
/// </summary>
public sealed class DeploymentHardening
{
    [Fact]
    public async Task TheBotChecksThePostgresServersCertificate()
    {
        var template = await CompileAsync();

        var secret = Resources(template).Single(r => Type(r) == "Microsoft.KeyVault/vaults/secrets"
            && r["name"]!.GetValue<string>().Contains("postgres-connection-string", StringComparison.Ordinal));
        var value = secret["properties"]!["value"]!.GetValue<string>();

        // Require encrypts but takes any certificate: a server presenting CN=evil.example was accepted.
        Assert.Contains("SSL Mode=VerifyFull", value, StringComparison.Ordinal);
        Assert.DoesNotContain("SSL Mode=Require", template.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheKeyVaultNameTakesASaltThatIsEmptyByDefault()
    {
        var template = await CompileAsync();

        var salt = template["parameters"]!["keyVaultNameSalt"]!;
        var name = template["variables"]!["names"]!["keyVault"]!.GetValue<string>();
        var suffix = template["variables"]!["keyVaultSuffix"]!.GetValue<string>();

        Assert.Equal("string", salt["type"]!.GetValue<string>());
        Assert.Equal("", salt["defaultValue"]!.GetValue<string>());
        Assert.Contains("keyVaultSuffix", name, StringComparison.Ordinal);
        Assert.Contains("keyVaultNameSalt", suffix, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OnlyAppServicePlansWithAlwaysOnAreAllowed()
    {
        var template = await CompileAsync();

        var sku = template["parameters"]!["appServiceSku"]!;
        var allowed = sku["allowedValues"]!.AsArray().Select(v => v!.GetValue<string>()).ToList();

        Assert.Contains(sku["defaultValue"]!.GetValue<string>(), allowed);
        Assert.Contains("P0v3", allowed);
        Assert.DoesNotContain(allowed, v => v.StartsWith('F') || v.StartsWith('D') || v.StartsWith('Y'));
    }

    [Fact]
    public async Task TheBaseNameIsShortAndSaidToBeLowercase()
    {
        var template = await CompileAsync();

        var baseName = template["parameters"]!["baseName"]!;

        Assert.Equal(3, baseName["minLength"]!.GetValue<int>());
        Assert.Equal(12, baseName["maxLength"]!.GetValue<int>());
        Assert.Contains("lowercase", baseName["metadata"]!["description"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BasicPublishingCredentialsAreOffForScmAndFtp()
    {
        var template = await CompileAsync();

        var policies = Resources(template).Where(r => Type(r) == "Microsoft.Web/sites/basicPublishingCredentialsPolicies").ToList();

        Assert.Equal(["ftp", "scm"], policies.Select(p => p["name"]!.GetValue<string>().Split('\'')[^2]).Order(StringComparer.Ordinal));
        Assert.All(policies, p => Assert.False(p["properties"]!["allow"]!.GetValue<bool>()));
    }

    private static async Task<JsonNode> CompileAsync()
    {
        var (exitCode, output, errors) = await BicepBuild.CompileAsync(Path.Combine("infra", "main.bicep"));
        Assert.True(exitCode == 0, errors);
        return JsonNode.Parse(output)!;
    }

    private static IEnumerable<JsonNode> Resources(JsonNode template) =>
        template["resources"] is JsonArray array ? array.Select(r => r!) : template["resources"]!.AsObject().Select(p => p.Value!);

    private static string Type(JsonNode resource) => resource["type"]!.GetValue<string>();
}
