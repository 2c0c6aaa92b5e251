using System.Collections.Frozen;

namespace Dabir.Pipeline;

/// <summary>
/// Collects stages and freezes them into a <see cref="DocumentPipeline"/> (the builder → pipeline pattern of
/// Markdig). Assemblies add their stages with extension methods (<c>UseRepair()</c>, <c>UseSegmentation()</c>,
/// <c>UseTaggers()</c>, <c>UseArticleReading()</c> …). Not thread-safe; the pipeline it builds is.
/// </summary>
public sealed class DocumentPipelineBuilder
{
    private readonly List<IDocumentStage> _stages = [];
    private readonly List<Type> _inputs = [];

    /// <summary>The stages added so far, in order.</summary>
    public IReadOnlyList<IDocumentStage> Stages => _stages;

    /// <summary>Appends <paramref name="stage"/>.</summary>
    public DocumentPipelineBuilder Add(IDocumentStage stage)
    {
        ArgumentNullException.ThrowIfNull(stage);
        _stages.Add(stage);
        return this;
    }

    /// <summary>Declares a layer that the caller puts on each document before running the pipeline (an article's fields, given tokens).</summary>
    public DocumentPipelineBuilder Input(Type layerType)
    {
        ArgumentNullException.ThrowIfNull(layerType);
        _inputs.Add(layerType);
        return this;
    }

    /// <summary>True when a stage added so far, or a declared input, provides <paramref name="layerType"/>.</summary>
    public bool Provides(Type layerType) => _inputs.Contains(layerType) || _stages.Exists(s => s.Provides.Contains(layerType));

    /// <summary>
    /// Freezes the stages into a pipeline after checking that every stage's requirements are provided by a declared
    /// input or an earlier stage, that no layer a stage uses when present comes only from a later stage, and that no
    /// two stages provide the same layer.
    /// </summary>
    /// <exception cref="InvalidOperationException">A requirement is unmet or a layer has two providers; the message names them.</exception>
    public DocumentPipeline Build()
    {
        var available = new Dictionary<Type, string>();
        foreach (var input in _inputs)
        {
            available[input] = "input";
        }
        for (int i = 0; i < _stages.Count; i++)
        {
            var stage = _stages[i];
            foreach (var optional in stage.Uses)
            {
                if (!available.ContainsKey(optional) && _stages.Skip(i + 1).FirstOrDefault(s => s.Provides.Contains(optional)) is { } later)
                {
                    throw new InvalidOperationException($"Stage '{stage.Name}' reads the {optional.Name} layer, which stage '{later.Name}' provides only after it: add '{later.Name}' first.");
                }
            }
            foreach (var need in stage.Requires)
            {
                if (!available.ContainsKey(need))
                {
                    throw new InvalidOperationException($"Stage '{stage.Name}' requires the {need.Name} layer, which no earlier stage provides.");
                }
            }
            foreach (var provided in stage.Provides)
            {
                if (available.TryGetValue(provided, out var other))
                {
                    throw new InvalidOperationException($"Stages '{other}' and '{stage.Name}' both provide the {provided.Name} layer.");
                }
                available[provided] = stage.Name;
            }
        }
        return new DocumentPipeline([.. _stages], available.Keys.ToFrozenSet());
    }
}

/// <summary>
/// An immutable, thread-safe sequence of <see cref="IDocumentStage"/>s, built by <see cref="DocumentPipelineBuilder"/>:
/// build it once and run every document through it, on any number of threads.
/// </summary>
public sealed class DocumentPipeline
{
    private readonly IDocumentStage[] _stages;
    private readonly FrozenSet<Type> _layers;

    internal DocumentPipeline(IDocumentStage[] stages, FrozenSet<Type> layers)
    {
        _stages = stages;
        _layers = layers;
    }

    /// <summary>The stages, in the order they run.</summary>
    public IReadOnlyList<IDocumentStage> Stages => _stages;

    /// <summary>True when a document run through this pipeline has a layer of type <paramref name="layerType"/>.</summary>
    public bool Provides(Type layerType) => _layers.Contains(layerType);

    /// <summary>Runs every stage on <paramref name="document"/>, in order.</summary>
    public AnalysisDocument Run(AnalysisDocument document, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(document);
        foreach (var stage in _stages)
        {
            cancellationToken.ThrowIfCancellationRequested();
            stage.Run(document, cancellationToken);
        }
        return document;
    }

    /// <summary>Runs the pipeline on a new document over <paramref name="sourceText"/>.</summary>
    public AnalysisDocument Run(string sourceText) => Run(new AnalysisDocument(sourceText));
}
