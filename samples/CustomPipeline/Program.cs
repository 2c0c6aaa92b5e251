// A pipeline of your own in a few lines: Dabir's repair, segmentation, taggers and entity mentions, then a stage you
// write (here: which sentences are questions). Every layer reports spans that map back to the text you passed in.
using Dabir.Models;
using Dabir.Pipeline;
using Dabir.Segmentation;
using Dabir.Tagging;
using Dabir.Text;

var pipeline = new DocumentPipelineBuilder()
    .UseRepair()            // characters, spacing, half-spaces (aligned to the source)
    .UseSegmentation()      // sentences, tokens, UD words
    .UseTaggers()           // entities, UPOS, XPOS
    .UseEntityMentions()    // BIO tags → mentions
    .Add(new QuestionStage())
    .Build();               // checks every stage's requirements; immutable and thread-safe from here on

string text = args.Length > 0 ? string.Join(' ', args) : "آیا وزیر امور خارجه كشورمان فردا به مسكو می رود؟ سرگئی لاوروف در مسکو منتظر اوست.";
var document = pipeline.Run(text);
var aligned = document.Get<AlignedText>();
var segmented = document.Get<SegmentedText>();
Console.WriteLine(aligned.Text);
foreach (var entity in document.Get<EntityMentions>().Items)
{
    var source = aligned.ToSource(entity.Span);
    Console.WriteLine($"{EntityTag.Code(entity.Label)}\t{aligned.Text[entity.Span.Start..entity.Span.End]}\tsource [{source.Start}, {source.End}): {text[source.Start..source.End]}");
}
foreach (int sentence in document.Get<Questions>().Sentences)
{
    var s = segmented.Sentences[sentence];
    var span = TextSpan.FromBounds(segmented.Tokens[s.FirstToken].Start, segmented.Tokens[s.EndToken - 1].End);
    Console.WriteLine($"question: {aligned.Text[span.Start..span.End]}");
}

/// <summary>Your layer: the indexes of the sentences that end with a question mark.</summary>
internal sealed record Questions(IReadOnlyList<int> Sentences);

/// <summary>Your stage: declares what it needs and what it adds, and reads the layers it needs.</summary>
internal sealed class QuestionStage : IDocumentStage
{
    public string Name => "questions";
    public IReadOnlyList<Type> Requires { get; } = [typeof(SegmentedText)];
    public IReadOnlyList<Type> Provides { get; } = [typeof(Questions)];

    public void Run(AnalysisDocument document, CancellationToken cancellationToken)
    {
        var segmented = document.Get<SegmentedText>();
        var questions = new List<int>();
        for (int i = 0; i < segmented.Sentences.Count; i++)
        {
            var last = segmented.Tokens[segmented.Sentences[i].EndToken - 1];
            if (segmented.Form(last) is "؟" or "?")
            {
                questions.Add(i);
            }
        }
        document.Set(new Questions(questions));
    }
}
