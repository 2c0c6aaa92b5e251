namespace Dabir.Events;

/// <summary>What a dictionary row names.</summary>
public enum ActorKind
{
    /// <summary>A state by its name («ایران», «جمهوری اسلامی ایران»).</summary>
    Country,
    /// <summary>A capital standing for its government («تهران», «واشنگتن»).</summary>
    Capital,
    /// <summary>A nationality adjective or plural («آمریکایی», «روس‌ها»).</summary>
    Demonym,
    /// <summary>A name for a state's government («رژیم صهیونیستی», «کاخ سفید» is an organization).</summary>
    Government,
    /// <summary>A region or part of a state («غزه» as PSE-GAZA).</summary>
    Region,
    /// <summary>An organization: IGO, NGO, armed group, party, state body, media.</summary>
    Organization,
    /// <summary>A person in one role spell.</summary>
    Person,
    /// <summary>A role phrase resolved by its complement, the publisher or a fixed country («وزیر امور خارجه», «دبیرکل»).</summary>
    Role,
    /// <summary>An honorific before a name («دکتر», «آیت‌الله»): not an actor by itself.</summary>
    Honorific,
    /// <summary>An anaphor resolved to an earlier mention («این کشور», «وی»).</summary>
    Anaphor,
}

/// <summary>How a role or anaphor row is resolved.</summary>
internal enum RoleRule : byte
{
    None,
    Complement,
    Publisher,
    Fixed,
    AnaphorCountry,
    AnaphorRegime,
    AnaphorOrganization,
    AnaphorGroup,
    AnaphorPerson,
    AnaphorOwnCountry,
    AnaphorSpeaker,
    AnaphorMedia,
}

/// <summary>One dictionary row, compiled: what an alias can name.</summary>
/// <param name="Id">Stable actor id (ISO3, organisation id, person slug, or <c>role:…</c>).</param>
/// <param name="Name">Canonical English name (for a person in a role spell: the person's name).</param>
/// <param name="Cameo">CAMEO-style code during the spell (empty for roles resolved by their complement).</param>
/// <param name="Country">Country in the events convention (ISO3, PSE, UNO, EUR, IGO) or empty.</param>
/// <param name="Sector">PLOVER sector or empty.</param>
/// <param name="Kind">What the row names.</param>
/// <param name="Rule">How a role or anaphor is resolved.</param>
/// <param name="Start">Spell start as months since year 0 (0 = unknown).</param>
/// <param name="End">Spell end as months since year 0 (<see cref="int.MaxValue"/> = open).</param>
/// <param name="Role">The role (people: the office; roles: the English role name).</param>
/// <param name="Nationality">A person's own country (ISO3), for the ELI code outside every spell.</param>
/// <param name="Flags">Row flags (publisher-relative, ambiguous).</param>
internal sealed record ActorRecord(
    string Id,
    string Name,
    string Cameo,
    string Country,
    string Sector,
    ActorKind Kind,
    RoleRule Rule,
    int Start,
    int End,
    string Role,
    string Nationality,
    ActorFlags Flags);

[Flags]
internal enum ActorFlags : byte
{
    None = 0,
    PublisherRelative = 1,
    Ambiguous = 2,
    Vague = 4,
    /// <summary>An unnamed group («هموطنان», «عناصر تندرو») that, with no country after it, belongs to the acting country.</summary>
    Domestic = 8,
}
