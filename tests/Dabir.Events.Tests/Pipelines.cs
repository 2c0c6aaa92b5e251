using Dabir.Models;
using Dabir.News;
using Dabir.News.Readers;
using Dabir.Pipeline;

namespace Dabir.Events.Tests;

/// <summary>The pipelines the tests run: sentences (repair, segmentation, lemmas, actors, events) and articles (as analyze --level full).</summary>
internal static class TestPipelines
{
    public static readonly DocumentPipeline Sentences = new DocumentPipelineBuilder().UseRepair().UseSegmentation().UseLemmas().UseActors().UseEvents().Build();

    private static readonly Lazy<ArticleAnalyzer> Articles = new(() => new ArticleAnalyzer(
        new DocumentPipelineBuilder().UseArticleReading().UseSegmentation().UseTaggers().UseLemmas().UseEntityMentions().UseActors().UseEvents().Build()));

    public static NewsDocument Article(string path) => Articles.Value.Analyze(ArticleSource.Read(ArticleSource.FromPath(path).Single()));

    /// <summary>Every event of a document (core and other), as «TYPE ACTOR>R1,R2» with «!neg» and «~bg».</summary>
    public static SortedSet<string> Describe(AnalysisDocument document)
    {
        var all = (document.Find<EventMentions>()?.Items ?? []).Concat(document.Find<BackgroundEvents>()?.Items ?? []);
        var result = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var e in all)
        {
            var recipients = e.Recipients.Select(r => r.Country).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
            string text = $"{e.Type} {e.Actor.Country}>{(recipients.Length == 0 ? "-" : string.Join(',', recipients))}";
            if (e.Negated)
            {
                text += " !neg";
            }
            if (e.Tier != "core")
            {
                text += " ~bg";
            }
            result.Add(text);
        }
        return result;
    }
}
