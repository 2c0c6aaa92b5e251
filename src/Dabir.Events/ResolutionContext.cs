using Dabir.Segmentation;
using Dabir.Tagging;
using Dabir.Text;

namespace Dabir.Events;

/// <summary>Resolves one document's dictionary matches into actor mentions, carrying the discourse (last person, country, organization …) across sentences.</summary>
internal sealed class ResolutionContext(ActorDictionary dictionary, SegmentedText segmented, string publisher, bool publisherAssumed, int month)
{
    // Words that may stand between a role and its complement: «نخست‌وزیر موقت عراق», «مقامات دولتی گرجستان».
    private static readonly HashSet<string> Modifiers = new(["موقت", "سابق", "پیشین", "اسبق", "جدید", "کنونی", "فعلی", "وقت", "ارشد", "دولتی", "رسمی",
        "عالیرتبه", "نظامی", "امنیتی", "دیپلماتیک", "منتخب", "مستعفی", "برکنارشده", "محترم", "دائم", "ویژه", "اول", "دوم"], StringComparer.Ordinal);

    private static readonly HashSet<string> Former = new(["سابق", "پیشین", "اسبق", "مستعفی", "برکنارشده"], StringComparer.Ordinal);

    private static readonly HashSet<string> Prepositions = new(["از", "با", "به", "در", "برای", "علیه", "توسط", "سوی", "طرف", "مواضع", "موضع"], StringComparer.Ordinal);
    private Pending? _lastPerson, _lastCountry, _lastOrganization, _lastRegime, _lastGroup, _lastMedia, _lastSubject, _sentenceSubject;
    private readonly List<Pending> _recentPeople = [];
    private bool _inComplement;

    // Surnames of people named in full earlier in the article: «دیوید کامرون» then «کامرون» (not Cameroon).
    private readonly Dictionary<string, Pending> _surnames = new(StringComparer.Ordinal);

    /// <summary>True when <paramref name="folded"/> is the surname of a person named in full earlier in the article.</summary>
    public bool IsSurname(ReadOnlySpan<char> folded) => _surnames.Count > 0 && _surnames.GetAlternateLookup<ReadOnlySpan<char>>().ContainsKey(folded);

    private sealed class Pending
    {
        public int First;
        public int End;
        public string Id = "";
        public string Name = "";
        public string Country = "";
        public string Sector = "";
        public string Cameo = "";
        public string Resolution = "alias";
        public double Confidence = 0.9;
        public ActorKind Kind;
        public string OrgKind = "";
        public bool IsName;
        public bool IsRole;
        public bool IsLocation;
        public bool IsVague;
        public bool IsAttribution;
        public bool IsDomestic;
        public bool DateAssumed;
        public int Head = -1;
    }

