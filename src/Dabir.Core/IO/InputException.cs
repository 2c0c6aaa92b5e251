using System.Globalization;
using System.Text;

namespace Dabir.IO;

/// <summary>Why an input (a file, a stream, one record of a batch) could not be read.</summary>
public enum InputErrorReason
{
    /// <summary>A byte sequence that is not valid UTF-8.</summary>
    InvalidUtf8,

    /// <summary>A NUL byte: the input is a binary file, not text.</summary>
    Binary,

    /// <summary>A UTF-16 byte order mark: the input must be converted to UTF-8 first.</summary>
    Utf16,

    /// <summary>A file or record over the configured size limit.</summary>
    TooLarge,

    /// <summary>Text that is not well-formed for what it should be (an unpaired surrogate, a bad value).</summary>
    Malformed,

    /// <summary>A record that is not valid JSON.</summary>
    InvalidJson,

    /// <summary>A JSON record that is not an object.</summary>
    NotAnObject,

    /// <summary>An HTML page that could not be read as one.</summary>
    InvalidHtml,

    /// <summary>Nothing to read: an empty page, no article found.</summary>
    Empty,

    /// <summary>No such file or folder.</summary>
    NotFound,

    /// <summary>A folder where a file was expected, or the other way round.</summary>
    WrongKind,

    /// <summary>The file exists but could not be read (permissions, an I/O error).</summary>
    Unreadable,
}

/// <summary>
/// An input that could not be read: what is wrong (<see cref="Reason"/>, <see cref="Detail"/>), where (the
/// <see cref="Path"/>, the record's <see cref="Line"/> or <see cref="RecordId"/>, and the <see cref="ByteOffset"/>
/// or <see cref="CharOffset"/> where known). The one input-error type of every layer: the CLI maps it to exit
/// code 2, a batch to one line of its errors file.
/// </summary>
public sealed class InputException : Exception
{
    /// <summary>Creates the exception; the locator is added later with <see cref="At"/> by whoever knows it.</summary>
    /// <param name="reason">What is wrong.</param>
    /// <param name="detail">What is wrong, in words, without the location (e.g. <c>invalid UTF-8 at byte offset 12</c>).</param>
    /// <param name="byteOffset">Offset of the first offending byte from the start of the input or record.</param>
    /// <param name="charOffset">Offset of the first offending character, when the problem was found in decoded text.</param>
    /// <param name="innerException">The cause.</param>
    public InputException(InputErrorReason reason, string detail, long? byteOffset = null, long? charOffset = null, Exception? innerException = null)
        : base(detail, innerException)
    {
        ArgumentNullException.ThrowIfNull(detail);
        Reason = reason;
        Detail = detail;
        ByteOffset = byteOffset;
        CharOffset = charOffset;
    }

    /// <summary>Creates the exception with reason <see cref="InputErrorReason.Malformed"/>.</summary>
    public InputException()
        : this(InputErrorReason.Malformed, "unreadable input")
    {
    }

    /// <summary>Creates the exception with reason <see cref="InputErrorReason.Malformed"/>.</summary>
    public InputException(string message)
        : this(InputErrorReason.Malformed, message)
    {
    }

    /// <summary>Creates the exception with reason <see cref="InputErrorReason.Malformed"/>.</summary>
    public InputException(string message, Exception innerException)
        : this(InputErrorReason.Malformed, message, innerException: innerException)
    {
    }

    /// <summary>What is wrong with the input.</summary>
    public InputErrorReason Reason { get; }

    /// <summary>The short, stable name of <see cref="Reason"/> used in errors files (<c>invalid-utf8</c>, <c>too-large</c>, …).</summary>
    public string ReasonCode => CodeOf(Reason);

    /// <summary>What is wrong, without the location.</summary>
    public string Detail { get; }

    /// <summary>Offset of the first offending byte from the start of the input (or of the record), when known.</summary>
    public long? ByteOffset { get; }

    /// <summary>Offset of the first offending character in the decoded text, when known.</summary>
    public long? CharOffset { get; }

    /// <summary>The file the input came from; null for standard input or when not known.</summary>
    public string? Path { get; private init; }

    /// <summary>The 1-based line of the record in a JSONL file.</summary>
    public long? Line { get; private init; }

    /// <summary>The record's locator or id when it is neither a file nor a line (a queue message, an archive entry).</summary>
    public string? RecordId { get; private init; }

    /// <summary>Where, as people read it: <c>PATH:LINE</c>, <c>PATH</c>, the record id, or empty.</summary>
    public string Location
    {
        get
        {
            var where = new StringBuilder();
            if (Path is not null)
            {
                where.Append(Path);
                if (Line is { } line)
                {
                    where.Append(':').Append(line.ToString(CultureInfo.InvariantCulture));
                }
            }
            else if (RecordId is not null)
            {
                where.Append(RecordId);
            }
            else if (Line is { } line)
            {
                where.Append("line ").Append(line.ToString(CultureInfo.InvariantCulture));
            }
            return where.ToString();
        }
    }

    /// <summary>What and where: <c>LOCATION: DETAIL</c>, or the detail alone while the location is unknown.</summary>
    public override string Message => Location is { Length: > 0 } where ? $"{where}: {Detail}" : Detail;

    /// <summary>
    /// The same error located at a file, a line in it, or a record id (values already known are kept, so the
    /// innermost reader's locator wins).
    /// </summary>
    public InputException At(string? path, long? line = null, string? recordId = null) =>
        new(Reason, Detail, ByteOffset, CharOffset, InnerException)
        {
            Path = Path ?? path,
            Line = Line ?? line,
            RecordId = RecordId ?? recordId,
        };

    /// <summary>The short name of a reason as written in errors files.</summary>
    public static string CodeOf(InputErrorReason reason) => reason switch
    {
        InputErrorReason.InvalidUtf8 => "invalid-utf8",
        InputErrorReason.Binary => "binary",
        InputErrorReason.Utf16 => "utf16",
        InputErrorReason.TooLarge => "too-large",
        InputErrorReason.Malformed => "malformed",
        InputErrorReason.InvalidJson => "invalid-json",
        InputErrorReason.NotAnObject => "not-an-object",
        InputErrorReason.InvalidHtml => "invalid-html",
        InputErrorReason.Empty => "no-content",
        InputErrorReason.NotFound => "not-found",
        InputErrorReason.WrongKind => "wrong-kind",
        InputErrorReason.Unreadable => "unreadable",
        _ => "invalid-input",
    };
}
