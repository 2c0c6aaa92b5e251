using Dabir.Pipeline;
using Dabir.Segmentation;
using Dabir.Tagging;
using Dabir.Text;

namespace Dabir.Core.Tests.Pipeline;

/// <summary>The stage contract: the builder checks requirements when it builds, and a built pipeline fills one document.</summary>
public sealed class DocumentPipelineTests
{
    /// <summary>A stage of a user's own: counts the words of each sentence (what a custom layer looks like).</summary>
    private sealed class WordCountStage : IDocumentStage
    {
        public string Name => "word-count";
        public IReadOnlyList<Type> Requires { get; } = [typeof(SegmentedText)];
        public IReadOnlyList<Type> Provides { get; } = [typeof(WordCounts)];

        public void Run(AnalysisDocument document, CancellationToken cancellationToken)
        {
            var segmented = document.Get<SegmentedText>();
            document.Set(new WordCounts([.. segmented.Sentences.Select(s => segmented.FirstWord(s.EndToken) - segmented.FirstWord(s.FirstToken))]));
        }
    }

    private sealed record WordCounts(int[] PerSentence);

    [Fact]
    public void A_stage_whose_requirement_no_earlier_stage_provides_is_refused_at_build_time()
    {
        var builder = new DocumentPipelineBuilder().Add(new WordCountStage()).UseRepair().UseSegmentation();
        var error = Assert.Throws<InvalidOperationException>(() => builder.Build());
        Assert.Contains("word-count", error.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(SegmentedText), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_layer_a_stage_reads_when_present_may_not_come_from_a_later_stage()
    {
        // Segmentation keeps only the text regions when there are some; regions made after it would be missed.
        var regions = new RegionStage();
        var builder = new DocumentPipelineBuilder().UseRepair().UseSegmentation().Add(regions);
        var error = Assert.Throws<InvalidOperationException>(() => builder.Build());
        Assert.Contains(nameof(TextRegions), error.Message, StringComparison.Ordinal);
        var document = new DocumentPipelineBuilder().UseRepair().Add(regions).UseSegmentation().Build().Run("یک. دو.\nسه.");
        Assert.Equal(2, document.Get<SegmentedText>().Sentences.Count);
    }

    /// <summary>Marks the first line as the only region to analyse.</summary>
    private sealed class RegionStage : IDocumentStage
    {
        public string Name => "regions";
        public IReadOnlyList<Type> Requires { get; } = [typeof(AlignedText)];
        public IReadOnlyList<Type> Provides { get; } = [typeof(TextRegions)];

        public void Run(AnalysisDocument document, CancellationToken cancellationToken)
        {
            string text = document.Get<AlignedText>().Text;
            int end = text.IndexOf('\n', StringComparison.Ordinal);
            document.Set(new TextRegions([new TextSpan(0, end < 0 ? text.Length : end)]));
        }
    }

    [Fact]
    public void Two_stages_providing_one_layer_are_refused()
    {
        var builder = new DocumentPipelineBuilder().UseRepair().UseRepair();
        var error = Assert.Throws<InvalidOperationException>(() => builder.Build());
        Assert.Contains(nameof(AlignedText), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_declared_input_satisfies_a_requirement()
    {
        var pipeline = new DocumentPipelineBuilder().Input(typeof(SegmentedText)).Add(new WordCountStage()).Build();
        var segmented = SegmentedText.FromTokens([["یک", "دو"], ["سه"]]);
        var document = new AnalysisDocument(segmented.Text.Text);
        document.Set(segmented);
        pipeline.Run(document, TestContext.Current.CancellationToken);
        Assert.Equal([2, 1], document.Get<WordCounts>().PerSentence);
    }

    [Fact]
    public void A_custom_pipeline_fills_its_layers_and_words_keep_the_clitic()
    {
        var pipeline = new DocumentPipelineBuilder().UseRepair().UseSegmentation().UseLemmas().Add(new WordCountStage()).Build();
        Assert.True(pipeline.Provides(typeof(Lemmas)));
        Assert.False(pipeline.Provides(typeof(PosTags)));
        var document = pipeline.Run("وزیر امور خارجه کشورمان وارد تهران شد.");
        var segmented = document.Get<SegmentedText>();
        // «کشورمان» is one token and two UD words: the host «کشور» and the clitic «مان».
        int token = Enumerable.Range(0, segmented.Tokens.Count).Single(t => segmented.Form(segmented.Tokens[t]).SequenceEqual("کشورمان"));
        int host = segmented.FirstWord(token);
        Assert.Equal(host + 2, segmented.FirstWord(token + 1));
        Assert.Equal("کشور", segmented.Form(segmented.Words[host]).ToString());
        Assert.Equal("مان", segmented.Form(segmented.Words[host + 1]).ToString());
        Assert.True(segmented.Words[host + 1].IsClitic);
        Assert.Equal(segmented.Words.Count, document.Get<Lemmas>().Values.Length);
        Assert.Equal(segmented.Words.Count, document.Get<WordCounts>().PerSentence.Sum());
        Assert.Null(document.Find<PosTags>());
        var missing = Assert.Throws<InvalidOperationException>(() => document.Get<PosTags>());
        Assert.Contains(nameof(PosTags), missing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Cancellation_stops_the_pipeline_between_stages()
    {
        var pipeline = new DocumentPipelineBuilder().UseRepair().UseSegmentation().Build();
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.Throws<OperationCanceledException>(() => pipeline.Run(new AnalysisDocument("متن"), cancelled.Token));
    }

    [Fact]
    public void A_layer_set_twice_is_replaced_and_layers_keep_their_order()
    {
        var document = new AnalysisDocument("x");
        document.Set(new WordCounts([1]));
        document.Set(AlignedText.Identity("x"));
        document.Set(new WordCounts([2]));
        Assert.Equal([2], document.Get<WordCounts>().PerSentence);
        Assert.Equal([typeof(WordCounts), typeof(AlignedText)], document.LayerTypes);
    }
}
