using System.CommandLine;
using Dabir.Cli.Commands;
using Dabir.Cli.Commands.Archive;

namespace Dabir.Cli;

internal static class Program
{
    public static int Main(string[] args)
    {
        var parse = BuildRootCommand().Parse(args);
        if (parse.Errors.Count > 0)
        {
            // What is wrong and where to look, on standard error; the full help stays behind --help.
            foreach (var error in parse.Errors)
            {
                Console.Error.WriteLine($"dabir: error: {error.Message}");
            }
            string command = parse.CommandResult.Command is RootCommand ? "dabir" : $"dabir {parse.CommandResult.Command.Name}";
            Console.Error.WriteLine($"Run '{command} --help' for usage.");
            return ExitCodes.Usage;
        }
        return parse.Invoke();
    }

    internal static RootCommand BuildRootCommand()
    {
        var root = new RootCommand("dabir — repair, segment, tag and read Persian news text.")
        {
            NormalizeCommand.Create(),
            new Command("train", "Train Dabir's models from the shared corpora.")
            {
                TrainTaggerCommand.CreatePos(),
                TrainTaggerCommand.CreateNer(),
                TrainXposCommand.Create(),
                TrainCommand.CreateZwnj(),
                TrainLemmasCommand.Create(),
                TrainActorsCommand.Create(),
            },
            EvalCommand.Create(),
            AnalyzeCommand.Create(),
            EventsCommand.Create(),
            TokenizeCommand.Create(),
            TagCommand.Create(),
            IngestCommand.Create(),
            Commands.Scale.WorkerCommand.Create(),
            SearchCommand.Create(),
            DupesCommand.Create(),
            StatsCommand.Create(),
            ExportCommand.Create(),
            ServeCommand.Create(),
        };
        return root;
    }
}