    public void ResolveSentence(int sentence, int first, int end, List<RawMatch> raw, List<ActorMention> output)
    {
        var words = segmented.Words;
        int colon = -1;
        for (int w = first; w < end; w++)
        {
            var f = segmented.Form(words[w]);
            if (f is ":")
            {
                colon = w;
                break;
            }
        }
        int that = -1;
        for (int w = first; w < end; w++)
        {
            if (segmented.Form(words[w]) is "که")
            {
                that = w;
                break;
            }
        }
        var local = new List<Pending>();
        bool seenActor = false;
        Pending? firstSpeaker = null;
        Pending? speaker = null;
        _sentenceSubject = null;
        for (int i = 0; i < raw.Count; i++)
        {
            var m = raw[i];
            if (colon >= 0 && m.First > colon && speaker is null)
            {
                speaker = firstSpeaker ?? _lastPerson;
            }
            bool quoted = colon >= 0 && m.First > colon;
            string before = m.First > first ? Fold.Word(segmented.Form(words[m.First - 1])) : "";
            bool attribution = IsAttribution(m.First, first);
            bool subjectPosition = !attribution && !Prepositions.Contains(before) && !seenActor;
            // «X مدعی شد که Y از او خواسته»: a pronoun in a complement clause is the main clause's subject.
            _inComplement = that >= 0 && m.First > that && _sentenceSubject is not null;
            var p = Resolve(raw, ref i, quoted ? speaker : null, subjectPosition);
            if (p is null)
            {
                continue;
            }
            // «الجزیره گزارش داد: …», «خبرگزاری فارس، …» at a sentence start: the medium credits, it does not act.
            p.IsAttribution = attribution || p.Sector == "JRN" && p.End < end
                && (Fold.Word(segmented.Form(words[p.End])) is ":" or "گزارش" or "نوشت" || p.First == first && segmented.Form(words[p.End]) is "،" or ",");
            if (before == "در" && p.Kind is ActorKind.Capital or ActorKind.Country or ActorKind.Region)
            {
                p.IsLocation = true;
            }
            local.Add(p);
            if (firstSpeaker is null && (p.IsName || p.IsRole) && p.Country.Length > 0)
            {
                firstSpeaker = p;
            }
            if (!p.IsLocation && !p.IsAttribution)
            {
                seenActor = true;
                if (subjectPosition && (p.IsName || p.IsRole || p.Kind == ActorKind.Person) && p.Country.Length > 0)
                {
                    _sentenceSubject = p;
                    _lastSubject = p;
                }
                Remember(p);
            }
        }
        LinkAppositions(local, first);
        int baseIndex = output.Count;
        foreach (var p in local)
        {
            var span = new TextSpan(words[p.First].Start, words[p.End - 1].End - words[p.First].Start);
            output.Add(new ActorMention
            {
                Span = segmented.Text.ToSource(span),
                Text = segmented.Text.Text.Substring(span.Start, span.Length),
                ActorId = p.Id,
                Name = p.Name,
                Country = p.Country,
                Sector = p.Sector,
                Cameo = p.Cameo,
                Resolution = p.Resolution,
                Confidence = p.Confidence,
                Sentence = sentence,
                FirstWord = p.First,
                WordCount = p.End - p.First,
                DateAssumed = p.DateAssumed,
                Kind = p.Kind,
                Head = p.Head < 0 ? -1 : baseIndex + p.Head,
                IsLocation = p.IsLocation,
                IsVague = p.IsVague,
                IsAttribution = p.IsAttribution,
                IsDomestic = p.IsDomestic,
            });
        }
    }

    /// <summary>True when only modifiers (at most two) stand between a role ending at <paramref name="end"/> and a mention at <paramref name="next"/>.</summary>
    private bool Adjacent(int end, int next, out bool former)
    {
        former = false;
        if (next < end || next - end > 2)
        {
            return false;
        }
        for (int w = end; w < next; w++)
        {
            string f = Fold.Word(segmented.Form(segmented.Words[w]));
            if (!Modifiers.Contains(f) && f is not ("«" or "»" or "\"" or "“" or "”"))
            {
                return false;
            }
            former |= Former.Contains(f);
        }
        return true;
    }

    private bool IsAttribution(int firstWord, int sentenceFirst)
    {
        var words = segmented.Words;
        if (firstWord - 1 < sentenceFirst)
        {
            return false;
        }
        if (sentenceFirst + 1 < words.Count && Fold.Word(segmented.Form(words[sentenceFirst])) == "به" && Fold.Word(segmented.Form(words[sentenceFirst + 1])) == "گزارش")
        {
            // «به گزارش خبرنگار سیاسی خبرگزاری فارس، …»: the credit runs to the first comma.
            bool comma = false;
            for (int w = sentenceFirst; w < firstWord; w++)
            {
                if (segmented.Form(words[w]) is "،" or ",")
                {
                    comma = true;
                    break;
                }
            }
            if (!comma)
            {
                return true;
            }
        }
        string prev = Fold.Word(segmented.Form(words[firstWord - 1]));
        if (prev == "گزارش")
        {
            return true;
        }
        return prev == "از" && firstWord - 2 >= sentenceFirst && Fold.Word(segmented.Form(words[firstWord - 2])) == "نقل";
    }

