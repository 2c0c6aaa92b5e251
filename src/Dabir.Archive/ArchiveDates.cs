using System.Globalization;
using Dabir.IO;
using Dabir.News.Dates;

namespace Dabir.Archive;

/// <summary>Dates typed by a user for the <c>--from</c>/<c>--to</c> filters: Gregorian or Jalali, numeric or named, Persian or ASCII digits.</summary>
public static class ArchiveDates
{
    /// <summary>The Gregorian date of <paramref name="value"/> («2009-06-21», «1388/03/31», «۳۱ خرداد ۱۳۸۸»), or null when it is not a date.</summary>
    public static DateOnly? Parse(string value)
    {
        // The record's own date-field parser: the same reading of Jalali and Gregorian as the published dates stored.
        var mention = DateFinder.ParseField(value);
        return mention?.Iso is { Length: >= 10 } iso && DateOnly.TryParseExact(iso[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
    }

    /// <summary>The date a <c>from</c>/<c>to</c> filter names; an <see cref="InputException"/> saying what is accepted when it is not a date.</summary>
    /// <param name="name">The filter's name as the user typed it (<c>--from</c>, <c>from</c>).</param>
    /// <param name="value">The value.</param>
    public static DateOnly ParseFilter(string name, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return Parse(value) ?? throw new InputException(InputErrorReason.Malformed, $"{name}: '{value}' is not a date (2009-06-21, 1388/03/31 or ۳۱ خرداد ۱۳۸۸)");
    }
}
