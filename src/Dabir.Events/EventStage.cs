using Dabir.Pipeline;
using Dabir.Segmentation;
using Dabir.Tagging;
using Dabir.Text;

namespace Dabir.Events;

/// <summary>
/// Events: provides <see cref="EventMentions"/> (core) and <see cref="BackgroundEvents"/>. Predicates from the lexicon are
/// matched on folded forms and lemmas; the actor is the sentence's subject (the first actor not governed by a preposition
/// nor marked by «را»), the speaker of a quotation, the author of «این نامه» for an agentless passive, or the previous
/// subject (Persian drops subject pronouns); recipients are found by the predicate's argument markers. Negation, future,
/// hypotheticals and the past perfect adjust the type and tier; one event per (actor, type, recipients) per article.
/// Immutable and thread-safe.
/// </summary>
public sealed class EventStage : IDocumentStage
{
    private readonly PredicateLexicon _lexicon;
    private readonly int _from, _with, _to, _ra, _in, _and, _by, _side, _letter1, _letter2, _letter3, _letter4, _message1, _message2,
        _message3, _this, _if, _if2, _was, _want, _become, _become2, _plan, _intent, _has, _have, _is, _before, _earlier, _earlier2, _past,
        _year, _attrib, _quoteFrom, _while, _that, _meeting, _talk, _talk2, _call, _statement, _session;
    private readonly HashSet<int> _relational, _clauseStarts, _lightDo;

    // Nouns between a preposition and its actor: «از مواضع X», «از سوی X», «به سران X».
    private static readonly string[] RelationalNouns = ["مواضع", "موضع", "اقدام", "اقدامات", "تلاش", "تلاش‌های", "سخنان", "اظهارات", "سوی", "طرف", "جانب", "کشورهای", "سران", "رهبران", "نمایندگان", "مقامات", "مرز", "مرزهای", "سیاست", "سیاست‌های", "سفارت", "یک"];

    // Words after which an actor can still be a subject (not a noun's complement).
    private static readonly string[] ClauseStartWords = ["و", "که", "نیز", "هم", "همچنین", "امروز", "دیروز", "روز", "صبح", "عصر", "شب", "اخیرا", "سپس", "بار", "دیگر", "رسما", "اگر", "چنانچه", "هرچند", "تا", "چون", "زیرا", "اما", "ولی"];

    private static readonly string[] LightDo = ["کرد", "نمود"];

    /// <summary>Creates the stage over the shipped predicate lexicon.</summary>
    public EventStage() : this(PredicateLexicon.Default) { }

    internal EventStage(PredicateLexicon lexicon)
    {
        _lexicon = lexicon;
        int W(string w) => lexicon.Word(w);
        (_from, _with, _to, _ra, _in, _and, _by, _side) = (W("از"), W("با"), W("به"), W("را"), W("در"), W("و"), W("توسط"), W("سوی"));
        (_letter1, _letter2, _letter3, _letter4) = (W("نامه"), W("نامه‌ای"), W("نامه‌های"), W("نامه‌ها"));
        (_message1, _message2, _message3, _this) = (W("پیام"), W("پیامی"), W("پیام‌های"), W("این"));
        (_if, _if2, _was, _want, _become, _become2) = (W("اگر"), W("چنانچه"), W("بود"), W("خواست"), W("شد"), lexicon.Word("گردید"));
        (_plan, _intent, _has, _have, _is) = (W("قرار"), W("قصد"), W("دارد"), W("دارند"), W("است"));
        (_before, _earlier, _earlier2, _past, _year) = (W("پیش"), W("قبلا"), W("پیشتر"), W("گذشته"), W("سال"));
        (_attrib, _quoteFrom, _while, _that) = (W("گزارش"), W("نقل"), W("ضمن"), W("که"));
        (_meeting, _talk, _talk2, _call, _statement, _session) = (W("دیدار"), W("گفتگو"), W("گفت‌وگو"), W("تماس"), W("بیانیه"), W("نشست"));
        _relational = [.. RelationalNouns.Select(W).Where(i => i >= 0)];
        _clauseStarts = [.. ClauseStartWords.Select(W).Where(i => i >= 0)];
        _lightDo = [.. LightDo.Select(W).Where(i => i >= 0)];
    }

    /// <inheritdoc />
    public string Name => "events";

    /// <inheritdoc />
    public IReadOnlyList<Type> Requires { get; } = [typeof(SegmentedText), typeof(ActorMentions)];

    /// <inheritdoc />
    public IReadOnlyList<Type> Provides { get; } = [typeof(EventMentions), typeof(BackgroundEvents)];

    /// <inheritdoc />
    public IReadOnlyList<Type> Uses { get; } = [typeof(Lemmas), typeof(PosTags)];

