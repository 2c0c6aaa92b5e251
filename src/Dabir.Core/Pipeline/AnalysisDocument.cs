namespace Dabir.Pipeline;

/// <summary>
/// One document flowing through a <see cref="DocumentPipeline"/>: the source text and the typed layers the stages
/// add to it (the repaired <see cref="Text.AlignedText"/>, the <see cref="Segmentation.SegmentedText"/>, tags,
/// entities, an article's layout, actors, events …). A layer is any class, keyed by its type; a later layer in
/// another assembly adds itself without any change to this type, as spaCy's components extend one <c>Doc</c>.
/// </summary>
/// <remarks>
/// Every span a layer reports is either in the repaired text (<see cref="Text.AlignedText.Text"/>) or, once mapped
/// with <see cref="Text.AlignedText.ToSource(Text.TextSpan)"/>, in <see cref="SourceText"/>. A document is worked on
/// by one thread at a time; the pipeline that fills it is shared by all threads.
/// </remarks>
public sealed class AnalysisDocument
{
    // A document holds a handful of layers: a short array scanned by reference beats a dictionary here.
    private (Type Key, object Value)[] _layers = new (Type, object)[8];
    private int _count;

    /// <summary>Creates a document over <paramref name="sourceText"/> with no layers.</summary>
    public AnalysisDocument(string sourceText)
    {
        ArgumentNullException.ThrowIfNull(sourceText);
        SourceText = sourceText;
    }

    /// <summary>The text every source span points into (as crawled, or as composed from a record's fields).</summary>
    public string SourceText { get; }

    /// <summary>The types of the layers present, in the order they were added.</summary>
    public IEnumerable<Type> LayerTypes
    {
        get
        {
            for (int i = 0; i < _count; i++)
            {
                yield return _layers[i].Key;
            }
        }
    }

    /// <summary>The layers present, in the order they were added.</summary>
    public IEnumerable<object> Layers
    {
        get
        {
            for (int i = 0; i < _count; i++)
            {
                yield return _layers[i].Value;
            }
        }
    }

    /// <summary>The layer of type <typeparamref name="T"/>; throws when no stage has provided it.</summary>
    /// <exception cref="InvalidOperationException">The layer is missing (the pipeline lacks the stage that provides it).</exception>
    public T Get<T>() where T : class =>
        Find<T>() ?? throw new InvalidOperationException($"The document has no {typeof(T).Name} layer: add the stage that provides it to the pipeline.");

    /// <summary>The layer of type <typeparamref name="T"/>, or null when absent.</summary>
    public T? Find<T>() where T : class
    {
        int i = IndexOf(typeof(T));
        return i < 0 ? null : (T)_layers[i].Value;
    }

    /// <summary>True when the document has a layer of type <paramref name="layerType"/>.</summary>
    public bool Has(Type layerType) => IndexOf(layerType) >= 0;

    /// <summary>Adds the layer <paramref name="layer"/> under its type <typeparamref name="T"/>, replacing one of that type.</summary>
    public void Set<T>(T layer) where T : class
    {
        ArgumentNullException.ThrowIfNull(layer);
        int i = IndexOf(typeof(T));
        if (i >= 0)
        {
            _layers[i].Value = layer;
            return;
        }
        if (_count == _layers.Length)
        {
            Array.Resize(ref _layers, 2 * _count);
        }
        _layers[_count++] = (typeof(T), layer);
    }

    private int IndexOf(Type type)
    {
        for (int i = 0; i < _count; i++)
        {
            if (ReferenceEquals(_layers[i].Key, type))
            {
                return i;
            }
        }
        return -1;
    }
}
