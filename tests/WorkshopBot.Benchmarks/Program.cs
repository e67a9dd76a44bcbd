// Entry point of the benchmarks: `dotnet run -c Release --project tests/WorkshopBot.Benchmarks -- <name>`.
// Each benchmark lives in its own file and registers itself in the switch below.
var name = args.Length > 0 ? args[0] : "";
switch (name)
{
    case "briefing":
        BenchmarkDotNet.Running.BenchmarkRunner.Run<WorkshopBot.Benchmarks.BriefingComposeBenchmark>();
        return 0;
    default:
        Console.Error.WriteLine("Usage: dotnet run -c Release --project tests/WorkshopBot.Benchmarks -- <benchmark>");
        return 2;
}