    private Pending? Resolve(List<RawMatch> raw, ref int i, Pending? speaker, bool subjectPosition = false)
    {
        var m = raw[i];
        if (m.End - m.First == 1 && _surnames.TryGetValue(Fold.Word(segmented.Form(segmented.Words[m.First])), out var named0))
        {
            return new Pending
            {
                First = m.First, End = m.End, Id = named0.Id, Name = named0.Name, Country = named0.Country, Sector = named0.Sector,
                Cameo = named0.Cameo, Kind = ActorKind.Person, IsName = true, Resolution = "alias", Confidence = 0.8,
            };
        }
        if (m.Rows.Length == 0)
        {
            // A name the tagger found that the dictionary does not know: kept so that an apposition can give it a role.
            return new Pending
            {
                First = m.First, End = m.End, Kind = m.Label == EntityLabel.Person ? ActorKind.Person : ActorKind.Organization,
                IsName = m.Label == EntityLabel.Person, Id = "", Name = "", Resolution = "alias", Confidence = 0.3,
            };
        }
        var rows = m.Rows.Select(r => dictionary.Records[r]).ToArray();
        var role = Array.Find(rows, r => r.Kind == ActorKind.Role);
        var honorific = Array.Find(rows, r => r.Kind == ActorKind.Honorific);
        bool former = false;
        bool hasNext = i + 1 < raw.Count && raw[i + 1].Rows.Length > 0 && Adjacent(m.End, raw[i + 1].First, out former);
        if (honorific is not null && rows.All(r => r.Kind == ActorKind.Honorific))
        {
            // «دکتر», «آیت‌الله»: the name after it decides; the honorific joins its span.
            if (hasNext)
            {
                i++;
                var next = Resolve(raw, ref i, speaker);
                if (next is not null)
                {
                    next.First = m.First;
                }
                return next;
            }
            return null;
        }
        if (role is not null && role.Rule == RoleRule.Complement && hasNext)
        {
            var nextRows = raw[i + 1].Rows.Select(r => dictionary.Records[r]).ToArray();
            if (nextRows.Any(r => r.Kind is ActorKind.Country or ActorKind.Demonym or ActorKind.Organization or ActorKind.Capital or ActorKind.Government or ActorKind.Role or ActorKind.Anaphor or ActorKind.Person))
            {
                i++;
                var complement = Resolve(raw, ref i, speaker);
                if (complement is not null && complement.Country.Length > 0)
                {
                    former |= role.Sector == "ELI";
                    return new Pending
                    {
                        First = m.First, End = complement.End, Id = complement.Id, Kind = ActorKind.Role, IsRole = true,
                        Name = $"{role.Name} ({complement.Name})", Country = complement.Country,
                        Sector = former ? "ELI" : role.Sector.Length > 0 && complement.Sector != "IGO" ? role.Sector : complement.Sector.Length > 0 ? complement.Sector : role.Sector,
                        Cameo = complement.Cameo.Length >= 3 && role.Sector.Length == 3 && complement.Sector != "IGO" ? complement.Cameo[..3] + role.Sector : complement.Cameo,
                        Resolution = complement.Resolution is "publisher" ? "publisher" : "role",
                        Confidence = Math.Min(0.9, complement.Confidence),
                        OrgKind = complement.OrgKind,
                    };
                }
                return complement;
            }
        }
        var person = ChoosePerson(rows);
        if (person is not null)
        {
            person.First = m.First;
            person.End = m.End;
            RememberSurname(person);
            return person;
        }
        var named = Array.Find(rows, r => r.Kind is ActorKind.Organization or ActorKind.Country or ActorKind.Capital or ActorKind.Government or ActorKind.Demonym or ActorKind.Region);
        if (named is not null)
        {
            var p = FromRecord(named, m);
            if (named.Kind == ActorKind.Organization && ((named.Flags & ActorFlags.PublisherRelative) != 0 || named.Role == "state-body") && hasNext
                && raw[i + 1].Rows.Select(r => dictionary.Records[r]).FirstOrDefault(r => r.Kind is ActorKind.Country or ActorKind.Demonym) is { } state)
            {
                // «دستگاه قضایی شیلی», «وزارت خارجه برزیل»: the body of the state named after it.
                i++;
                p.End = raw[i].End;
                p.Country = state.Country;
                p.Id = state.Country + "-" + p.Sector;
                p.Cameo = state.Country + p.Sector;
                p.Name = $"{named.Name} ({state.Name})";
                p.Resolution = "role";
                return p;
            }
            if ((named.Flags & ActorFlags.PublisherRelative) != 0)
            {
                string country = speaker?.Country is { Length: 3 } sc ? sc : publisher;
                p.Country = country;
                p.Cameo = named.Cameo.Length >= 3 && named.Cameo[..3] == named.Country ? country + named.Cameo[3..] : country;
                p.Id = named.Country == country ? named.Id : country;
                p.Resolution = "publisher";
                p.Confidence = publisherAssumed ? 0.5 : 0.85;
            }
            return p;
        }
        if (role is not null)
        {
            string? country = role.Rule switch
            {
                RoleRule.Fixed => role.Country,
                RoleRule.Publisher => speaker?.Country is { Length: 3 } sc ? sc : publisher,
                RoleRule.Complement when (role.Flags & ActorFlags.PublisherRelative) != 0 => speaker?.Country is { Length: 3 } sc2 ? sc2 : publisher,
                _ => null,
            };
            // «این سرباز», «آن مقام»: a demonstrative makes a bare role anaphoric, not the publisher's.
            if (m.First > 0 && Fold.Word(segmented.Form(segmented.Words[m.First - 1])) is "این" or "آن" or "همین")
            {
                country = null;
            }
            if (country is null)
            {
                return new Pending
                {
                    First = m.First, End = m.End, Kind = ActorKind.Role, IsRole = true, Name = role.Name, Sector = role.Sector, Confidence = 0.2,
                    IsDomestic = (role.Flags & ActorFlags.Domestic) != 0,
                };
            }
            return new Pending
            {
                First = m.First, End = m.End, Id = role.Cameo.Length > 6 ? role.Cameo : country, Kind = ActorKind.Role, IsRole = true, Name = $"{role.Name} ({country})",
                Country = country, Sector = role.Sector.Length > 0 ? role.Sector : "GOV",
                Cameo = role.Cameo.Length > 0 ? role.Cameo : country + (role.Sector.Length > 0 ? role.Sector : "GOV"),
                IsVague = (role.Flags & ActorFlags.Vague) != 0,
                Resolution = role.Rule == RoleRule.Fixed ? "role" : "publisher", Confidence = role.Rule == RoleRule.Fixed ? 0.85 : 0.6,
            };
        }
        var anaphor = Array.Find(rows, r => r.Kind == ActorKind.Anaphor);
        if (anaphor is not null)
        {
            var target = anaphor.Rule switch
            {
                RoleRule.AnaphorPerson when _inComplement && !subjectPosition => _sentenceSubject,
                RoleRule.AnaphorPerson => subjectPosition ? _lastSubject ?? _lastPerson : _recentPeople.FindLast(q => _sentenceSubject is null || q.Country != _sentenceSubject.Country || q.Sector != _sentenceSubject.Sector) ?? _lastPerson,
                RoleRule.AnaphorCountry => _lastCountry,
                RoleRule.AnaphorRegime => _lastRegime,
                RoleRule.AnaphorOrganization => _lastOrganization,
                RoleRule.AnaphorGroup => _lastGroup ?? _lastOrganization,
                RoleRule.AnaphorOwnCountry => _lastPerson,
                RoleRule.AnaphorSpeaker => speaker,
                RoleRule.AnaphorMedia => _lastMedia,
                _ => null,
            };
            var p = new Pending { First = m.First, End = m.End, Kind = ActorKind.Anaphor, Resolution = "anaphor", Confidence = 0.3 };
            if (target is not null && target.Country.Length > 0)
            {
                p.Id = target.Id;
                p.Name = target.Name;
                p.Country = target.Country;
                p.Sector = target.Sector;
                p.Cameo = target.Cameo;
                p.Confidence = 0.7;
                p.IsName = false;
                p.OrgKind = target.OrgKind;
                if (anaphor.Rule == RoleRule.AnaphorOwnCountry)
                {
                    p.Id = target.Country;
                    p.Name = target.Country;
                    p.Sector = "";
                    p.Cameo = target.Country;
                    p.Kind = ActorKind.Country;
                }
                else
                {
                    p.Kind = target.Kind is ActorKind.Role ? ActorKind.Person : target.Kind;
                }
            }
            return p;
        }
        return null;
    }

