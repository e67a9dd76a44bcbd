using System.Collections.Frozen;

namespace WorkshopBot.Insights.Teams;

/// <summary>
/// The tab's own files, embedded in the assembly (so they travel with the DLL): the pages, the script, the stylesheet and
/// the vendored Microsoft Teams JavaScript library (MIT). Only the files listed here are served.
/// </summary>
public static class TabStatic
{
    private const string Prefix = "WorkshopBot.Insights.static/";

    private static readonly FrozenDictionary<string, string> Types = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["index.html"] = "text/html; charset=utf-8",
        ["config.html"] = "text/html; charset=utf-8",
        ["tab.js"] = "text/javascript; charset=utf-8",
        ["config.js"] = "text/javascript; charset=utf-8",
        ["tab.css"] = "text/css; charset=utf-8",
        ["MicrosoftTeams.min.js"] = "text/javascript; charset=utf-8",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public static IResult Serve(string name)
    {
        if (!Types.TryGetValue(name, out var type) || typeof(TabStatic).Assembly.GetManifestResourceStream(Prefix + name) is not { } stream)
        {
            return TypedResults.NotFound();
        }

        return TypedResults.Stream(stream, type);
    }
}
