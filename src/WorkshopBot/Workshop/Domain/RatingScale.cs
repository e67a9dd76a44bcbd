namespace WorkshopBot.Workshop.Domain;

public enum RatingScale
{
    OneToFive,
    AgreeDisagree,
}