    private void RememberSurname(Pending person)
    {
        if (person.End - person.First >= 2)
        {
            _surnames[Fold.Word(segmented.Form(segmented.Words[person.End - 1]))] = person;
        }
    }

    private Pending? ChoosePerson(ActorRecord[] rows)
    {
        var people = rows.Where(r => r.Kind == ActorKind.Person).ToArray();
        if (people.Length == 0)
        {
            return null;
        }
        ActorRecord? spell;
        bool assumed = false;
        if (month >= 0)
        {
            spell = Array.Find(people, r => r.Start <= month && month <= r.End);
            if (spell is null)
            {
                // Outside every spell: a former official (codebook 3.2.4), of their own country.
                var any = people[0];
                return new Pending
                {
                    Id = any.Id, Name = any.Name, Country = any.Nationality, Sector = "ELI", Cameo = any.Nationality + "ELI",
                    Kind = ActorKind.Person, IsName = true, Resolution = "alias", Confidence = 0.6,
                };
            }
        }
        else
        {
            spell = people.MaxBy(r => (r.End == int.MaxValue ? 1 : 0, r.Start));
            assumed = people.Select(r => r.Cameo).Distinct(StringComparer.Ordinal).Skip(1).Any();
        }
        return new Pending
        {
            Id = spell!.Id, Name = spell.Name, Country = spell.Country, Sector = spell.Sector, Cameo = spell.Cameo,
            Kind = ActorKind.Person, IsName = true, Resolution = "alias", Confidence = assumed ? 0.6 : 0.9, DateAssumed = assumed,
        };
    }