    /// <inheritdoc />
    public void Run(AnalysisDocument document, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        var segmented = document.Get<SegmentedText>();
        var actors = document.Get<ActorMentions>().Items;
        var lemmas = document.Find<Lemmas>()?.Values;
        var tags = document.Find<PosTags>()?.Upos;
        var words = segmented.Words;
        var formIds = new int[words.Count];
        var lemmaIds = new int[words.Count];
        Span<char> buffer = stackalloc char[128];
        for (int w = 0; w < words.Count; w++)
        {
            formIds[w] = IdOf(segmented.Form(words[w]), buffer);
            lemmaIds[w] = lemmas is null ? formIds[w] : IdOf(lemmas[w], buffer);
        }
        var run = new DocumentRun(this, segmented, formIds, lemmaIds, lemmas, tags, actors);
        for (int s = 0; s < segmented.Sentences.Count; s++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            run.Sentence(s);
        }
        document.Set(new EventMentions([.. run.Events.Where(IsScored)]));
        document.Set(new BackgroundEvents([.. run.Events.Where(e => !IsScored(e))]));
    }

    /// <summary>
    /// What <c>events</c> lists: core events with a recipient, and the types PLOVER codes without one (protests,
    /// mobilizations). A dyadic act whose recipient was not identified is not dropped: it goes to the other section.
    /// </summary>
    private static bool IsScored(PoliticalEvent e) => e.Tier == "core" && (e.Recipients.Count > 0 || e.Type is "PROTEST" or "MOBILIZE");

    private int IdOf(ReadOnlySpan<char> text, Span<char> buffer)
    {
        if (text.Length > buffer.Length)
        {
            return -1;
        }
        int n = Fold.Append(text, buffer);
        return n <= 0 ? -1 : _lexicon.Id(buffer[..n]);
    }

    /// <summary>An argument: an actor mention with its appositions, or a list of them, and how the sentence marks it.</summary>
    private sealed class Group
    {
        public readonly List<ActorMention> Members = [];
        public int First;
        public int End;
        public int Marker = -1;
        public bool Agent;
        public bool IsObject;
        public bool Genitive;
        public Group? ConjunctOf;
    }

    private readonly record struct Match(Predicate Predicate, int First, int End, int Verb, int[] Positions, bool Passive);

    /// <summary>One document's pass: the discourse (last subject, last letter) and the events found so far.</summary>
    private sealed class DocumentRun(EventStage stage, SegmentedText segmented, int[] formIds, int[] lemmaIds, string[]? lemmas, UniversalPos[]? tags, IReadOnlyList<ActorMention> actors)
    {
        private int _nextActor;
        private ActorMention? _lastSubject;
        private (ActorMention Actor, List<ActorMention> Recipients)? _lastLetter;
        private (ActorMention Actor, List<ActorMention> Recipients, int Sentence)? _lastMeeting;

        public List<PoliticalEvent> Events { get; } = [];

