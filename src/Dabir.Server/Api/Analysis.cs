using Dabir.News;
using Dabir.News.Json;
using Dabir.News.Readers;
using Dabir.IO;
using Dabir.Pipeline;
using Dabir.Server.Http;

namespace Dabir.Server.Api;

/// <summary>The host's pipelines, one per level, built and warmed once (the first request never loads a model).</summary>
internal sealed class Analysis
{
    // A short article that goes through every stage: a title, a dateline with an agency, a date, a person and a country.
    private const string WarmUpText = "دیدار وزیر خارجه ایران با همتای عراقی\n\nبه گزارش خبرگزاری فارس، محمدجواد ظریف روز دوشنبه ۱۲ مهر ۱۳۹۸ در بغداد با وزیر خارجه عراق دیدار و گفت‌وگو کرد.";

    private readonly Dictionary<AnalysisLevel, DocumentPipeline> _pipelines;

    public Analysis(Func<AnalysisLevel, DocumentPipeline> pipelines)
    {
        _pipelines = Enum.GetValues<AnalysisLevel>().ToDictionary(level => level, pipelines);
    }

    /// <summary>Runs each level once on a small article: loads the models and the tables before the server listens.</summary>
    public void WarmUp()
    {
        foreach (var level in _pipelines.Keys)
        {
            Analyze(Read(BodyFormat.Text, System.Text.Encoding.UTF8.GetBytes(WarmUpText)), level, CancellationToken.None);
        }
    }

    /// <summary>Reads a request body as an article (the readers of <c>dabir analyze</c>); an unreadable or empty one is an <see cref="InputException"/>.</summary>
    public static ArticleInput Read(BodyFormat format, byte[] body)
    {
        string kind = format switch
        {
            BodyFormat.Html => "html",
            BodyFormat.Json => "json",
            _ => "text",
        };
        var input = ArticleSource.Read(new RawArticle(0, "request", null, null, kind, body));
        return input.IsEmpty ? throw new InputException(InputErrorReason.Empty, "empty article: no text to analyse") : input;
    }

    /// <summary>The article's record; the analysis stops at the next stage when <paramref name="cancellationToken"/> fires.</summary>
    public NewsDocument Analyze(ArticleInput input, AnalysisLevel level, CancellationToken cancellationToken) =>
        NewsDocument.From(_pipelines[level].Run(ArticleFields.Create(input), cancellationToken));

    /// <summary>The record as <c>dabir analyze</c> writes it.</summary>
    public static byte[] Record(NewsDocument document) => DocumentJsonWriter.ToUtf8(document, indented: false);
}
