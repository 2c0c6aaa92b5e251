using Dabir.Segmentation;
using Dabir.Text;

namespace Dabir.Tagging;

/// <summary>
/// Part-of-speech layer: per word of the document's <see cref="SegmentedText.Words"/>, its UPOS and, where the
/// convention has one, its language-specific tag (XPOS).
/// </summary>
/// <param name="Upos">UPOS per word.</param>
/// <param name="Xpos">XPOS per word («N_IANM», «N_SING»); null entries where the convention has none.</param>
/// <param name="Convention">The annotation convention the tags follow (<c>PerDT</c>, <c>Seraji</c>, …).</param>
public sealed record PosTags(UniversalPos[] Upos, string?[] Xpos, string Convention);

/// <summary>Named-entity layer: per word of the document's <see cref="SegmentedText.Words"/>, its BIO entity tag.</summary>
/// <param name="Tags">Entity tag per word.</param>
public sealed record EntityTags(EntityTag[] Tags);

/// <summary>Lemma layer: per word of the document's <see cref="SegmentedText.Words"/>, its lemma.</summary>
/// <param name="Values">Lemma per word (the word itself when nothing better is known).</param>
public sealed record Lemmas(string[] Values);

/// <summary>A named entity: a run of whole tokens inside one sentence.</summary>
/// <param name="Label">Its type.</param>
/// <param name="FirstWord">Index of its first word in <see cref="SegmentedText.Words"/>.</param>
/// <param name="WordCount">Number of words.</param>
/// <param name="FirstToken">Index of its first token in <see cref="SegmentedText.Tokens"/>.</param>
/// <param name="TokenCount">Number of tokens.</param>
/// <param name="Span">Span in the repaired text (first token's start to last token's end).</param>
/// <param name="Sentence">Index of its sentence in <see cref="SegmentedText.Sentences"/>.</param>
public readonly record struct Entity(EntityLabel Label, int FirstWord, int WordCount, int FirstToken, int TokenCount, TextSpan Span, int Sentence);

/// <summary>Entity layer: the mentions read from <see cref="EntityTags"/>, in text order, never overlapping.</summary>
/// <param name="Items">The mentions.</param>
public sealed record EntityMentions(IReadOnlyList<Entity> Items);
