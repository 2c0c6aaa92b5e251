using System.Buffers;
using System.Reflection;
using System.Text.Json;
using Dabir.Archive;
using Dabir.News;
using Dabir.News.Json;
using Dabir.News.Readers;

namespace Dabir.Cli.Commands.Scale;

/// <summary>An article's raw bytes → the archive's document: read, analysed at a level, its record written, prepared for a store.</summary>
internal sealed class ArchiveAnalysis(string level)
{
    private readonly ArticleAnalyzer _analyzer = new(Pipelines.ForArticles(level));

    /// <summary>What analysed it, as the archive records it.</summary>
    public string Version { get; } = $"dabir {typeof(ArchiveAnalysis).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "?"} level={level} schema={NewsDocument.SchemaId}";

    /// <exception cref="Dabir.IO.InputException">The article cannot be read.</exception>
    public ArchiveDocument Analyze(RawArticle raw)
    {
        var doc = _analyzer.Analyze(ArticleSource.Read(raw));
        var buffer = new ArrayBufferWriter<byte>(16384);
        using (var writer = new Utf8JsonWriter(buffer, DocumentJsonWriter.Options(false)))
        {
            DocumentJsonWriter.Write(writer, doc);
        }
        return ArchiveDocument.Create(doc, buffer.WrittenSpan.ToArray(), Version);
    }
}
