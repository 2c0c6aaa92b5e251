using Dabir.Pipeline;
using Dabir.Text;

namespace Dabir.News;

/// <summary>
/// The input layer of an article document: the reader's <see cref="ArticleInput"/> and, for a record with fields,
/// which field each line of the composed source text came from. Made by <see cref="Create"/>, which also composes
/// the document's source text (the crawled text, or the fields laid out as title, lead and body paragraphs).
/// </summary>
public sealed class ArticleFields
{
    private ArticleFields(ArticleInput input, List<(ArticleReadingStage.Role Role, int Field)>? lineRoles)
    {
        Input = input;
        LineRoles = lineRoles;
    }

    /// <summary>The article as read.</summary>
    public ArticleInput Input { get; }

    internal List<(ArticleReadingStage.Role Role, int Field)>? LineRoles { get; }

    /// <summary>A new document for <paramref name="input"/>: its source text composed, this layer set.</summary>
    public static AnalysisDocument Create(ArticleInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var (source, lines) = ArticleReadingStage.Compose(input);
        var document = new AnalysisDocument(source);
        document.Set(new ArticleFields(input, lines));
        return document;
    }
}

/// <summary>The article-reading layer: structure, attribution, dates and numbers (every span in the source).</summary>
public sealed class ArticleLayout
{
    /// <summary>The headline, when the article has one.</summary>
    public TextField? Title { get; init; }

    /// <summary>The lead (summary paragraph), when the article has one; never repeated in <see cref="Paragraphs"/>.</summary>
    public TextField? Lead { get; init; }

    /// <summary>Body paragraphs in order, without the repeated lead, repeats and boilerplate.</summary>
    public required IReadOnlyList<TextField> Paragraphs { get; init; }

    /// <summary>Lines and paragraphs left out of the structure, each with the reason.</summary>
    public required IReadOnlyList<RemovedText> Removed { get; init; }

    /// <summary>The publishing agency or outlet credited by the article, when found.</summary>
    public AgencyMention? Agency { get; init; }

    /// <summary>The dateline place («به گزارش خبرگزاری مهر از تبریز»، «مشهد - ایرنا -»), when found.</summary>
    public TextField? Dateline { get; init; }

    /// <summary>The reporter or author when the article names one.</summary>
    public TextField? Reporter { get; init; }

    /// <summary>The publication date: from the record's field, the page's meta tags or a date line under the title.</summary>
    public DateMention? Published { get; init; }

    /// <summary>Dates written in the title, lead and body, normalized to ISO 8601.</summary>
    public required IReadOnlyList<DateMention> Dates { get; init; }

    /// <summary>Numbers written in the title, lead and body, with their values.</summary>
    public required IReadOnlyList<NumberMention> Numbers { get; init; }
}

/// <summary>The News stages as builder extensions, and the repair rules an article pipeline uses.</summary>
public static class NewsPipelineExtensions
{
    /// <summary>
    /// Adds repair with <see cref="RepairStage.DocumentOptions"/> unless the builder has a repair stage already, then
    /// the article-reading stage, and declares <see cref="ArticleFields"/> as the input
    /// (make documents with <see cref="ArticleFields.Create"/>).
    /// </summary>
    public static DocumentPipelineBuilder UseArticleReading(this DocumentPipelineBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Input(typeof(ArticleFields));
        if (!builder.Provides(typeof(AlignedText)))
        {
            builder.UseRepair();
        }
        return builder.Add(new ArticleReadingStage());
    }
}

/// <summary>
/// Runs articles through a pipeline that starts with article reading and gives the <see cref="NewsDocument"/> record
/// view of each. A convenience over <see cref="DocumentPipeline"/> for callers that want records; thread-safe.
/// </summary>
public sealed class ArticleAnalyzer
{
    /// <summary>An analyzer over <paramref name="pipeline"/> (article reading alone when null).</summary>
    /// <exception cref="ArgumentException">The pipeline does not read articles.</exception>
    public ArticleAnalyzer(DocumentPipeline? pipeline = null)
    {
        Pipeline = pipeline ?? new DocumentPipelineBuilder().UseArticleReading().Build();
        if (!Pipeline.Provides(typeof(ArticleLayout)))
        {
            throw new ArgumentException("The pipeline has no article-reading stage (UseArticleReading).", nameof(pipeline));
        }
    }

    /// <summary>The pipeline each article runs through.</summary>
    public DocumentPipeline Pipeline { get; }

    /// <summary>Runs one article through the pipeline and returns its record (use <see cref="Pipeline"/> with
    /// <see cref="ArticleFields.Create"/> for the document itself or for cancellation).</summary>
    public NewsDocument Analyze(ArticleInput input) => NewsDocument.From(Pipeline.Run(ArticleFields.Create(input)));
}
