namespace Dabir.Morphology;

/// <summary>The annotations of one token; a layer that has not run leaves its field null (written as <c>_</c>).</summary>
public struct TokenAnnotation
{
    /// <summary>Universal part of speech.</summary>
    public string? Upos { get; set; }

    /// <summary>Lemma.</summary>
    public string? Lemma { get; set; }

    /// <summary>Named-entity tag in BIO form («B-PER», «O»).</summary>
    public string? Ner { get; set; }

    /// <summary>Language-specific part of speech in the chosen treebank's tag set («N_IANM», «N_SING»).</summary>
    public string? Xpos { get; set; }
}

/// <summary>
/// A stage that annotates the tokens of one sentence: the lemmatizer fills lemmas, a tagger fills UPOS and
/// NER. Stages run in order over the same annotation array, so a later one may read what an earlier one
/// wrote. Implementations must be thread-safe.
/// </summary>
public interface ITokenAnnotator
{
    /// <summary>Fills this stage's fields of <paramref name="annotations"/> (one per token) for one sentence.</summary>
    void Annotate(IReadOnlyList<string> tokens, Span<TokenAnnotation> annotations);
}

/// <summary>Fills lemmas with a <see cref="Lemmatizer"/>.</summary>
public sealed class LemmaAnnotator(Lemmatizer lemmatizer) : ITokenAnnotator
{
    /// <summary>A lemma annotator over the embedded lexicon.</summary>
    public static LemmaAnnotator Default { get; } = new(Lemmatizer.Default);

    /// <inheritdoc />
    public void Annotate(IReadOnlyList<string> tokens, Span<TokenAnnotation> annotations)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        var lemmas = new string?[tokens.Count];
        lemmatizer.LemmatizeSentence(tokens, lemmas);
        for (int i = 0; i < tokens.Count; i++)
        {
            annotations[i].Lemma = lemmas[i] ?? tokens[i];
        }
    }
}