        public void Sentence(int s)
        {
            var sentence = segmented.Sentences[s];
            int first = segmented.FirstWord(sentence.FirstToken), end = segmented.FirstWord(sentence.EndToken);
            while (_nextActor < actors.Count && actors[_nextActor].Sentence < s)
            {
                _nextActor++;
            }
            var mentions = new List<ActorMention>();
            for (int i = _nextActor; i < actors.Count && actors[i].Sentence == s; i++)
            {
                mentions.Add(actors[i]);
            }
            var groups = Groups(mentions, first, end);
            int colon = -1;
            for (int w = first; w < end; w++)
            {
                if (segmented.Form(segmented.Words[w]) is ":")
                {
                    colon = w;
                    break;
                }
            }
            string? attribution = mentions.Find(m => m.IsAttribution)?.Name;
            bool thisLetter = Has(first, end, stage._this, stage._letter1) || Has(first, end, stage._this, stage._message1);
            var letterAddressees = LetterAddressees(groups, first);
            ActorMention? speaker = null;
            ActorMention? sentenceSubject = null;
            var consumed = new bool[end - first];
            for (int w = first; w < end; w++)
            {
                if (consumed[w - first])
                {
                    continue;
                }
                var match = TryMatch(w, first, end, consumed);
                if (match is not { } m)
                {
                    continue;
                }
                foreach (int p in m.Positions)
                {
                    consumed[p - first] = true;
                }
                int clauseStart = colon >= 0 && m.First > colon ? colon + 1 : first;
                // A passive clause's nominative is its patient: the agent comes from «توسط X» / «از سوی X» or the discourse.
                var subjectGroup = m.Passive ? null : CoordinatedSubject(groups, clauseStart, m.First) ?? EmbeddedSubject(groups, clauseStart, m.First) ?? Subject(groups, clauseStart, m.First);
                ActorMention? actor = subjectGroup is null ? null : Representative(subjectGroup);
                bool explicitSubject = actor is not null;
                if (m.Predicate.Has(PredicateFlags.Speech))
                {
                    if (actor is not null && colon >= 0 && m.End <= colon + 1)
                    {
                        speaker = actor;
                    }
                    else if (actor is null && colon >= 0 && m.End <= colon + 1)
                    {
                        speaker = _lastSubject;
                    }
                    sentenceSubject ??= actor;
                    continue;
                }
                // A speaker, a letter's author or an earlier subject can perform a verbal act, not a material one.
                bool verbal = CameoTable.Quad(m.Predicate.Type.Length > 0 ? m.Predicate.Type : CameoTable.Find(m.Predicate.Cameo)?.Type ?? "") is 1 or 3;
                if (actor is null && m.Passive)
                {
                    var agent = groups.Find(g => g.Agent);
                    actor = agent is not null ? Representative(agent) : thisLetter && verbal ? _lastLetter?.Actor : null;
                }
                else if (actor is null && verbal)
                {
                    if (colon >= 0 && m.First > colon && speaker is not null)
                    {
                        actor = speaker;
                    }
                    else if (thisLetter && _lastLetter is { } letter)
                    {
                        actor = letter.Actor;
                    }
                    else if (!m.Predicate.Has(PredicateFlags.Weak))
                    {
                        actor = sentenceSubject;
                    }
                }
                if (actor is null || actor.Country.Length == 0)
                {
                    continue;
                }
                var recipients = Recipients(m, groups, subjectGroup, clauseStart, end, letterAddressees, thisLetter);
                for (int r = 0; r < recipients.Count; r++)
                {
                    if (recipients[r].Country.Length == 0 && recipients[r].IsDomestic)
                    {
                        recipients[r] = recipients[r].InCountryOf(actor);
                    }
                }
                if (m.Predicate.Has(PredicateFlags.Swap))
                {
                    // «X از Y استقبال کرد»: the host X receives the visitor Y, who is PLOVER's actor (CAMEO 042/043).
                    if (recipients.Count == 0)
                    {
                        continue;
                    }
                    (actor, recipients) = (recipients[0], [actor]);
                }
                recipients.RemoveAll(r => r.Country.Length == 0 || r.ActorId == actor.ActorId && r.Sector == actor.Sector);
                if (recipients.Count == 0 && verbal)
                {
                    recipients = ImplicitRecipients(m, actor, s, first, end);
                }
                if (m.Predicate.Has(PredicateFlags.NeedsRecipient) && recipients.Count == 0)
                {
                    continue;
                }
                if (explicitSubject)
                {
                    sentenceSubject ??= actor;
                }
                var ev = Code(m, actor, recipients, s, first, end, attribution, explicitSubject);
                if (ev is not null)
                {
                    Add(ev);
                }
            }
            var subjectNow = sentenceSubject ?? (Subject(groups, first, end) is { } g0 ? Representative(g0) : null);
            if (subjectNow is not null && subjectNow.Country.Length > 0)
            {
                _lastSubject = subjectNow;
            }
            if (letterAddressees.Count > 0 && (subjectNow ?? _lastSubject) is { } author)
            {
                _lastLetter = (author, letterAddressees);
            }
        }

        /// <summary>
        /// The addressee of a verbal act the sentence leaves implicit, from the discourse: a denial of «این خبر/گزارش/ادعا»
        /// answers the medium that reported it; a request, praise or offer made in a meeting reported just before is
        /// addressed to the other side of that meeting.
        /// </summary>
        private List<ActorMention> ImplicitRecipients(Match m, ActorMention actor, int s, int first, int end)
        {
            string type = m.Predicate.Type.Length > 0 ? m.Predicate.Type : CameoTable.Find(m.Predicate.Cameo)?.Type ?? "";
            if (type == "REJECT" && MentionsReport(first, end))
            {
                int at = segmented.Words[m.First].Start;
                var words = segmented.Words;
                for (int i = actors.Count - 1; i >= 0; i--)
                {
                    var a = actors[i];
                    if (a.Sentence <= s && words[a.FirstWord].Start < at && a.Sector == "JRN" && a.Country.Length > 0 && !a.IsAttribution && a.Resolution != "publisher")
                    {
                        return [a];
                    }
                }
            }
            if (type is "REJECT" or "AGREE")
            {
                // «او به این خواسته پاسخ منفی داد»: an answer goes to whoever just asked this actor.
                var request = Events.FindLast(e => e.Type == "REQUEST" && s - e.Sentence <= 3 && e.Recipients.Any(r => SameActor(r, actor)));
                if (request is not null && !SameActor(request.Actor, actor))
                {
                    return [request.Actor];
                }
            }
            if (_lastMeeting is { } meeting && s - meeting.Sentence <= 4 && type != "CONSULT")
            {
                if (SameActor(actor, meeting.Actor))
                {
                    return [.. meeting.Recipients];
                }
                if (meeting.Recipients.Count == 1 && SameActor(actor, meeting.Recipients[0]))
                {
                    return [meeting.Actor];
                }
            }
            return [];
        }

