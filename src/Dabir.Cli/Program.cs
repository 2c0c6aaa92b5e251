using System.CommandLine;
using Dabir.Cli.Commands;

namespace Dabir.Cli;

internal static class Program
{
    public static int Main(string[] args) => BuildRootCommand().Parse(args).Invoke();

    internal static RootCommand BuildRootCommand()
    {
        var root = new RootCommand("dabir — repair, segment, tag and read Persian news text.")
        {
            NormalizeCommand.Create(),
            // No `train` parent exists on main yet: create it here; the ZWNJ trainer can join it as a subcommand.
            new Command("train", "Train Dabir's models from the shared corpora.")
            {
                TrainTaggerCommand.CreatePos(),
                TrainTaggerCommand.CreateNer(),
            },
            EvalCommand.Create(),
            AnalyzeCommand.Create(),
        };
        return root;
    }
}