    private static Pending FromRecord(ActorRecord r, RawMatch m) => new()
    {
        IsVague = (r.Flags & ActorFlags.Vague) != 0,
        First = m.First, End = m.End, Id = r.Id, Name = r.Name, Country = r.Country, Sector = r.Sector, Cameo = r.Cameo,
        Kind = r.Kind, OrgKind = r.Kind == ActorKind.Organization ? r.Role : "",
        Confidence = (r.Flags & ActorFlags.Ambiguous) != 0 ? 0.5 : 0.9,
    };

    private void Remember(Pending p)
    {
        if (p.Country.Length == 0 && !p.IsName)
        {
            return;
        }
        switch (p.Kind)
        {
            case ActorKind.Person:
            case ActorKind.Role when p.Sector is not ("" or "IGO") || p.IsRole:
                _lastPerson = p;
                if (p.Country.Length > 0)
                {
                    _recentPeople.Add(p);
                    if (_recentPeople.Count > 6)
                    {
                        _recentPeople.RemoveAt(0);
                    }
                }
                break;
            case ActorKind.Country or ActorKind.Capital or ActorKind.Government or ActorKind.Demonym:
                _lastCountry = p;
                break;
            case ActorKind.Organization:
                _lastOrganization = p;
                if (p.OrgKind is "armed-group" or "party")
                {
                    _lastGroup = p;
                }
                break;
        }
        // «یک روزنامه روسی … این روزنامه»: a medium named in the story (not the publisher's own reporters).
        if (p.Sector == "JRN" && p.Resolution != "publisher")
        {
            _lastMedia = p;
        }
        if (p.Kind is ActorKind.Government or ActorKind.Capital || p.Cameo.EndsWith("GOV", StringComparison.Ordinal) && p.Kind != ActorKind.Person && !p.IsRole)
        {
            _lastRegime = p;
        }
        if (p.Kind is ActorKind.Role && p.Country is "IGO" or "UNO" or "EUR")
        {
            // «دبیرکل اتحادیه آلبا» then «این سازمان»: the organization behind the role.
            _lastOrganization = p;
        }
    }

    private void LinkAppositions(List<Pending> local, int sentenceFirst)
    {
        var words = segmented.Words;
        for (int j = 0; j + 1 < local.Count; j++)
        {
            var a = local[j];
            var b = local[j + 1];
            int gap = b.First - a.End;
            if (gap < 0 || gap > 2)
            {
                continue;
            }
            bool comma = true, paren = false;
            for (int w = a.End; w < b.First; w++)
            {
                var f = segmented.Form(words[w]);
                if (f is "(" or "«" or "\"")
                {
                    paren = true;
                }
                else if (f is not ("،" or "," or ")" or "»" or "\""))
                {
                    comma = false;
                }
            }
            if (!comma)
            {
                continue;
            }
            bool aName = a.IsName && a.Kind == ActorKind.Person, bName = b.IsName && b.Kind == ActorKind.Person;
            bool aRole = a.IsRole, bRole = b.IsRole;
            if (aName && bRole || bName && aRole)
            {
                var name = aName ? a : b;
                var role = aName ? b : a;
                if (name.Country.Length == 0 && role.Country.Length > 0)
                {
                    RememberSurname(name);
                    name.Country = role.Country;
                    name.Sector = role.Sector;
                    name.Cameo = role.Cameo;
                    name.Id = role.Id;
                    name.Name = role.Name;
                    name.Resolution = "apposition";
                    name.Confidence = 0.7;
                    Remember(name);
                }
                else if (role.Country.Length == 0 && name.Country.Length > 0)
                {
                    role.Country = name.Country;
                    role.Sector = name.Sector;
                    role.Cameo = name.Cameo;
                    role.Resolution = "apposition";
                }
                b.Head = j;
            }
            else if (paren && a.Id.Length > 0 && (a.Id == b.Id || a.Kind == b.Kind && a.Country == b.Country))
            {
                b.Head = j;
            }
        }
        _ = sentenceFirst;
    }
}