        private bool MentionsReport(int first, int end)
        {
            for (int w = first; w < end; w++)
            {
                if (Fold.Word(segmented.Form(segmented.Words[w])) is "خبر" or "اخبار" or "گزارش" or "گزارشها" or "ادعا" or "ادعای" or "ادعاها" or "ادعاهای" or "شایعه" or "شایعات")
                {
                    return true;
                }
            }
            return false;
        }

        private bool Has(int first, int end, int a, int b)
        {
            for (int w = first; w + 1 < end; w++)
            {
                if (formIds[w] == a && formIds[w + 1] == b && a >= 0)
                {
                    return true;
                }
            }
            return false;
        }

        private Match? TryMatch(int w, int first, int end, bool[] consumed)
        {
            var lexicon = stage._lexicon;
            var candidates = new List<Predicate[]>(2);
            if (formIds[w] >= 0 && lexicon.ByForm.TryGetValue(formIds[w], out var byForm))
            {
                candidates.Add(byForm);
            }
            if (lemmaIds[w] >= 0 && lexicon.ByLemma.TryGetValue(lemmaIds[w], out var byLemma))
            {
                candidates.Add(byLemma);
            }
            Match? best = null;
            int bestSize = 0;
            var positions = new List<int>(6);
            foreach (var list in candidates)
            {
                foreach (var p in list)
                {
                    positions.Clear();
                    bool passive = false;
                    if (MatchFrom(p.Elements, 0, w, end, first, consumed, positions, ref passive))
                    {
                        int size = p.Elements.Count(e => !e.IsGap);
                        if (size > bestSize)
                        {
                            var last = p.Elements[^1];
                            int verb = last.OnLemma ? positions[^1] : -1;
                            if (verb >= 0 && p.Has(PredicateFlags.PastForm) && !ShowsPastStem(verb))
                            {
                                continue;
                            }
                            if (verb >= 0 && IsInfinitive(verb))
                            {
                                continue;
                            }
                            if (verb >= 0 && !passive && verb + 1 < end && IsParticiple(verb) && (lemmaIds[verb + 1] == stage._become || lemmaIds[verb + 1] == stage._become2 && stage._become2 >= 0))
                            {
                                passive = true;
                            }
                            best = new Match(p, positions[0], positions[^1] + 1, verb, [.. positions], passive);
                            bestSize = size;
                        }
                    }
                }
            }
            return best;
        }

        private bool MatchFrom(PatternElement[] elements, int e, int w, int end, int first, bool[] consumed, List<int> positions, ref bool passive)
        {
            if (e == elements.Length)
            {
                return true;
            }
            var element = elements[e];
            if (element.IsGap)
            {
                for (int skip = 0; skip <= PredicateLexicon.MaxGap && w + skip < end; skip++)
                {
                    int mark = positions.Count;
                    bool p = passive;
                    if (MatchFrom(elements, e + 1, w + skip, end, first, consumed, positions, ref p))
                    {
                        passive = p;
                        return true;
                    }
                    positions.RemoveRange(mark, positions.Count - mark);
                }
                return false;
            }
            // Clitic words belong to their host: a pattern never stops on one.
            while (w < end && segmented.Words[w].IsClitic)
            {
                w++;
            }
            if (w >= end || consumed[w - first])
            {
                return false;
            }
            if (element.OnLemma && e > 0 && w + 1 < end && lemmaIds[w] == stage._want && stage._want >= 0
                && segmented.Form(segmented.Words[w]) is var aux && (aux.StartsWith("خواه", StringComparison.Ordinal) || aux.StartsWith("نخواه", StringComparison.Ordinal)))
            {
                // «سفر خواهد کرد»: the future auxiliary stands between the noun and its light verb.
                w++;
            }
            int id = element.OnLemma ? lemmaIds[w] : formIds[w];
            bool hit = id >= 0 && Array.IndexOf(element.Ids, id) >= 0;
            if (!hit && element.OnLemma && e == elements.Length - 1 && e > 0
                && (lemmaIds[w] == stage._become || lemmaIds[w] == stage._become2 && stage._become2 >= 0)
                && element.Ids.Any(stage._lightDo.Contains))
            {
                // «محکوم شد» is the passive of «محکوم کرد».
                hit = true;
                passive = true;
            }
            if (!hit)
            {
                return false;
            }
            positions.Add(w);
            return MatchFrom(elements, e + 1, w + 1, end, first, consumed, positions, ref passive);
        }

        private bool ShowsPastStem(int w)
        {
            if (lemmas is null)
            {
                return true;
            }
            string form = Fold.Word(segmented.Form(segmented.Words[w]));
            string lemma = Fold.Key(lemmas[w]);
            return form.Contains(lemma, StringComparison.Ordinal);
        }

