using System.CommandLine;
using Dabir.Cli.Commands;
using Dabir.Cli.Commands.Archive;

namespace Dabir.Cli;

internal static class Program
{
    public static int Main(string[] args) => BuildRootCommand().Parse(args).Invoke();

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
            },
            EvalCommand.Create(),
            AnalyzeCommand.Create(),
            TokenizeCommand.Create(),
            TagCommand.Create(),
            IngestCommand.Create(),
            SearchCommand.Create(),
            DupesCommand.Create(),
            StatsCommand.Create(),
            ExportCommand.Create(),
        };
        return root;
    }
}
