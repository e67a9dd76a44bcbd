namespace WorkshopBot.Common.Links;

/// <summary>
/// The same HTTP answers for every signed download link: 404 for anything malformed, forged, altered or unknown
/// (nothing to learn from it), 410 once a genuine link has expired, 403 when the person it names may no longer have
/// what it grants. Each with one plain sentence, since people open these links in a browser.
/// </summary>
public static class LinkAnswers
{
    public const string NotFoundText = "This link is not valid. Open WorkshopBot in Teams and ask for a new one.";
    public const string ExpiredText = "This link has expired. Open WorkshopBot in Teams and ask for a new one.";
    public const string ForbiddenText = "You can no longer download this. Ask the audit's chair.";

    public static IResult NotFound() =>
        TypedResults.Text(NotFoundText, "text/plain; charset=utf-8", statusCode: StatusCodes.Status404NotFound);

    public static IResult Expired() => TypedResults.Text(ExpiredText, "text/plain; charset=utf-8", statusCode: StatusCodes.Status410Gone);

    public static IResult Forbidden() =>
        TypedResults.Text(ForbiddenText, "text/plain; charset=utf-8", statusCode: StatusCodes.Status403Forbidden);
}