        private bool IsInfinitive(int w)
        {
            if (lemmas is null)
            {
                return false;
            }
            var form = segmented.Form(segmented.Words[w]);
            string lemma = lemmas[w];
            return form.Length == lemma.Length + 1 && form[^1] == 'ن' && form.StartsWith(lemma, StringComparison.Ordinal);
        }

        private bool IsParticiple(int w)
        {
            var form = segmented.Form(segmented.Words[w]);
            return form.Length > 1 && form[^1] == 'ه';
        }

        private List<Group> Groups(List<ActorMention> mentions, int first, int end)
        {
            var groups = new List<Group>();
            var byMention = new Dictionary<ActorMention, Group>(ReferenceEqualityComparer.Instance);
            foreach (var m in mentions)
            {
                if (m.IsLocation || m.IsAttribution || m.IsVague)
                {
                    continue;
                }
                if (m.Head >= 0 && byMention.TryGetValue(actors[m.Head], out var head))
                {
                    head.Members.Add(m);
                    head.End = Math.Max(head.End, m.EndWord);
                    byMention[m] = head;
                    continue;
                }
                var g = new Group { First = m.FirstWord, End = m.EndWord };
                g.Members.Add(m);
                byMention[m] = g;
                groups.Add(g);
            }
            // Lists: «به X، Y و Z» share the marker of their first member.
            var merged = new List<Group>();
            foreach (var g in groups)
            {
                if (merged.Count > 0 && IsListGap(merged[^1].End, g.First))
                {
                    var last = merged[^1];
                    last.Members.AddRange(g.Members);
                    last.End = g.End;
                    continue;
                }
                merged.Add(g);
            }
            Group? previous = null;
            foreach (var g in merged)
            {
                Mark(g, first, end);
                // «به عربستان، امارات عربی متحده و کویت»: a conjunct far from its list still shares its marker.
                if (previous is not null && g.First - previous.End <= 5 && g.First - 1 >= first
                    && (formIds[g.First - 1] == stage._and && stage._and >= 0 || segmented.Form(segmented.Words[g.First - 1]) is "،" or ",")
                    && !EndsClause(previous.End, g.First - 1))
                {
                    g.Marker = previous.Marker;
                    g.ConjunctOf = previous.ConjunctOf ?? previous;
                    g.Agent = previous.Agent;
                    g.Genitive = previous.Genitive;
                    g.IsObject |= previous.IsObject;
                }
                previous = g;
            }
            return merged;
        }

        /// <summary>A verb, «را» or «که» between two mentions: «… تحریم‌ها را رفع کند و او …» joins clauses, not list members.</summary>
        private bool EndsClause(int from, int to)
        {
            for (int w = from; w < to; w++)
            {
                int id = formIds[w];
                if (id >= 0 && (id == stage._ra || id == stage._that) || tags is not null && tags[w] is UniversalPos.VERB or UniversalPos.AUX)
                {
                    return true;
                }
            }
            return false;
        }

        private bool IsListGap(int from, int to)
        {
            if (to - from < 1 || to - from > 2)
            {
                return false;
            }
            for (int w = from; w < to; w++)
            {
                var f = segmented.Form(segmented.Words[w]);
                if (!(f is "،" or "," || formIds[w] == stage._and && stage._and >= 0))
                {
                    return false;
                }
            }
            return true;
        }

        private void Mark(Group g, int first, int end)
        {
            int w = g.First - 1;
            int skipped = 0;
            while (w >= first && skipped < 2 && formIds[w] >= 0 && stage._relational.Contains(formIds[w]))
            {
                if (formIds[w] == stage._side && w - 1 >= first && formIds[w - 1] == stage._from)
                {
                    // «از سوی X» is an agent (of a passive), not a recipient marker: inside an object phrase it names
                    // whoever imposed or said the thing rejected, which «توسط» marks more reliably.
                    g.Agent = true;
                    return;
                }
                w--;
                skipped++;
            }
            if (skipped == 0 && tags is not null)
            {
                // «با استرداد X مخالفت کرد», «از سیاست‌های X انتقاد کرد»: the actor possesses the preposition's object
                // (one or two nouns), and the preposition marks it as it would the object.
                int v = w;
                while (v >= first && g.First - 1 - v < 2 && tags[v] == UniversalPos.NOUN && !(formIds[v] >= 0 && IsPreposition(formIds[v])))
                {
                    v--;
                }
                if (v < w && v >= first && formIds[v] >= 0 && IsPreposition(formIds[v]) && formIds[v] != stage._in)
                {
                    w = v;
                }
            }
            if (w >= first)
            {
                int id = formIds[w];
                if (id == stage._by && id >= 0)
                {
                    g.Agent = true;
                    g.Marker = id;
                }
                else if (id >= 0 && IsPreposition(id))
                {
                    g.Marker = id;
                }
                else if (skipped == 0 && IsLetterWord(w) && !(id >= 0 && stage._clauseStarts.Contains(id)))
                {
                    // «جنایات رژیم صهیونیستی»: an actor right after a noun is its complement, not a subject.
                    g.Genitive = tags is null || tags[w] is UniversalPos.NOUN or UniversalPos.ADJ or UniversalPos.PROPN or UniversalPos.NUM;
                }
            }
            int after = g.End;
            while (after < end && segmented.Words[after].IsClitic)
            {
                after++;
            }
            g.IsObject = after < end && formIds[after] == stage._ra && stage._ra >= 0;
        }

