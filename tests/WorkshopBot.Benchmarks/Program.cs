// Entry point of the benchmarks: `dotnet run -c Release --project tests/WorkshopBot.Benchmarks -- <name>`.
// Each benchmark lives in its own file and registers itself in the switch below.
var name = args.Length > 0 ? args[0] : "";
switch (name)
{
    // Open-loop vote ladder over HTTP with raw-SQLite and null-endpoint anchors; add --postgres for PostgreSQL.
    case "votes":
        return await WorkshopBot.Benchmarks.VotesBenchmark.RunAsync(args[1..]);

    // The bot under load, in a process of its own (started by "votes").
    case WorkshopBot.Benchmarks.VoteBotProcess.ChildCommand:
        return await WorkshopBot.Benchmarks.VoteBotProcess.RunChildAsync();

    // The answer to one vote on a 10- or 40-idea board, step by step (rank, build, serialise, wrap; and packing).
    case "ballot":
        BenchmarkDotNet.Running.BenchmarkRunner.Run<WorkshopBot.Benchmarks.BallotBenchmark>(args: args[1..]);
        return 0;

    case "briefing":
        BenchmarkDotNet.Running.BenchmarkRunner.Run<WorkshopBot.Benchmarks.BriefingComposeBenchmark>();
        return 0;

    // LiteDB 5 against SQLite on the vote path, the document store and kill -9 durability.
    case "litedb":
        return await WorkshopBot.Benchmarks.LiteDbComparison.RunAsync(args[1..]);

    case WorkshopBot.Benchmarks.LiteDbDurability.ChildCommand:
        return WorkshopBot.Benchmarks.LiteDbDurability.Child(args[1], args[2]);

    // The cross-audit tab for five years of a partnership (60 audits x 15 cases x 12 agencies, 600 actions).
    case "tab":
        return await WorkshopBot.Benchmarks.TabBenchmark.RunAsync(args[1..]);

    default:
        Console.Error.WriteLine("Usage: dotnet run -c Release --project tests/WorkshopBot.Benchmarks -- <benchmark>");
        Console.Error.WriteLine(
            "Benchmarks: ballot; briefing; votes [--postgres [--pg-no-fsync] [--pg-statements] [--pg-glibc-defaults]]"
            + " [--participants N] [--dots N]"
            + " [--rates 250,500,...] [--seconds N] [--redeliver-percent N]");
        Console.Error.WriteLine(
            "            votes --burst [--postgres [--pg-statements] [--pg-glibc-defaults]] [--participants 10000] [--dots 5]"
            + " [--seconds 10]");
        Console.Error.WriteLine("            tab [rounds]");
        Console.Error.WriteLine("            litedb [--votes N] [--documents N] [--rounds N] [--threads N]");
        return 2;
}
