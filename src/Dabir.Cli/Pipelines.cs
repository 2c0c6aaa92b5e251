using Dabir.IO;
using Dabir.Events;
using Dabir.Models;
using Dabir.News;
using Dabir.Pipeline;

namespace Dabir.Cli;

/// <summary>The pipelines the commands run: one builder, one set of stages, so the same text gives the same tokens everywhere.</summary>
internal static class Pipelines
{
    /// <summary>The values of <c>analyze --level</c>.</summary>
    public static class Levels
    {
        public const string Structure = "structure";
        public const string Tokens = "tokens";
        public const string Full = "full";
    }

    /// <summary>
    /// The article pipeline of an analysis level: <c>structure</c> is repair and article reading (the throughput path:
    /// no segmenter, no model weights); <c>tokens</c> adds sentences, tokens and UD words; <c>full</c> adds the taggers
    /// (entities, UPOS, XPOS), lemmas and entity mentions, then actors and political events (Dabir.Events);
    /// <paramref name="actorsFile"/> is a user actor dictionary that extends or overrides the shipped one.
    /// </summary>
    public static DocumentPipeline ForArticles(string level, string? actorsFile = null)
    {
        var builder = new DocumentPipelineBuilder().UseArticleReading();
        if (level is Levels.Tokens or Levels.Full)
        {
            builder.UseSegmentation();
        }
        if (level is Levels.Full)
        {
            builder.UseTaggers().UseLemmas().UseEntityMentions().UseActors(Actors(actorsFile)).UseEvents();
        }
        return builder.Build();
    }

    /// <summary>The shipped actor dictionary, extended by <paramref name="actorsFile"/> when given.</summary>
    public static ActorDictionary Actors(string? actorsFile)
    {
        if (actorsFile is null)
        {
            return ActorDictionary.Default;
        }
        try
        {
            return ActorDictionary.Default.WithUserFile(actorsFile);
        }
        catch (ActorDictionaryException e)
        {
            throw new InputException(InputErrorReason.Malformed, e.Message, innerException: e);
        }
    }

    /// <summary><c>dabir tokenize</c>: repair, segmentation, lemmas.</summary>
    public static DocumentPipeline ForText() => new DocumentPipelineBuilder().UseRepair().UseSegmentation().UseLemmas().Build();

    /// <summary><c>dabir tag</c>: the caller's tokens (a <see cref="Segmentation.SegmentedText"/> input), the taggers, lemmas.</summary>
    public static DocumentPipeline ForTokens(PosConvention convention) => new DocumentPipelineBuilder()
        .Input(typeof(Segmentation.SegmentedText))
        .UseTaggers(convention)
        .UseLemmas()
        .Build();
}