        private bool IsPreposition(int id) => id == stage._from || id == stage._with || id == stage._to || id == stage._in
            || stage._lexicon.Word("علیه") == id || stage._lexicon.Word("مقابل") == id || stage._lexicon.Word("برای") == id || stage._lexicon.Word("میان") == id || stage._lexicon.Word("بین") == id;

        private bool IsLetterWord(int w)
        {
            var f = segmented.Form(segmented.Words[w]);
            return f.Length > 0 && char.IsLetter(f[0]);
        }

        /// <summary>
        /// The subject of a complement clause: «X مدعی شد که Y از او خواسته» — the first free actor after the last «که»
        /// before the trigger. A relative clause («کامرون که خواستار … است») has none, and the main subject stands.
        /// </summary>
        private Group? EmbeddedSubject(List<Group> groups, int from, int to)
        {
            for (int w = to - 1; w > from; w--)
            {
                if (formIds[w] == stage._that && stage._that >= 0)
                {
                    return Subject(groups, w + 1, to);
                }
            }
            return null;
        }

        /// <summary>«… و او به این خواسته پاسخ منفی داد»: a clause joined by «و» with its own subject right after the conjunction.</summary>
        private Group? CoordinatedSubject(List<Group> groups, int from, int to)
        {
            for (int w = to - 1; w > from; w--)
            {
                if (formIds[w] == stage._and && stage._and >= 0)
                {
                    var g = groups.Find(x => x.First == w + 1);
                    return g is not null && g.ConjunctOf is null && g.End <= to && g.Marker < 0 && !g.Agent && !g.IsObject && !g.Genitive
                        && !groups.Exists(x => x.First < w && x.End > w) ? g : null;
                }
                if (formIds[w] == stage._that && stage._that >= 0)
                {
                    return null;
                }
            }
            return null;
        }

        private static Group? Subject(List<Group> groups, int from, int to)
        {
            foreach (var g in groups)
            {
                if (g.First >= from && g.End <= to && g.Marker < 0 && !g.Agent && !g.IsObject && !g.Genitive)
                {
                    return g;
                }
            }
            return null;
        }

        private static ActorMention Representative(Group g)
        {
            // The best-resolved member of the first apposition cluster: a person or role with a country.
            ActorMention? best = null;
            foreach (var m in g.Members)
            {
                if (best is not null && m.Head < 0 && !ReferenceEquals(m, g.Members[0]))
                {
                    break;
                }
                if (m.Country.Length > 0 && (best is null || m.Confidence > best.Confidence))
                {
                    best = m;
                }
            }
            return best ?? g.Members[0];
        }

        /// <summary>Each list member's representative (appositions collapse to one).</summary>
        private static List<ActorMention> Members(Group g)
        {
            var result = new List<ActorMention>();
            ActorMention? current = null;
            foreach (var m in g.Members)
            {
                if (m.Head < 0 || current is null)
                {
                    if (current is not null)
                    {
                        result.Add(current);
                    }
                    current = m;
                }
                else if (current.Country.Length == 0 || m.Country.Length > 0 && m.Confidence > current.Confidence)
                {
                    current = m;
                }
            }
            if (current is not null)
            {
                result.Add(current);
            }
            return result;
        }

        private List<ActorMention> LetterAddressees(List<Group> groups, int first)
        {
            foreach (var g in groups)
            {
                if (g.Marker != stage._to)
                {
                    continue;
                }
                // «نامه‌ای به X», «نامه‌های جداگانه به X»: a letter word up to two words before «به».
                for (int w = g.First - 2; w >= Math.Max(first, g.First - 4); w--)
                {
                    int id = formIds[w];
                    if (id >= 0 && (id == stage._letter1 || id == stage._letter2 || id == stage._letter3 || id == stage._letter4
                        || id == stage._message1 || id == stage._message2 || id == stage._message3))
                    {
                        return Members(g);
                    }
                }
            }
            return [];
        }

