namespace Dabir.Segmentation;

/// <summary>What a token is, as decided by its characters alone.</summary>
public enum TokenKind : byte
{
    /// <summary>A Persian (Arabic-script) word; a half-space inside keeps it one token.</summary>
    Word,

    /// <summary>A number in Persian, Arabic-Indic or Latin digits, with separators, dates and times (e.g. «۳٫۵», «۱۴۰۲/۰۸/۲۵», «12:30»).</summary>
    Number,

    /// <summary>A punctuation mark, or a run of the same kind of mark («...», «؟!»).</summary>
    Punctuation,

    /// <summary>A word in Latin or another non-Arabic script, possibly with digits («COVID-19», «F16»).</summary>
    Latin,

    /// <summary>A web address.</summary>
    Url,

    /// <summary>An e-mail address.</summary>
    Email,

    /// <summary>A hashtag («#ایران»).</summary>
    Hashtag,

    /// <summary>A mention («@user»).</summary>
    Mention,

    /// <summary>An emoji with its modifiers and joined sequence.</summary>
    Emoji,

    /// <summary>An abbreviation written with dots between letters («ج.ا.ا», «ه.ش»).</summary>
    Abbreviation,

    /// <summary>Any other symbol (%, ٪, $, ...).</summary>
    Symbol,
}
