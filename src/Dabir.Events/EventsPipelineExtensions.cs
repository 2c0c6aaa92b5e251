using Dabir.Pipeline;

namespace Dabir.Events;

/// <summary>Adds the actor and event stages to a document pipeline (after segmentation; lemmas, tags, entity mentions and the article layout are used when present).</summary>
public static class EventsPipelineExtensions
{
    /// <summary>Adds the <see cref="ActorStage"/> over <paramref name="dictionary"/> (the shipped one when null).</summary>
    public static DocumentPipelineBuilder UseActors(this DocumentPipelineBuilder builder, ActorDictionary? dictionary = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Add(new ActorStage(dictionary));
    }

    /// <summary>Adds the <see cref="EventStage"/> (adds the actor stage first when the builder has none).</summary>
    public static DocumentPipelineBuilder UseEvents(this DocumentPipelineBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (!builder.Provides(typeof(ActorMentions)))
        {
            builder.UseActors();
        }
        return builder.Add(new EventStage());
    }
}