        private List<ActorMention> Recipients(Match m, List<Group> groups, Group? subject, int clauseStart, int end, List<ActorMention> letter, bool thisLetter)
        {
            foreach (var rule in m.Predicate.Recipients)
            {
                var found = new List<ActorMention>();
                switch (rule.Kind)
                {
                    case ArgumentMarker.Preposition:
                        var before = groups.Find(g => g != subject && g.Marker == rule.Word && g.First >= clauseStart && g.First < m.End);
                        if (before is not null)
                        {
                            found.AddRange(Members(before));
                            foreach (var conjunct in groups)
                            {
                                if (conjunct.ConjunctOf == before)
                                {
                                    found.AddRange(Members(conjunct));
                                }
                            }
                        }
                        else
                        {
                            int window = m.Predicate.Has(PredicateFlags.Nominal) ? 12 : 6;
                            var next = groups.Find(g => g != subject && g.Marker == rule.Word && g.First >= m.End && g.First < m.End + window);
                            if (next is not null)
                            {
                                found.AddRange(Members(next));
                            }
                        }
                        break;
                    case ArgumentMarker.Object:
                        foreach (var g in groups)
                        {
                            // «حمله به ایران را»: an actor behind a preposition inside the object phrase is not the object; a possessor is («زندانیان X را»).
                            if (g != subject && g.IsObject && g.Marker < 0 && g.First >= clauseStart && g.First < m.End)
                            {
                                found.AddRange(Members(g));
                            }
                        }
                        break;
                    case ArgumentMarker.Genitive:
                    {
                        int anchor = m.Predicate.Has(PredicateFlags.Nominal) ? m.End - 1 : m.First;
                        var g = groups.Find(x => x != subject && x.First > anchor && x.First <= anchor + 4);
                        if (g is not null)
                        {
                            found.AddRange(Members(g));
                        }
                        break;
                    }
                    case ArgumentMarker.After:
                    {
                        var g = groups.Find(x => x != subject && x.First >= m.End && x.First < m.End + 4);
                        if (g is not null)
                        {
                            found.AddRange(Members(g));
                        }
                        break;
                    }
                    case ArgumentMarker.Letter:
                        if (letter.Count > 0)
                        {
                            found.AddRange(letter);
                        }
                        else if (thisLetter && _lastLetter is { } last)
                        {
                            found.AddRange(last.Recipients);
                        }
                        break;
                }
                found.RemoveAll(r => r.Country.Length == 0 && !r.IsDomestic);
                if (found.Count > 0)
                {
                    return found;
                }
            }
            return [];
        }

        private PoliticalEvent? Code(Match m, ActorMention actor, List<ActorMention> recipients, int s, int first, int end, string? attribution, bool explicitSubject)
        {
            var p = m.Predicate;
            string cameo = p.Cameo;
            var code = CameoTable.Find(cameo);
            string type = p.Type.Length > 0 ? p.Type : code?.Type ?? "";
            string mode = p.Mode.Length > 0 ? p.Mode : code?.Mode ?? "";
            if (type.Length == 0)
            {
                return null;
            }
            int v = m.Verb;
            bool negated = false, future = false, background = false, subjunctive = false;
            if (v >= 0)
            {
                var form = segmented.Form(segmented.Words[v]);
                string? lemma = lemmas?[v];
                negated = form.Length > 1 && form[0] == 'ن' && (lemma is null || lemma.Length == 0 || lemma[0] != 'ن');
                if (v > first && lemmaIds[v - 1] == stage._want && segmented.Form(segmented.Words[v - 1]).Contains("خواه", StringComparison.Ordinal))
                {
                    future = true;
                    negated |= segmented.Form(segmented.Words[v - 1]).StartsWith("نخواه", StringComparison.Ordinal);
                }
                subjunctive = IsSubjunctive(form, lemma);
                for (int w = v + 1; w < Math.Min(end, v + 3); w++)
                {
                    if (lemmaIds[w] == stage._was && stage._was >= 0)
                    {
                        background = true;
                    }
                }
            }
            for (int w = first; w < m.First; w++)
            {
                int id = formIds[w];
                if (id < 0)
                {
                    continue;
                }
                if (id == stage._if || id == stage._if2)
                {
                    background = true;
                }
                if ((id == stage._plan || id == stage._intent) && w + 1 < end && (formIds[w + 1] == stage._is || formIds[w + 1] == stage._has || formIds[w + 1] == stage._have))
                {
                    future = true;
                }
                if (id == stage._earlier || id == stage._earlier2 || id == stage._before && w + 2 < end && formIds[w + 1] == stage._from && formIds[w + 2] == stage._this
                    || id == stage._year && w + 1 < end && formIds[w + 1] == stage._past)
                {
                    background = true;
                }
            }
            // «… تا آلمان با آن موافقت کند»: a subjunctive states a wish, purpose or condition, not an act that happened
            // (unless a plan or intent makes it an announced one: «قرار است … دیدار کند»).
            if (subjunctive && !future)
            {
                background = true;
            }
            if (negated)
            {
                if (type is "AGREE" or "SUPPORT" or "CONSULT" or "COOPERATE" or "AID" or "CONCEDE" or "RETREAT")
                {
                    type = "REJECT";
                    cameo = "120";
                    mode = "";
                }
                else
                {
                    // «محکوم نکرد», «رد نکرد»: nothing happened.
                    return null;
                }
            }
            else if (future)
            {
                if (type is "CONSULT" or "COOPERATE" or "AID" or "SUPPORT" or "RETREAT" or "CONCEDE")
                {
                    cameo = type == "CONSULT" ? "036" : "030";
                    type = "AGREE";
                    mode = "";
                }
                else if (type is "ASSAULT" or "COERCE" or "SANCTION" or "MOBILIZE")
                {
                    cameo = type == "ASSAULT" ? "138" : "130";
                    type = "THREATEN";
                    mode = "";
                }
            }
            code = CameoTable.Find(cameo) ?? code;
            var words = segmented.Words;
            var repaired = new TextSpan(words[m.First].Start, words[m.End - 1].End - words[m.First].Start);
            var trigger = string.Join(' ', m.Positions.Select(w => segmented.Form(words[w]).ToString()));
            return new PoliticalEvent
            {
                Type = type,
                Mode = mode,
                Context = code?.Context ?? [],
                Actor = actor,
                Recipients = recipients,
                Cameo = cameo,
                CameoName = code?.Name ?? "",
                Goldstein = code?.Goldstein ?? 0,
                Quad = CameoTable.Quad(type),
                TriggerText = trigger,
                TriggerSpan = segmented.Text.ToSource(repaired),
                Sentence = s,
                Negated = negated,
                Tier = background ? "background" : "core",
                Attribution = attribution,
                Confidence = Math.Round(actor.Confidence * (explicitSubject ? 1 : 0.7), 2),
            };
        }

        private static readonly HashSet<string> SubjunctiveLightVerbs = new(StringComparer.Ordinal)
        {
            "کند", "کنند", "کنیم", "کنم", "شود", "شوند", "دهد", "دهند", "نماید", "نمایند", "گیرد", "گیرند", "گردد", "گردند",
            "بکند", "بکنند", "بدهد", "بدهند", "بشود", "بشوند", "بگیرد", "بگیرند",
        };

        /// <summary>A present subjunctive: a bare light verb («کند», «شود») or «ب» + present stem («بپذیرد»).</summary>
        private static bool IsSubjunctive(ReadOnlySpan<char> form, string? lemma)
        {
            var key = form.ToString();
            if (SubjunctiveLightVerbs.Contains(key))
            {
                return true;
            }
            return form.Length > 3 && form[0] == 'ب' && (form[^1] == 'د' || form.EndsWith("ند")) && lemma is { Length: > 0 } && lemma[0] != 'ب';
        }

        private static string Key(ActorMention m) => m.Cameo.Length > 6 || m.Cameo.StartsWith("IGO", StringComparison.Ordinal) && m.Cameo.Length > 3 ? m.Cameo : m.Country + "/" + m.Sector;

        private static bool SameActor(ActorMention a, ActorMention b) => Key(a) == Key(b);

        /// <summary>One event per (actor, type, recipients): a statement whose recipients are a subset (or a superset) of an earlier one's restates it.</summary>
        private void Add(PoliticalEvent ev)
        {
            var keys = ev.Recipients.Select(Key).ToHashSet(StringComparer.Ordinal);
            foreach (var old in Events)
            {
                if (old.Type != ev.Type || old.Actor.Country != ev.Actor.Country || old.Actor.Sector != ev.Actor.Sector)
                {
                    continue;
                }
                var oldKeys = old.Recipients.Select(Key).ToHashSet(StringComparer.Ordinal);
                if (oldKeys.IsSubsetOf(keys) || keys.IsSubsetOf(oldKeys))
                {
                    if (!oldKeys.IsSupersetOf(keys))
                    {
                        var union = old.Recipients.ToList();
                        union.AddRange(ev.Recipients.Where(r => !oldKeys.Contains(Key(r))).DistinctBy(Key));
                        old.Recipients = union;
                    }
                    old.Restatements.Add(ev.TriggerSpan);
                    if (old.Mode.Length == 0)
                    {
                        old.Mode = ev.Mode;
                    }
                    if (ev.Tier == "core")
                    {
                        old.Tier = "core";
                    }
                    return;
                }
            }
            if (ev.Type == "CONSULT" && ev.Recipients.Count > 0 && ev.Tier == "core")
            {
                _lastMeeting = (ev.Actor, [.. ev.Recipients], ev.Sentence);
            }
            var distinct = ev.Recipients.DistinctBy(Key).ToList();
            if (distinct.Count != ev.Recipients.Count)
            {
                ev.Recipients = distinct;
            }
            Events.Add(ev);
        }
    }
}
